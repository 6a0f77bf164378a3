package meek.stats;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import meek.model.ScalarOutput;
import org.apache.commons.statistics.descriptive.DoubleStatistics;
import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Quantile;
import org.apache.commons.statistics.descriptive.Statistic;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Summarises a column of per-draw values: mean, sd, and quantiles (type 7: linear interpolation at
 * p·(n−1), numpy's default) each with a distribution-free confidence interval.
 *
 * <p>The interval for the p-quantile is [X(l), X(u)], the l-th and u-th order statistics, with l and u the
 * 2.5% and 97.5% quantiles of Binomial(n, p) (u shifted by one): its coverage is at least 95% for any
 * continuous distribution, without assuming normality or a density.
 */
public final class QuantileSummarizer {

  /** The quantiles every scalar output and every fan step reports. */
  public static final double[] PROBABILITIES = {0.01, 0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.99};

  /** Type 7, in its sorted-data form: it is handed only the order statistics it reads (see summarize). */
  private static final Quantile TYPE_7 = Quantile.withDefaults().with(Quantile.EstimationMethod.HF7);

  /** Coverage of the quantile confidence intervals. */
  public static final double CONFIDENCE = 0.95;

  private QuantileSummarizer() {}

  /**
   * Summarises {@code values}, skipping NaN (output not defined for that draw). Reorders the array in place;
   * no copy is made.
   */
  public static OutputSummary summarize(ScalarOutput output, double[] values) {
    return summarize(output, values, null);
  }

  /**
   * As {@link #summarize(ScalarOutput, double[])}, with confidence intervals from batch means where
   * {@code batches} has them for this output (else from order statistics).
   */
  public static OutputSummary summarize(ScalarOutput output, double[] values, BatchCi batches) {
    int n = 0;
    long infinite = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        values[n++] = v;
        if (Double.isInfinite(v)) {
          infinite++;
        }
      }
    }
    if (n == 0) {
      return new OutputSummary(output, 0, 0, Double.NaN, Double.NaN, List.of());
    }
    double mean;
    double sd = Double.NaN;
    if (n > 1 && infinite == 0) { // both at once share their passes over the column (a third less time)
      DoubleStatistics moments = DoubleStatistics.ofRange(EnumSet.of(Statistic.MEAN, Statistic.STANDARD_DEVIATION), values, 0, n);
      mean = moments.getAsDouble(Statistic.MEAN);
      sd = moments.getAsDouble(Statistic.STANDARD_DEVIATION);
    } else {
      mean = Mean.ofRange(values, 0, n).getAsDouble();
    }
    // one selection finds every order statistic needed: both neighbours of each type-7 position and both
    // ends of each confidence interval
    int[][] ranks = new int[PROBABILITIES.length][];
    int[] all = new int[4 * PROBABILITIES.length];
    for (int i = 0; i < PROBABILITIES.length; i++) {
      ranks[i] = confidenceRanks(n, PROBABILITIES[i]);
      int below = (int) Math.floor(PROBABILITIES[i] * (n - 1));
      all[4 * i] = ranks[i][0];
      all[4 * i + 1] = ranks[i][1];
      all[4 * i + 2] = below;
      all[4 * i + 3] = Math.min(below + 1, n - 1);
    }
    double[] picked = RankSelection.select(values, n, all);
    // Commons Statistics' sorted-data form reads only the order statistics at ⌊h⌋ and ⌊h⌋ + 1 of each
    // quantile, which are among those just selected
    double[] q = TYPE_7.evaluate(n, rank -> orderStatistic(all, picked, rank), PROBABILITIES);
    double[][] batchIntervals = batches == null ? null : batches.intervals(q);
    List<QuantileEstimate> estimates = new ArrayList<>();
    for (int i = 0; i < PROBABILITIES.length; i++) {
      boolean[] ends = bounded(n, PROBABILITIES[i]);
      double lo = batchIntervals != null ? batchIntervals[i][0] : ends[0] ? picked[4 * i] : Double.NEGATIVE_INFINITY;
      double hi = batchIntervals != null ? batchIntervals[i][1] : ends[1] ? picked[4 * i + 1] : Double.POSITIVE_INFINITY;
      estimates.add(new QuantileEstimate(PROBABILITIES[i], q[i], lo, hi));
    }
    return new OutputSummary(output, n, infinite, mean, sd, estimates);
  }

  private static double orderStatistic(int[] ranks, double[] values, int rank) {
    for (int i = 0; i < ranks.length; i++) {
      if (ranks[i] == rank) {
        return values[i];
      }
    }
    throw new IllegalStateException("the type-7 quantile asked for rank " + rank + ", which was not selected");
  }

  /** Batch-means intervals for one output, given the pooled estimates. */
  public interface BatchCi {
    double[][] intervals(double[] pooled);
  }

  /**
   * Zero-based ranks {l, u} of the order statistics bounding a {@link #CONFIDENCE} interval for the
   * p-quantile of n draws.
   */
  static int[] confidenceRanks(int n, double p) {
    int[] r = unclampedRanks(n, p);
    return new int[] {clamp(r[0], n), clamp(r[1], n)};
  }

  /**
   * Whether the data bound the p-quantile's 95% interval below and above: at small n (or an extreme p) the
   * order statistic it needs lies beyond the sample (with N = 2 "[min, max]" covers the median only half the
   * time), and that end is then unbounded (−∞ or +∞), not the sample's extreme.
   */
  public static boolean[] bounded(long n, double p) {
    long[] r = unclampedRanks(n, p);
    return new boolean[] {r[0] >= 0, r[1] <= n - 1};
  }

  /** {@link #confidenceRanks(int, double)} for any n (a streamed run may pass 2^31 draws). */
  static long[] confidenceRanks(long n, double p) {
    long[] r = unclampedRanks(n, p);
    return new long[] {Math.max(0, Math.min(n - 1, r[0])), Math.max(0, Math.min(n - 1, r[1]))};
  }

  /**
   * The same ranks for any n. Commons Statistics' binomial counts trials in an int; beyond that, Binomial(n, p)
   * is replaced by its normal approximation with continuity correction (with n ≥ 2^31 and p ≥ 0.01, np(1−p)
   * exceeds 2·10^7, where the two differ by far less than one rank in a million).
   */
  private static long[] unclampedRanks(long n, double p) {
    if (n <= Integer.MAX_VALUE) {
      int[] r = unclampedRanks((int) n, p);
      return new long[] {r[0], r[1]};
    }
    double z = NormalDistribution.of(0, 1).inverseSurvivalProbability((1 - CONFIDENCE) / 2);
    double mean = n * p;
    double sd = Math.sqrt(n * p * (1 - p));
    long lower = (long) Math.ceil(mean - z * sd - 0.5);
    long upper = (long) Math.ceil(mean + z * sd - 0.5) + 1;
    return new long[] {lower - 1, upper - 1};
  }

  private static int[] unclampedRanks(int n, double p) {
    BinomialDistribution b = BinomialDistribution.of(n, p);
    double tail = (1 - CONFIDENCE) / 2;
    // 1-based: X(l) with l = smallest k with F(k) >= tail; X(u) with u = (smallest k with F(k) >= 1 - tail) + 1
    int lower = b.inverseCumulativeProbability(tail);
    int upper = b.inverseCumulativeProbability(1 - tail) + 1;
    return new int[] {lower - 1, upper - 1};
  }

  private static int clamp(int rank, int n) {
    return Math.max(0, Math.min(n - 1, rank));
  }

}
