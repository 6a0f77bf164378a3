package meek.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import meek.model.ScalarOutput;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The distribution of one scalar output under weights (a posterior from importance sampling or from a
 * sequential Monte Carlo sampler): weighted mean, sd and quantiles, each quantile with a 95% Monte Carlo
 * interval that accounts for the weights.
 *
 * <p>The weighted p-quantile is the smallest value whose cumulative normalised weight reaches p (the inverse
 * of the weighted empirical CDF; with equal weights, the sample value at rank ⌈p·n⌉). Its interval inverts the
 * CDF's: the self-normalised estimate F̂(q) = Σ w̃ᵢ·1{xᵢ ≤ q} has variance Σ w̃ᵢ²·(1{xᵢ ≤ q} − p)² (the delta
 * method; with equal weights p(1−p)/n, the binomial interval of order statistics), so the interval is
 * [Q̂(p − 1.96·se), Q̂(p + 1.96·se)]. For a sampler run as independent groups (islands) the interval is the
 * batch-means one over the groups instead, which also covers the correlation resampling and moves leave.
 */
public final class WeightedSummary {

  private static final double Z = 1.959963984540054;

  private WeightedSummary() {}

  /**
   * @param values the output per draw (NaN: not defined for that draw; +∞: never)
   * @param weights each draw's weight (≥ 0, any scale)
   * @param counts each draw's copies in a resample of the posterior, whose totals become n and n_infinite
   * @param groups for a sampler run as independent groups, the start of each group (draws groups[g] …
   *     groups[g+1]−1, the last to the end); null for one weighted sample
   */
  public static OutputSummary summarize(ScalarOutput output, double[] values, double[] weights, int[] counts, int[] groups) {
    Sorted all = Sorted.of(values, weights, counts, 0, values.length);
    List<QuantileEstimate> qs = new ArrayList<>();
    Sorted[] parts = null;
    if (groups != null) {
      parts = new Sorted[groups.length];
      for (int g = 0; g < groups.length; g++) {
        parts[g] = Sorted.of(values, weights, counts, groups[g], g + 1 < groups.length ? groups[g + 1] : values.length);
      }
    }
    for (double p : QuantileSummarizer.PROBABILITIES) {
      if (all.total == 0) {
        qs.add(new QuantileEstimate(p, Double.NaN, Double.NaN, Double.NaN));
        continue;
      }
      double q = all.quantile(p);
      if (parts == null) {
        double se = all.cdfError(q, p);
        qs.add(new QuantileEstimate(p, q, all.quantile(Math.max(0, p - Z * se)), all.quantile(Math.min(1, p + Z * se))));
      } else {
        qs.add(batchMeans(p, q, parts));
      }
    }
    return new OutputSummary(output, all.copies, all.infiniteCopies, all.mean(), all.sd(), List.copyOf(qs));
  }

  /** Pooled quantile ± t(0.975, G−1)·sd/√G over the groups' own quantiles (order statistics' side when any is never). */
  private static QuantileEstimate batchMeans(double p, double q, Sorted[] parts) {
    int g = 0;
    double sum = 0;
    double[] each = new double[parts.length];
    for (Sorted s : parts) {
      if (s.total > 0) {
        each[g] = s.quantile(p);
        sum += each[g++];
      }
    }
    if (g < 2 || !Double.isFinite(sum) || !Double.isFinite(q)) {
      return new QuantileEstimate(p, q, q == Double.POSITIVE_INFINITY ? q : Double.NaN, q == Double.POSITIVE_INFINITY ? q : Double.NaN);
    }
    double mean = sum / g;
    double ss = 0;
    for (int i = 0; i < g; i++) {
      ss += (each[i] - mean) * (each[i] - mean);
    }
    double half = TDistribution.of(g - 1).inverseSurvivalProbability(0.025) * Math.sqrt(ss / (g - 1) / g);
    return new QuantileEstimate(p, q, q - half, q + half);
  }

  /** The defined draws of a range with positive weight, sorted by value, and their cumulative normalised weights. */
  private static final class Sorted {
    final double[] x;
    final double[] w; // normalised
    final double[] squares; // normalised: Σ w̃² of the draws at each place
    final double[] cumulative;
    final double total;
    long copies;
    long infiniteCopies;

    private Sorted(double[] x, double[] w, double[] squares, double total) {
      this.x = x;
      this.w = w;
      this.squares = squares;
      this.total = total;
      this.cumulative = new double[x.length];
      double c = 0;
      for (int i = 0; i < x.length; i++) {
        w[i] /= total;
        squares[i] /= total * total;
        c += w[i];
        cumulative[i] = c;
      }
    }

    static Sorted of(double[] values, double[] weights, int[] counts, int from, int to) {
      int n = 0;
      long copies = 0;
      long infinite = 0;
      for (int i = from; i < to; i++) {
        if (!Double.isNaN(values[i])) {
          copies += counts[i];
          infinite += values[i] == Double.POSITIVE_INFINITY ? counts[i] : 0;
          n += weights[i] > 0 ? 1 : 0;
        }
      }
      double[] x = new double[n];
      for (int i = from, j = 0; i < to; i++) {
        if (!Double.isNaN(values[i]) && weights[i] > 0) {
          x[j++] = values[i];
        }
      }
      Arrays.sort(x); // primitive: a sort of (value, weight) pairs took most of a calibration's time at 1e6 draws
      // each weight goes to the first place of its value in the sorted order (ties share one place), in draw order
      double[] w = new double[n];
      double[] squares = new double[n]; // Σw² of the draws at each place, for the CDF's variance
      double total = 0;
      for (int i = from; i < to; i++) {
        if (!Double.isNaN(values[i]) && weights[i] > 0) {
          int k = firstIndexOf(x, values[i]);
          w[k] += weights[i];
          squares[k] += weights[i] * weights[i];
          total += weights[i];
        }
      }
      Sorted s = total == 0 ? new Sorted(new double[0], new double[0], new double[0], 0) : new Sorted(x, w, squares, total);
      s.copies = copies;
      s.infiniteCopies = infinite;
      return s;
    }

    /** The first index of v in the sorted x (which holds it). */
    private static int firstIndexOf(double[] x, double v) {
      int lo = 0;
      int hi = x.length - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (x[mid] < v) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    /** The smallest value whose cumulative weight reaches p (the first when p is 0). */
    double quantile(double p) {
      int lo = 0;
      int hi = x.length - 1;
      while (lo < hi) { // binary search on the cumulative weights
        int mid = (lo + hi) >>> 1;
        if (cumulative[mid] >= p * (1 - 1e-15)) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      return x[lo];
    }

    /** √(Σ w̃ᵢ²·(1{xᵢ ≤ q} − p)²): the standard error of F̂(q). */
    double cdfError(double q, double p) {
      double v = 0;
      for (int i = 0; i < x.length; i++) {
        double d = (x[i] <= q ? 1 : 0) - p;
        v += squares[i] * d * d;
      }
      return Math.sqrt(v);
    }

    double mean() {
      if (x.length == 0) {
        return Double.NaN;
      }
      double m = 0;
      for (int i = 0; i < x.length; i++) {
        m += w[i] * x[i];
      }
      return m;
    }

    double sd() {
      double m = mean();
      if (!Double.isFinite(m) || x.length < 2) {
        return Double.NaN;
      }
      double v = 0;
      for (int i = 0; i < x.length; i++) {
        v += w[i] * (x[i] - m) * (x[i] - m);
      }
      return Math.sqrt(v);
    }
  }
}
