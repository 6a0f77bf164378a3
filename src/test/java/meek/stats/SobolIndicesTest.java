package meek.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.ToDoubleFunction;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The Sobol estimators against functions whose indices are known in closed form. */
class SobolIndicesTest {

  /** Ishigami & Homma (1990) with a = 7, b = 0.1, inputs uniform on [−π, π]. */
  private static final double A = 7;
  private static final double B = 0.1;

  private static double ishigami(double[] x) {
    return Math.sin(x[0]) + A * Math.pow(Math.sin(x[1]), 2) + B * Math.pow(x[2], 4) * Math.sin(x[0]);
  }

  /** Analytic indices (Sobol' & Levitan 1999; e.g. Saltelli et al. 2008, §2.9): {S1, S2, S3, ST1, ST2, ST3}. */
  private static double[] ishigamiIndices() {
    double pi4 = Math.pow(Math.PI, 4);
    double pi8 = pi4 * pi4;
    double v1 = 0.5 * Math.pow(1 + B * pi4 / 5, 2);
    double v2 = A * A / 8;
    double v13 = B * B * pi8 * (1.0 / 18 - 1.0 / 50);
    double v = v1 + v2 + v13;
    return new double[] {v1 / v, v2 / v, 0, (v1 + v13) / v, v2 / v, v13 / v};
  }

  /** Evaluates f on a Saltelli design with uniform inputs on [lo, hi] and estimates the indices. */
  private static SobolIndices saltelli(ToDoubleFunction<double[]> f, int d, double lo, double hi, int n, long seed, int resamples) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    double[][] a = new double[n][d];
    double[][] b = new double[n][d];
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < d; i++) {
        a[r][i] = lo + (hi - lo) * rng.nextDouble();
        b[r][i] = lo + (hi - lo) * rng.nextDouble();
      }
    }
    double[] fA = new double[n];
    double[] fB = new double[n];
    double[][] fAB = new double[d][n];
    for (int r = 0; r < n; r++) {
      fA[r] = f.applyAsDouble(a[r]);
      fB[r] = f.applyAsDouble(b[r]);
      for (int i = 0; i < d; i++) {
        double[] x = a[r].clone();
        x[i] = b[r][i];
        fAB[i][r] = f.applyAsDouble(x);
      }
    }
    return SobolIndices.estimate(fA, fB, fAB, resamples, seed + 1000);
  }

  @Test
  void ishigamiAnalyticIndicesLieInsideTheBootstrapIntervals() {
    double[] expected = ishigamiIndices();
    assertThat(expected[0]).isCloseTo(0.3139, org.assertj.core.data.Offset.offset(1e-4)); // published values
    assertThat(expected[3]).isCloseTo(0.5576, org.assertj.core.data.Offset.offset(1e-4));
    // 20 independent replicates × 6 nominal-95% intervals: the count that cover is ~Binomial(120, 0.95),
    // mean 114, sd 2.4; requiring ≥ 102 fails a correct estimator with probability < 1e-5, and catches an
    // interval that is too narrow by half (coverage ≈ 0.68) or a biased estimator.
    int covered = 0;
    int total = 0;
    for (long seed = 1; seed <= 20; seed++) {
      SobolIndices s = saltelli(SobolIndicesTest::ishigami, 3, -Math.PI, Math.PI, 4096, seed, 400);
      for (int i = 0; i < 3; i++) {
        total += 2;
        covered += inside(expected[i], s.firstLow()[i], s.firstHigh()[i]) + inside(expected[3 + i], s.totalLow()[i], s.totalHigh()[i]);
        // each estimate also within 5 bootstrap standard errors (interval half-width / 1.96)
        assertThat(Math.abs(s.first()[i] - expected[i])).isLessThan(5 * (s.firstHigh()[i] - s.firstLow()[i]) / 3.92);
        assertThat(Math.abs(s.total()[i] - expected[3 + i])).isLessThan(5 * (s.totalHigh()[i] - s.totalLow()[i]) / 3.92);
      }
    }
    assertThat(covered).as("intervals covering the analytic index, of %d", total).isGreaterThanOrEqualTo(102);
  }

  @Test
  void additiveModelHasEqualFirstAndTotalIndicesProportionalToSquaredCoefficients() {
    double[] c = {1, 2, 3, 0};
    double sum = 1 + 4 + 9;
    SobolIndices s = saltelli(x -> c[0] * x[0] + c[1] * x[1] + c[2] * x[2] + c[3] * x[3], 4, 0, 1, 8192, 7, 400);
    for (int i = 0; i < 4; i++) {
      double expected = c[i] * c[i] / sum; // uniform inputs share a variance, so S_i = c_i² / Σ c²
      // within 4 bootstrap standard errors (half-width / 1.96) each: 8 checks, none flaky at a fixed seed
      assertThat(Math.abs(s.first()[i] - expected)).isLessThanOrEqualTo(4 * (s.firstHigh()[i] - s.firstLow()[i]) / 3.92);
      assertThat(Math.abs(s.total()[i] - expected)).isLessThanOrEqualTo(4 * (s.totalHigh()[i] - s.totalLow()[i]) / 3.92);
      assertThat(s.firstHigh()[i] - s.firstLow()[i]).isLessThan(0.1); // and the intervals say something
    }
    assertThat(s.total()[3]).isEqualTo(0.0); // f(A) = f(AB_4) exactly when x4 does nothing
  }

  @Test
  void rowsWithNonFiniteValuesAreDroppedAndCounted() {
    double[] fA = {1, 2, Double.NaN, 4, 5, 6};
    double[] fB = {2, 1, 3, Double.POSITIVE_INFINITY, 6, 5};
    double[][] fAB = {{1.5, 1.5, 1, 1, 5.5, 5.5}};
    SobolIndices s = SobolIndices.estimate(fA, fB, fAB, 10, 1);
    assertThat(s.rows()).isEqualTo(4);
    assertThat(s.dropped()).isEqualTo(2);
  }

  private static int inside(double v, double lo, double hi) {
    return v >= lo && v <= hi ? 1 : 0;
  }
}
