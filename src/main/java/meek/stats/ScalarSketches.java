package meek.stats;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import meek.model.ScalarOutput;
import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Variance;

/**
 * Scalar outputs in bounded memory, for N too large to keep every draw: per thread, DDSketch bins at
 * {@link #RELATIVE_ACCURACY}; per block, the mean and variance of each output's finite values (Commons
 * Statistics) and the counts of defined and infinite values. The run's mean and variance pool the blocks in
 * block order (the exact decomposition of the sum of squares into within- and between-block parts), so they
 * do not depend on threads, and a run split into parts pools the same numbers. Quantiles are within the
 * relative accuracy of the sample value at rank ⌊p·(n−1)⌋; their intervals use the same order-statistic ranks
 * as the exact path. The first {@link #HISTOGRAM_DRAWS} draws of the first output are kept for its histogram.
 */
public final class ScalarSketches {

  /** Relative accuracy of streamed scalar quantiles: below the Monte Carlo error up to N ≈ 1e8. */
  public static final double RELATIVE_ACCURACY = 1e-4;

  /** Draws of the first output kept for its histogram. */
  public static final int HISTOGRAM_DRAWS = 1_000_000;

  private final int outputs;
  private final double[][] means;
  private final double[][] variances;
  private final long[][] defined;
  private final long[][] infinite;
  private final double[] histogram;
  private final List<SketchCounts> all = Collections.synchronizedList(new ArrayList<>());
  private final ThreadLocal<SketchCounts> counts;
  private final ThreadLocal<double[]> scratch;
  private SketchCounts merged;

  public ScalarSketches(int blocks, int outputs, long samples, int blockSize) {
    this.outputs = outputs;
    this.means = new double[blocks][];
    this.variances = new double[blocks][];
    this.defined = new long[blocks][];
    this.infinite = new long[blocks][];
    this.histogram = new double[(int) Math.min(samples, HISTOGRAM_DRAWS)];
    this.counts = ThreadLocal.withInitial(() -> {
      SketchCounts c = new SketchCounts(outputs, RELATIVE_ACCURACY);
      all.add(c);
      return c;
    });
    this.scratch = ThreadLocal.withInitial(() -> new double[blockSize]);
  }

  /** Bytes needed beyond the per-thread bins: per block, a few statistics per output. */
  public static long bytesFor(int blocks, int outputs) {
    return (long) blocks * outputs * 40L + 8L * HISTOGRAM_DRAWS;
  }

  /**
   * Takes one finished block's scalars (on the worker thread that made it).
   *
   * @param from the block's first sample index
   * @param scalars {@code scalars[output][i]} of its {@code size} draws (NaN: not defined, +∞: never)
   */
  public void accept(int block, long from, double[][] scalars, int size) {
    SketchCounts c = counts.get();
    double[] x = scratch.get();
    double[] m = new double[outputs];
    double[] v = new double[outputs];
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
      m[k] = n == 0 ? 0 : Mean.ofRange(x, 0, n).getAsDouble();
      v[k] = n < 2 ? 0 : Variance.ofRange(x, 0, n).getAsDouble();
    }
    if (from < histogram.length) {
      System.arraycopy(scalars[0], 0, histogram, (int) from, (int) (Math.min(from + size, histogram.length) - from));
    }
    means[block] = m;
    variances[block] = v;
    defined[block] = def;
    infinite[block] = inf;
  }

  /**
   * Writes what blocks [from, to) (draws [first, end) of the run) added: every thread's bin counts (which must
   * hold those blocks' values only), each block's counts, means and variances, and the histogram's share.
   */
  public void write(DataOutput out, int from, int to, long first, long end) throws IOException {
    SketchCounts total = new SketchCounts(outputs, RELATIVE_ACCURACY);
    synchronized (all) {
      for (SketchCounts c : all) {
        total.merge(c);
      }
    }
    total.write(out);
    out.writeInt(outputs);
    for (int b = from; b < to; b++) {
      if (means[b] == null) {
        throw new IllegalStateException("block " + b + " was not handed in");
      }
      for (int k = 0; k < outputs; k++) {
        out.writeLong(defined[b][k]);
        out.writeLong(infinite[b][k]);
        out.writeDouble(means[b][k]);
        out.writeDouble(variances[b][k]);
      }
    }
    int shown = (int) Math.max(0, Math.min(end, histogram.length) - first);
    out.writeInt(shown);
    for (int i = 0; i < shown; i++) {
      out.writeDouble(histogram[(int) first + i]);
    }
  }

  /** Takes back what {@link #write} wrote for blocks [from, to), draws [first, end). */
  public void read(DataInput in, int from, int to, long first, long end) throws IOException {
    SketchCounts c = SketchCounts.read(in, outputs, RELATIVE_ACCURACY);
    if (in.readInt() != outputs) {
      throw new IOException("scalar sketches of another number of outputs");
    }
    for (int b = from; b < to; b++) {
      means[b] = new double[outputs];
      variances[b] = new double[outputs];
      defined[b] = new long[outputs];
      infinite[b] = new long[outputs];
      for (int k = 0; k < outputs; k++) {
        defined[b][k] = in.readLong();
        infinite[b][k] = in.readLong();
        means[b][k] = in.readDouble();
        variances[b][k] = in.readDouble();
        if (defined[b][k] < 0 || infinite[b][k] < 0 || infinite[b][k] > defined[b][k]) {
          throw new IOException("block " + b + " has inconsistent counts");
        }
      }
    }
    int shown = in.readInt();
    if (shown != (int) Math.max(0, Math.min(end, histogram.length) - first)) {
      throw new IOException("a histogram share of " + shown + " draws where " + Math.max(0, Math.min(end, histogram.length) - first)
          + " were expected");
    }
    for (int i = 0; i < shown; i++) {
      histogram[(int) first + i] = in.readDouble();
    }
    all.add(c);
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
    long finite = 0;
    double weighted = 0;
    for (int b = 0; b < means.length; b++) { // block order: identical for any thread count, or split into parts
      n += defined[b][k];
      inf += infinite[b][k];
      long nb = defined[b][k] - infinite[b][k];
      finite += nb;
      weighted += nb * means[b][k];
    }
    if (n == 0) {
      return new OutputSummary(output, 0, 0, Double.NaN, Double.NaN, List.of());
    }
    double mean = weighted / finite;
    double squares = 0; // within each block, plus between the blocks' means
    for (int b = 0; b < means.length; b++) {
      long nb = defined[b][k] - infinite[b][k];
      if (nb > 0) {
        double d = means[b][k] - mean;
        squares += (nb - 1) * variances[b][k] + nb * d * d;
      }
    }
    double[] probs = QuantileSummarizer.PROBABILITIES;
    List<QuantileEstimate> estimates = new ArrayList<>();
    for (double p : probs) {
      double value = atRank(k, Math.floor(p * (n - 1)), finite);
      long[] ranks = QuantileSummarizer.confidenceRanks(n, p);
      boolean[] ends = QuantileSummarizer.bounded(n, p);
      estimates.add(new QuantileEstimate(p, value, ends[0] ? atRank(k, ranks[0], finite) : Double.NEGATIVE_INFINITY,
          ends[1] ? atRank(k, ranks[1], finite) : Double.POSITIVE_INFINITY));
    }
    return new OutputSummary(output, n, inf,
        inf > 0 ? Double.POSITIVE_INFINITY : mean,
        inf > 0 || n < 2 ? Double.NaN : Math.sqrt(squares / (finite - 1)), estimates);
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
