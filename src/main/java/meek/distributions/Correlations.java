package meek.distributions;

import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Pairwise rank (Spearman) correlations among parameters, imposed with a Gaussian copula. For a Gaussian
 * copula, Spearman's ρ_s and the normal scores' Pearson r are related exactly by r = 2·sin(π·ρ_s/6), so the
 * marginals stay as specified and the rank correlations come out as asked.
 *
 * @param names the correlated parameters, in the model's parameter order
 * @param spearman the requested rank correlations (identity where none was given)
 * @param normalScores the Pearson correlation of the normal scores actually used (repaired if asked)
 * @param repaired true when the requested matrix was not positive semi-definite and was repaired
 * @param smallestEigenvalue of the requested normal-score matrix (negative: not PSD)
 */
public record Correlations(
    List<String> names, double[][] spearman, double[][] normalScores, boolean repaired, double smallestEigenvalue) {

  /** None: every parameter independent. */
  public static final Correlations NONE = new Correlations(List.of(), new double[0][0], new double[0][0], false, 1);

  public boolean isEmpty() {
    return names.isEmpty();
  }

  /** Pearson correlation of the normal scores giving a Gaussian copula this Spearman correlation. */
  public static double normalScoreOf(double spearman) {
    return 2 * Math.sin(Math.PI * spearman / 6);
  }

  /** The Spearman correlation a Gaussian copula with this normal-score correlation produces. */
  public static double spearmanOf(double normalScore) {
    return 6 / Math.PI * Math.asin(normalScore / 2);
  }

  /** The rank correlations the (possibly repaired) copula will produce. */
  public double[][] effectiveSpearman() {
    int d = names.size();
    double[][] s = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        s[i][j] = i == j ? 1 : spearmanOf(normalScores[i][j]);
      }
    }
    return s;
  }

  /**
   * Builds the copula's matrix from requested rank correlations.
   *
   * @throws IllegalStateException naming the smallest eigenvalue when the matrix is not positive
   *     semi-definite and {@code repair} is false
   */
  public static Correlations of(List<String> names, double[][] spearman, boolean repair) {
    int d = names.size();
    double[][] r = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        r[i][j] = i == j ? 1 : normalScoreOf(spearman[i][j]);
      }
    }
    EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(r));
    double smallest = Double.POSITIVE_INFINITY;
    for (double v : eigen.getRealEigenvalues()) {
      smallest = Math.min(smallest, v);
    }
    if (smallest >= -1e-12) {
      return new Correlations(List.copyOf(names), spearman, r, false, smallest);
    }
    if (!repair) {
      throw new IllegalStateException(String.format(
          "the correlations contradict each other: their matrix is not positive semi-definite (smallest eigenvalue %.3g)", smallest));
    }
    return new Correlations(List.copyOf(names), spearman, nearestCorrelation(eigen), true, smallest);
  }

  /**
   * Clips negative eigenvalues to a small positive floor and rescales to a unit diagonal: the standard
   * spectral repair (Rebonato & Jäckel 1999), close to the nearest correlation matrix in Frobenius norm.
   */
  private static double[][] nearestCorrelation(EigenDecomposition eigen) {
    double[] values = eigen.getRealEigenvalues().clone();
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.max(values[i], 1e-6);
    }
    RealMatrix v = eigen.getV();
    RealMatrix clipped = v.multiply(new Array2DRowRealMatrix(diag(values))).multiply(v.transpose());
    int d = values.length;
    double[][] out = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        out[i][j] = clipped.getEntry(i, j) / Math.sqrt(clipped.getEntry(i, i) * clipped.getEntry(j, j));
      }
    }
    return out;
  }

  private static double[][] diag(double[] values) {
    double[][] m = new double[values.length][values.length];
    for (int i = 0; i < values.length; i++) {
      m[i][i] = values[i];
    }
    return m;
  }
}
