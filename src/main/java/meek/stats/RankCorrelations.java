package meek.stats;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Spearman rank correlations and partial rank correlation coefficients (PRCC) of several inputs with one
 * output, each with a 95% confidence interval from Fisher's z. Draws where the output is NaN (not defined)
 * are left out and counted; +∞ ("never") ranks above every finite value.
 *
 * <p>PRCC of input i: the correlation of the ranks of x_i and y after the ranks of the other inputs are
 * regressed out of both; computed from the inverse P of the rank correlation matrix as −P_iy/√(P_ii·P_yy).
 *
 * @param spearman per input, its rank correlation with the output
 * @param prcc per input, its partial rank correlation
 * @param n draws used
 * @param dropped draws left out because the output was not defined
 */
public record RankCorrelations(
    double[] spearman, double[] spearmanLow, double[] spearmanHigh,
    double[] prcc, double[] prccLow, double[] prccHigh, int n, long dropped) {

  private static final double Z975 = NormalDistribution.of(0, 1).inverseCumulativeProbability(0.975);
  private static final NaturalRanking RANKING = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE);

  /**
   * @param inputs {@code inputs[i][draw]}, each non-constant
   * @param output the output per draw
   */
  public static RankCorrelations of(double[][] inputs, double[] output) {
    int d = inputs.length;
    int[] kept = java.util.stream.IntStream.range(0, output.length).filter(j -> !Double.isNaN(output[j])).toArray();
    int n = kept.length;
    if (n < d + 4) { // too few defined draws for a partial correlation: every coefficient undefined
      double[] undefined = new double[d];
      Arrays.fill(undefined, Double.NaN);
      return new RankCorrelations(undefined, undefined.clone(), undefined.clone(), undefined.clone(), undefined.clone(),
          undefined.clone(), n, output.length - n);
    }
    double[][] ranks = new double[n][d + 1];
    for (int i = 0; i <= d; i++) {
      double[] source = i < d ? inputs[i] : output;
      double[] column = new double[n];
      for (int k = 0; k < n; k++) {
        column[k] = source[kept[k]];
      }
      double[] r = RANKING.rank(column);
      for (int k = 0; k < n; k++) {
        ranks[k][i] = r[k];
      }
    }
    RealMatrix corr = new PearsonsCorrelation(new Array2DRowRealMatrix(ranks, false)).getCorrelationMatrix();
    // pseudo-inverse: an input that is a function of the others makes the matrix singular; its PRCC is then 0/0
    RealMatrix p = new SingularValueDecomposition(corr).getSolver().getInverse();
    double[] s = new double[d], sLo = new double[d], sHi = new double[d];
    double[] pr = new double[d], pLo = new double[d], pHi = new double[d];
    for (int i = 0; i < d; i++) {
      s[i] = corr.getEntry(i, d);
      // Bonett & Wright (2000): Fisher-z standard error for Spearman's rho
      double se = Math.sqrt((1 + s[i] * s[i] / 2) / (n - 3));
      sLo[i] = Math.tanh(atanh(s[i]) - Z975 * se);
      sHi[i] = Math.tanh(atanh(s[i]) + Z975 * se);
      pr[i] = -p.getEntry(i, d) / Math.sqrt(p.getEntry(i, i) * p.getEntry(d, d));
      // a partial correlation controlling for d − 1 variables: Fisher z with n − 3 − (d − 1) degrees of freedom
      double sp = 1 / Math.sqrt(n - 3 - (d - 1));
      pLo[i] = Math.tanh(atanh(pr[i]) - Z975 * sp);
      pHi[i] = Math.tanh(atanh(pr[i]) + Z975 * sp);
    }
    return new RankCorrelations(s, sLo, sHi, pr, pLo, pHi, n, output.length - n);
  }

  /** Fisher's z, kept finite at |r| = 1. */
  private static double atanh(double r) {
    return org.apache.commons.math3.util.FastMath.atanh(Math.max(-1 + 1e-15, Math.min(1 - 1e-15, r)));
  }
}
