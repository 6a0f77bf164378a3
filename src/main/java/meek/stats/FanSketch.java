package meek.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import meek.model.Metric;

/**
 * A fan's quantiles and means over time, aggregated block by block as the draws are made: each worker
 * thread counts its blocks' values per time step into DDSketch bins ({@link SketchCounts}, one
 * {@link Counter} per thread), and each block's per-step sums are kept and added in block order, so the
 * means do not depend on threads and the counts are integers. Memory is O(threads × steps × bins +
 * blocks × steps), never O(N × steps).
 */
public final class FanSketch {

  /** Each fan quantile is within this relative error of a sample value at rank ⌊p·(n−1)⌋. */
  public static final double RELATIVE_ACCURACY = SketchCounts.FAN_ACCURACY;

  private final int steps;
  private final double[][] blockSums;
  private final long[] blockCounts;
  private final List<Counter> counters = Collections.synchronizedList(new ArrayList<>());

  /** @param blocks how many blocks will be handed in */
  public FanSketch(int steps, int blocks) {
    this.steps = steps;
    this.blockSums = new double[blocks][];
    this.blockCounts = new long[blocks];
  }

  /** Bytes a fan of n draws needs beyond the per-thread bins. */
  public static long bytesFor(long n, int steps, int blockSize) {
    return (n / blockSize + 1) * (8L * steps + 24);
  }

  /** A counter for one worker thread. */
  public Counter newCounter() {
    Counter c = new Counter();
    counters.add(c);
    return c;
  }

  /**
   * Writes what blocks [from, to) added: the bin counts of every counter (which must hold those blocks'
   * values only), then each block's draw count and per-step sums. Call once those blocks are done.
   */
  public void write(java.io.DataOutput out, int from, int to) throws java.io.IOException {
    SketchCounts total = mergedCounts();
    total.write(out);
    out.writeInt(steps);
    for (int b = from; b < to; b++) {
      if (blockSums[b] == null) {
        throw new IllegalStateException("block " + b + " was not handed in");
      }
      out.writeLong(blockCounts[b]);
      for (double s : blockSums[b]) {
        out.writeDouble(s);
      }
    }
  }

  /** Takes back blocks [from, to) as {@link #write} wrote them (merging a run's parts). */
  public void read(java.io.DataInput in, int from, int to) throws java.io.IOException {
    SketchCounts counts = SketchCounts.read(in, steps, SketchCounts.FAN_ACCURACY);
    if (in.readInt() != steps) {
      throw new java.io.IOException("a fan of another number of steps");
    }
    for (int b = from; b < to; b++) {
      long count = in.readLong();
      if (count < 0 || count > Integer.MAX_VALUE) {
        throw new java.io.IOException("block " + b + " has " + count + " draws");
      }
      double[] sums = new double[steps];
      for (int j = 0; j < steps; j++) {
        sums[j] = in.readDouble();
      }
      blockDone(b, sums, count);
    }
    counters.add(new Counter(counts));
  }

  private SketchCounts mergedCounts() {
    SketchCounts total = new SketchCounts(steps, SketchCounts.FAN_ACCURACY);
    synchronized (counters) {
      for (Counter c : counters) {
        total.merge(c.counts);
      }
    }
    return total;
  }

  /** Counts one thread's values into the bins. Not thread-safe: one per thread. */
  public final class Counter {
    private final SketchCounts counts;

    Counter() {
      this(new SketchCounts(steps, SketchCounts.FAN_ACCURACY));
    }

    private Counter(SketchCounts counts) {
      this.counts = counts;
    }

    /** Counts values[0 … count) at time step j. */
    public void add(int step, double[] values, int count) {
      counts.add(step, values, count);
    }

    /** Counts values[i] copies[i] times, i &lt; count, at time step j. */
    public void add(int step, double[] values, int[] copies, int count) {
      counts.add(step, values, copies, count);
    }
  }

  /** A finished block's per-step sums over its {@code count} draws. */
  public void blockDone(int block, double[] sums, long count) {
    blockSums[block] = sums;
    blockCounts[block] = count;
  }

  /**
   * Σ values[0 … count), with four partial sums: one running sum is a chain of dependent additions (4 cycles
   * each), which a profile showed at 8% of a run. The order is fixed, so the result is too.
   */
  public static double sum(double[] values, int count) {
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

  /**
   * The fan, once every block has been handed in.
   *
   * @param times years after the fan's t = 0, one per step
   * @param baselineYear the calendar year of t = 0
   */
  public FanData result(Metric metric, double[] times, double baselineYear) {
    SketchCounts total = mergedCounts();
    long draws = 0;
    double[] means = new double[steps];
    for (int b = 0; b < blockSums.length; b++) { // in block order, so the sum does not depend on threads
      draws += blockCounts[b];
      if (blockSums[b] != null) {
        for (int j = 0; j < steps; j++) {
          means[j] += blockSums[b][j];
        }
      }
    }
    double[][] quantiles = new double[steps][];
    double[] years = new double[steps];
    for (int j = 0; j < steps; j++) {
      means[j] = draws == 0 ? Double.NaN : means[j] / draws;
      quantiles[j] = total.quantiles(j, QuantileSummarizer.PROBABILITIES);
      years[j] = baselineYear + times[j];
    }
    return new FanData(times.clone(), years, quantiles, means, draws, metric, SketchCounts.FAN_ACCURACY, total.clamped());
  }
}
