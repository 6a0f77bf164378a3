package meek.stats;

import meek.model.BenchmarkMap;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Least-squares fit of the benchmark sigmoid (docs/MODEL.md §4) to (loss, score) points with Commons Math's
 * Levenberg–Marquardt optimiser. Any of floor and ceiling may be held fixed; L_mid and k are always fitted.
 * Standard errors are sqrt(diag((JᵀJ)⁻¹)·RSS/(n − p)) at the optimum.
 */
public final class SigmoidFit {

  /**
   * A fitted sigmoid.
   *
   * @param names the coefficients, in order: floor, ceiling, L_mid, k
   * @param values their values (fixed ones as given)
   * @param errors their standard errors (0 for fixed ones)
   * @param fitted which were fitted
   * @param rSquared 1 − RSS/TSS
   * @param rmse sqrt(RSS/(n − p))
   * @param points n
   */
  public record Result(String[] names, double[] values, double[] errors, boolean[] fitted, double rSquared, double rmse, int points) {

    public double value(String name) {
      return values[java.util.Arrays.asList(names).indexOf(name)];
    }

    public double error(String name) {
      return errors[java.util.Arrays.asList(names).indexOf(name)];
    }
  }

  private SigmoidFit() {}

  /**
   * @param loss the points' losses (nats)
   * @param score the points' scores in [0, 1]
   * @param floor the floor, or NaN to fit it
   * @param ceiling the ceiling, or NaN to fit it
   */
  public static Result fit(double[] loss, double[] score, double floor, double ceiling) {
    boolean fitFloor = Double.isNaN(floor);
    boolean fitCeiling = Double.isNaN(ceiling);
    int free = 2 + (fitFloor ? 1 : 0) + (fitCeiling ? 1 : 0);
    if (loss.length <= free) {
      throw new IllegalArgumentException("needs more than " + free + " points to fit " + free + " coefficients (got " + loss.length + ")");
    }
    double lo = min(score);
    double hi = max(score);
    // start: the midpoint where the scores are halfway, a moderate steepness
    double[] start = new double[free];
    int i = 0;
    if (fitFloor) {
      start[i++] = Math.max(0, lo - 0.05);
    }
    if (fitCeiling) {
      start[i++] = Math.min(1, hi + 0.05);
    }
    start[i++] = mean(loss);
    start[i] = 4 / Math.max(1e-6, max(loss) - min(loss));
    double fixedFloor = floor;
    double fixedCeiling = ceiling;
    LeastSquaresBuilder problem = new LeastSquaresBuilder()
        .start(start)
        .target(score)
        .maxEvaluations(100_000)
        .maxIterations(100_000)
        .model(point -> {
          double[] c = coefficients(point.toArray(), fitFloor, fitCeiling, fixedFloor, fixedCeiling);
          RealVector value = new ArrayRealVector(loss.length);
          RealMatrix jacobian = new Array2DRowRealMatrix(loss.length, point.getDimension());
          for (int j = 0; j < loss.length; j++) {
            double e = Math.exp(c[3] * (loss[j] - c[2]));
            double s = 1 / (1 + e);
            value.setEntry(j, c[0] + (c[1] - c[0]) * s);
            int col = 0;
            if (fitFloor) {
              jacobian.setEntry(j, col++, 1 - s);
            }
            if (fitCeiling) {
              jacobian.setEntry(j, col++, s);
            }
            double ds = -s * s * e; // d s / d (k·(L − L_mid))
            jacobian.setEntry(j, col++, (c[1] - c[0]) * ds * -c[3]);
            jacobian.setEntry(j, col, (c[1] - c[0]) * ds * (loss[j] - c[2]));
          }
          return new Pair<>(value, jacobian);
        });
    LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(problem.build());
    double[] best = optimum.getPoint().toArray();
    double[] c = coefficients(best, fitFloor, fitCeiling, floor, ceiling);
    double rss = 0;
    double tss = 0;
    double meanScore = mean(score);
    for (int j = 0; j < loss.length; j++) {
      double r = score[j] - BenchmarkMap.score(loss[j], c[0], c[1], c[2], c[3], 1);
      rss += r * r;
      tss += (score[j] - meanScore) * (score[j] - meanScore);
    }
    double variance = rss / (loss.length - free);
    RealMatrix cov = optimum.getCovariances(1e-14);
    double[] se = new double[4];
    boolean[] fitted = {fitFloor, fitCeiling, true, true};
    int col = 0;
    for (int k = 0; k < 4; k++) {
      if (fitted[k]) {
        se[k] = Math.sqrt(cov.getEntry(col, col) * variance);
        col++;
      }
    }
    return new Result(new String[] {"floor", "ceiling", "L_mid", "k"}, c, se, fitted, 1 - rss / tss, Math.sqrt(variance), loss.length);
  }

  private static double[] coefficients(double[] p, boolean fitFloor, boolean fitCeiling, double floor, double ceiling) {
    int i = 0;
    double f = fitFloor ? p[i++] : floor;
    double c = fitCeiling ? p[i++] : ceiling;
    return new double[] {f, c, p[i], p[i + 1]};
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static double min(double[] x) {
    return java.util.Arrays.stream(x).min().orElse(0);
  }

  private static double max(double[] x) {
    return java.util.Arrays.stream(x).max().orElse(1);
  }
}
