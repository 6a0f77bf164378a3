package meek.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import meek.model.ScalarOutput;
import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Variance;

/**
 * Scalar outputs in bounded memory, for N too large to keep every draw: per thread, DDSketch bins at
 * {@link #RELATIVE_ACCURACY}; per block, the mean and variance (Commons Statistics, combined in block order
 * so the result does not depend on threads) and the counts of defined and infinite values. Quantiles are
 * within the relative accuracy of the sample value at rank ⌊p·(n−1)⌋; their intervals use the same
 * order-statistic ranks as the exact path. The first {@link #HISTOGRAM_DRAWS} draws of the first output are
 * kept for its histogram.
 */
public final class ScalarSketches {

  /** Relative accuracy of streamed scalar quantiles: below the Monte Carlo error up to N ≈ 1e8. */
  public static final double RELATIVE_ACCURACY = 1e-4;

  /** Draws of the first output kept for its histogram. */
  public static final int HISTOGRAM_DRAWS = 1_000_000;

  private final int outputs;
  private final Mean[][] means;
  private final Variance[][] variances;
  private final long[][] defined;
  private final long[][] infinite;
  private final double[] histogram;
  private final List<SketchCounts> all = Collections.synchronizedList(new ArrayList<>());
  private final ThreadLocal<SketchCounts> counts;
  private final ThreadLocal<double[]> scratch;
  private SketchCounts merged;

  public ScalarSketches(int blocks, int outputs, int samples, int blockSize) {
    this.outputs = outputs;
    this.means = new Mean[blocks][];
    this.variances = new Variance[blocks][];
    this.defined = new long[blocks][];
    this.infinite = new long[blocks][];
    this.histogram = new double[Math.min(samples, HISTOGRAM_DRAWS)];
    this.counts = ThreadLocal.withInitial(() -> {
      SketchCounts c = new SketchCounts(outputs, RELATIVE_ACCURACY);
      all.add(c);
      return c;
    });
    this.scratch = ThreadLocal.withInitial(() -> new double[blockSize]);
  }

  /** Bytes needed beyond the per-thread bins: per block, a few statistics per output. */
  public static long bytesFor(int blocks, int outputs) {
    return (long) blocks * outputs * 120L + 8L * HISTOGRAM_DRAWS;
  }

  /**
   * Takes one finished block's scalars (on the worker thread that made it).
   *
   * @param from the block's first sample index
   * @param scalars {@code scalars[output][i]} of its {@code size} draws (NaN: not defined, +∞: never)
   */
  public void accept(int block, int from, double[][] scalars, int size) {
    SketchCounts c = counts.get();
    double[] x = scratch.get();
    Mean[] m = new Mean[outputs];
    Variance[] v = new Variance[outputs];
    long[] def = new long[outputs];
    long[] inf = new long[outputs];
    for (int k = 0; k < outputs; k++) {
      double[] column = scalars[k];
      int n = 0;
      for (int i = 0; i < size; i++) {
        double value = column[i];
        if (Double.isNaN(value)) {
          continue;
        }
        def[k]++;
        if (Double.isInfinite(value)) {
          inf[k]++;
        } else {
          x[n++] = value;
        }
      }
      c.add(k, x, n);
      m[k] = Mean.ofRange(x, 0, n);
      v[k] = Variance.ofRange(x, 0, n);
    }
    if (from < histogram.length) {
      System.arraycopy(scalars[0], 0, histogram, from, Math.min(from + size, histogram.length) - from);
    }
    means[block] = m;
    variances[block] = v;
    defined[block] = def;
    infinite[block] = inf;
  }

  /** The summary of output k, once every block has been reported. */
  public OutputSummary summarize(int k, ScalarOutput output) {
    synchronized (this) {
      if (merged == null) {
        merged = new SketchCounts(outputs, RELATIVE_ACCURACY);
        for (SketchCounts c : all) {
          merged.merge(c);
        }
      }
    }
    long n = 0;
    long inf = 0;
    Mean mean = Mean.create();
    Variance variance = Variance.create();
    for (int b = 0; b < means.length; b++) { // block order: identical for any thread count
      n += defined[b][k];
      inf += infinite[b][k];
      mean.combine(means[b][k]);
      variance.combine(variances[b][k]);
    }
    if (n == 0) {
      return new OutputSummary(output, 0, 0, Double.NaN, Double.NaN, List.of());
    }
    long finite = n - inf;
    double[] probs = QuantileSummarizer.PROBABILITIES;
    List<QuantileEstimate> estimates = new ArrayList<>();
    for (double p : probs) {
      double value = atRank(k, Math.floor(p * (n - 1)), finite);
      int[] ranks = QuantileSummarizer.confidenceRanks((int) Math.min(Integer.MAX_VALUE, n), p);
      boolean[] ends = QuantileSummarizer.bounded(n, p);
      estimates.add(new QuantileEstimate(p, value, ends[0] ? atRank(k, ranks[0], finite) : Double.NEGATIVE_INFINITY,
          ends[1] ? atRank(k, ranks[1], finite) : Double.POSITIVE_INFINITY));
    }
    return new OutputSummary(output, n, inf,
        inf > 0 ? Double.POSITIVE_INFINITY : mean.getAsDouble(),
        inf > 0 || n < 2 ? Double.NaN : Math.sqrt(variance.getAsDouble()), estimates);
  }

  /** The value of zero-based rank r among n defined values whose finite ones are sketched ("never" sort last). */
  private double atRank(int k, double rank, long finite) {
    return rank >= finite ? Double.POSITIVE_INFINITY : merged.valueAtRank(k, rank);
  }

  /** The finite values among the first draws of the first output, for its histogram. */
  public double[] histogramDraws() {
    return Arrays.stream(histogram).filter(Double::isFinite).toArray();
  }
}
