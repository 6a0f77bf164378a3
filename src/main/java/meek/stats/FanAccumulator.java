package meek.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import meek.model.MonteCarloModel;
import meek.sampling.BlockListener;
import meek.sampling.Block;
import meek.spec.Spec;

/**
 * Aggregates the fan block by block, on the worker threads: each thread evaluates its blocks' gaps step by
 * step and counts them ({@link SketchCounts}); the per-step sums for the mean are kept per block and added in
 * block order. Memory is O(threads × steps × bins + blocks × steps), never O(N × steps).
 */
public final class FanAccumulator implements BlockListener {

  private final MonteCarloModel model;
  private final int fan;
  private final double[] times;
  private final double step;
  private final int blockSize;
  private final double[][] blockSums;
  private final long[] blockCounts;
  private final List<Worker> workers = Collections.synchronizedList(new ArrayList<>());
  private final ThreadLocal<Worker> local = ThreadLocal.withInitial(this::newWorker);

  /**
   * @param times equally spaced from 0: t_j = j·step
   * @param blocks how many blocks the engine will report
   */
  public FanAccumulator(MonteCarloModel model, int fan, double[] times, int blocks, int blockSize) {
    if (times.length > Spec.MAX_FAN_STEPS) {
      throw new IllegalArgumentException("a fan has at most " + Spec.MAX_FAN_STEPS + " points (got " + times.length + ")");
    }
    this.model = model;
    this.fan = fan;
    this.times = times.clone();
    this.step = times.length > 1 ? times[1] - times[0] : 1;
    this.blockSize = blockSize;
    this.blockSums = new double[blocks][];
    this.blockCounts = new long[blocks];
  }

  /** Bytes this accumulator needs beyond the per-thread bins. */
  public static long bytesFor(long n, int steps, int blockSize) {
    return (n / blockSize + 1) * (8L * steps + 24);
  }

  private Worker newWorker() {
    Worker w = new Worker();
    workers.add(w);
    return w;
  }

  @Override
  public void block(Block b) {
    int block = b.index();
    int count = b.valid();
    double[][] state = b.state();
    Worker w = local.get();
    double[] sums = new double[times.length];
    w.evaluator.begin(state, count, step);
    for (int j = 0; j < times.length; j++) {
      w.evaluator.next(w.row);
      w.counts.add(j, w.row, count);
      sums[j] = sum(w.row, count);
    }
    blockSums[block] = sums;
    blockCounts[block] = count;
  }

  /**
   * Σ values[0 … count), with four partial sums: one running sum is a chain of dependent additions (4 cycles
   * each), which a profile showed at 8% of a run. The order is fixed, so the result is too.
   */
  static double sum(double[] values, int count) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < count; i += 4) {
      s0 += values[i];
      s1 += values[i + 1];
      s2 += values[i + 2];
      s3 += values[i + 3];
    }
    for (; i < count; i++) {
      s0 += values[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** The fan, once every block has been reported. */
  public FanData result(double baselineYear) {
    SketchCounts total = new SketchCounts(times.length, SketchCounts.FAN_ACCURACY);
    synchronized (workers) {
      for (Worker w : workers) {
        total.merge(w.counts);
      }
    }
    long draws = 0;
    double[] means = new double[times.length];
    for (int b = 0; b < blockSums.length; b++) { // in block order, so the sum does not depend on threads
      draws += blockCounts[b];
      if (blockSums[b] != null) {
        for (int j = 0; j < times.length; j++) {
          means[j] += blockSums[b][j];
        }
      }
    }
    double[][] quantiles = new double[times.length][];
    double[] years = new double[times.length];
    for (int j = 0; j < times.length; j++) {
      means[j] = draws == 0 ? Double.NaN : means[j] / draws;
      quantiles[j] = total.quantiles(j, QuantileSummarizer.PROBABILITIES);
      years[j] = baselineYear + times[j];
    }
    return new FanData(times.clone(), years, quantiles, means, draws, model.fans().get(fan), SketchCounts.FAN_ACCURACY, total.clamped());
  }

  private final class Worker {
    final MonteCarloModel.FanEvaluator evaluator = model.newFanEvaluator(fan, blockSize);
    final SketchCounts counts = new SketchCounts(times.length, SketchCounts.FAN_ACCURACY);
    final double[] row = new double[blockSize];
  }
}
