package meek.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Pareto-smoothed importance sampling (PSIS; Vehtari, Simpson, Gelman, Yao and Gabry, "Pareto smoothed
 * importance sampling", JMLR 25, 2024): the largest M = ⌈min(S/5, 3√S)⌉ importance weights are replaced by the
 * expected order statistics of a generalized Pareto distribution fitted to them (Zhang and Stephens 2009,
 * with the paper's weakly informative prior on its shape), then truncated at the largest raw weight. The fitted
 * shape k̂ is the diagnostic: below {@link #threshold} the smoothed estimates are reliable. When the largest
 * weights are tied (equal likelihoods: the observations cannot tell those draws apart) there is no tail to fit and
 * k̂ is −∞; when too few draws carry weight to fit one, +∞.
 *
 * <p>No Java library has PSIS; this follows the paper's algorithm as its reference implementations (the R
 * package loo, ArviZ) do, step for step. Zero weights (log weight −∞) stay zero and take no part in the fit.
 */
public final class ParetoSmoothing {

  /** The paper's bound on k̂ beyond which no number of draws makes the estimate reliable. */
  public static final double K_LIMIT = 0.7;

  /** Fewer tail draws than this cannot be fitted (k̂ is then +∞, and nothing is smoothed). */
  private static final int MIN_TAIL = 5;

  /** The result: normalised smoothed weights (summing to 1), the shape k̂, and how many draws had positive weight. */
  public record Result(double[] weights, double k, int positive) {

    /** Kish's effective sample size (Σw)² / Σw² of the smoothed weights. */
    public double ess() {
      return ParetoSmoothing.ess(weights);
    }
  }

  private ParetoSmoothing() {}

  /** The sample-size-dependent bound min(0.7, 1 − 1/log10 S) of the paper (§3.2.4): k̂ above it, the weights cannot be trusted. */
  public static double threshold(long draws) {
    return Math.min(K_LIMIT, 1 - 1 / Math.log10(draws));
  }

  /** Kish's effective sample size of weights (any scale). */
  public static double ess(double[] weights) {
    double sum = 0;
    double squares = 0;
    for (double w : weights) {
      sum += w;
      squares += w * w;
    }
    return squares == 0 ? 0 : sum * sum / squares;
  }

  /**
   * Smooths importance weights given by their logarithms (−∞: weight zero). Throws if none is positive.
   */
  public static Result smooth(double[] logWeights) {
    int n = logWeights.length;
    double max = Double.NEGATIVE_INFINITY;
    int positive = 0;
    for (double lw : logWeights) {
      if (lw > Double.NEGATIVE_INFINITY) {
        positive++;
        max = Math.max(max, lw);
      }
      if (Double.isNaN(lw) || lw == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException("a log weight is " + lw);
      }
    }
    if (positive == 0) {
      throw new IllegalArgumentException("every weight is zero");
    }
    double[] lw = new double[n];
    for (int i = 0; i < n; i++) {
      lw[i] = logWeights[i] - max; // the largest is 0: exp never overflows
    }
    double[] sorted = new double[positive];
    for (int i = 0, j = 0; i < n; i++) {
      if (lw[i] > Double.NEGATIVE_INFINITY) {
        sorted[j++] = lw[i];
      }
    }
    Arrays.sort(sorted);
    int tailLength = (int) Math.ceil(Math.min(0.2 * positive, 3 * Math.sqrt(positive)));
    double k = Double.POSITIVE_INFINITY;
    if (tailLength < positive) {
      double cutoff = Math.max(sorted[positive - tailLength - 1], Math.log(Double.MIN_NORMAL));
      double expCutoff = Math.exp(cutoff);
      // the tail: the draws above the cutoff, in increasing order (ties at the cutoff stay in the body)
      int[] tail = IntStream.range(0, n).filter(i -> lw[i] > cutoff).boxed()
          .sorted(Comparator.comparingDouble((Integer i) -> lw[i]).thenComparingInt(i -> i)).mapToInt(Integer::intValue).toArray();
      int m = tail.length;
      if (m == 0 && sorted[positive - tailLength - 1] == sorted[positive - 1]) {
        k = Double.NEGATIVE_INFINITY; // the largest weights are tied: a flat top, nothing to smooth
      } else if (m >= MIN_TAIL) {
        double[] exceedances = new double[m];
        for (int j = 0; j < m; j++) {
          exceedances[j] = Math.exp(lw[tail[j]]) - expCutoff;
        }
        double[] fit = fitGeneralizedPareto(exceedances);
        // a fit that is not a number (weights spanning more than doubles hold) is no fit: nothing is smoothed
        k = Double.isFinite(fit[0]) && fit[1] > 0 && Double.isFinite(fit[1]) ? fit[0] : Double.POSITIVE_INFINITY;
        if (Double.isFinite(k)) {
          for (int j = 0; j < m; j++) {
            double p = (j + 0.5) / m;
            lw[tail[j]] = Math.min(Math.log(paretoQuantile(p, k, fit[1]) + expCutoff), 0); // never above the largest raw weight
          }
        }
      }
    }
    double[] w = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      w[i] = Math.exp(lw[i]);
      sum += w[i];
    }
    for (int i = 0; i < n; i++) {
      w[i] /= sum;
    }
    return new Result(w, k, positive);
  }

  /**
   * The shape k and scale σ of a generalized Pareto distribution (location 0) fitted to positive exceedances
   * in increasing order: Zhang and Stephens' (2009) empirical Bayes estimate on a grid of 30 + √m points, then
   * the shape shrunk towards 0.5 by a prior worth 10 observations (Vehtari et al. 2024, appendix C).
   */
  static double[] fitGeneralizedPareto(double[] sorted) {
    int m = sorted.length;
    int grid = 30 + (int) Math.sqrt(m);
    double quartile = sorted[(int) (m / 4.0 + 0.5) - 1];
    double largest = sorted[m - 1];
    double[] theta = new double[grid];
    double[] profile = new double[grid];
    for (int j = 0; j < grid; j++) {
      theta[j] = 1 / largest + (1 - Math.sqrt(grid / (j + 0.5))) / (3 * quartile);
      double meanLog = 0;
      for (double x : sorted) {
        meanLog += Math.log1p(-theta[j] * x);
      }
      meanLog /= m;
      profile[j] = m * (Math.log(-theta[j] / meanLog) - meanLog - 1);
    }
    // posterior weight of each grid point: 1 / Σ_l exp(profile_l − profile_j), without overflow
    double[] weight = new double[grid];
    double total = 0;
    for (int j = 0; j < grid; j++) {
      double s = 0;
      for (int l = 0; l < grid; l++) {
        s += Math.exp(profile[l] - profile[j]);
      }
      weight[j] = 1 / s;
      if (!(weight[j] >= 10 * Math.ulp(1.0))) {
        weight[j] = 0; // negligible (or from a point where the profile is not defined)
      }
      total += weight[j];
    }
    double thetaHat = 0;
    for (int j = 0; j < grid; j++) {
      thetaHat += theta[j] * weight[j] / total;
    }
    double k = 0;
    for (double x : sorted) {
      k += Math.log1p(-thetaHat * x);
    }
    k /= m; // the shape ξ (> 0: a heavy tail, θ̂ < 0)
    double sigma = -k / thetaHat;
    double shrunk = (m * k + 10 * 0.5) / (m + 10);
    return new double[] {Double.isFinite(shrunk) ? shrunk : Double.POSITIVE_INFINITY, sigma};
  }

  /** The p-quantile of a generalized Pareto distribution of shape k and scale σ (location 0). */
  static double paretoQuantile(double p, double k, double sigma) {
    return Math.abs(k) < Math.ulp(1.0) ? -sigma * Math.log1p(-p) : sigma * Math.expm1(-k * Math.log1p(-p)) / k;
  }
}
