package meek.stats;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.descriptive.Quantile;

/**
 * First-order and total Sobol indices from a Saltelli design: model values on the N rows of two independent
 * sample matrices A and B, and on each AB_i (A with column i taken from B). Estimators (Saltelli et al. 2010,
 * Table 2; the same as SALib's):
 *
 * <pre>
 *   S_i  = mean(f(B)·(f(AB_i) − f(A))) / V          (Saltelli 2010, eq b)
 *   ST_i = mean((f(A) − f(AB_i))²) / (2V)            (Jansen 1999, eq f)
 *   V    = variance of f over the 2N rows of A and B
 * </pre>
 *
 * <p>95% confidence intervals are bootstrap percentile intervals over the rows (each resample draws N row
 * indices with replacement and recomputes V and every index). An estimate below 0 is kept as it is (it is a
 * sampling error around a small index) and flagged.
 *
 * @param first S_i per input
 * @param total ST_i per input
 * @param variance V
 * @param rows rows used (rows where some value was not finite are left out, and counted in {@code dropped})
 */
public record SobolIndices(
    double[] first, double[] firstLow, double[] firstHigh,
    double[] total, double[] totalLow, double[] totalHigh,
    double variance, int rows, int dropped, int resamples) {

  private static final Quantile PERCENTILE =
      Quantile.withDefaults()
          .with(Quantile.EstimationMethod.HF7);

  /**
   * @param fA f on the rows of A
   * @param fB f on the rows of B
   * @param fAB {@code fAB[i][row]}: f on the rows of AB_i
   * @param resamples bootstrap resamples (e.g. 1000)
   * @param seed for the bootstrap's row draws
   */
  public static SobolIndices estimate(double[] fA, double[] fB, double[][] fAB, int resamples, long seed) {
    int d = fAB.length;
    int[] kept = java.util.stream.IntStream.range(0, fA.length)
        .filter(r -> Double.isFinite(fA[r]) && Double.isFinite(fB[r]) && Arrays.stream(fAB).allMatch(c -> Double.isFinite(c[r])))
        .toArray();
    int n = kept.length;
    double[] a = new double[n], b = new double[n];
    double[][] ab = new double[d][n];
    for (int k = 0; k < n; k++) {
      a[k] = fA[kept[k]];
      b[k] = fB[kept[k]];
      for (int i = 0; i < d; i++) {
        ab[i][k] = fAB[i][kept[k]];
      }
    }
    double[] s = new double[d], st = new double[d];
    double v = indices(a, b, ab, null, s, st);
    double[][] sBoot = new double[d][resamples], stBoot = new double[d][resamples];
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    int[] rows = new int[n];
    double[] sr = new double[d], str = new double[d];
    for (int r = 0; r < resamples && n > 1; r++) {
      for (int k = 0; k < n; k++) {
        rows[k] = rng.nextInt(n);
      }
      indices(a, b, ab, rows, sr, str);
      for (int i = 0; i < d; i++) {
        sBoot[i][r] = sr[i];
        stBoot[i][r] = str[i];
      }
    }
    double[] sLo = new double[d], sHi = new double[d], stLo = new double[d], stHi = new double[d];
    for (int i = 0; i < d; i++) {
      sLo[i] = percentile(sBoot[i], 0.025);
      sHi[i] = percentile(sBoot[i], 0.975);
      stLo[i] = percentile(stBoot[i], 0.025);
      stHi[i] = percentile(stBoot[i], 0.975);
    }
    return new SobolIndices(s, sLo, sHi, st, stLo, stHi, v, n, fA.length - n, resamples);
  }

  /** Whether input i's first-order or total estimate is below zero. */
  public boolean negative(int i) {
    return first[i] < 0 || total[i] < 0;
  }

  /** Fills s and st for the rows given (all rows when null); returns V. */
  private static double indices(double[] a, double[] b, double[][] ab, int[] rows, double[] s, double[] st) {
    int n = a.length;
    double sum = 0;
    for (int k = 0; k < n; k++) {
      int r = rows == null ? k : rows[k];
      sum += a[r] + b[r];
    }
    double mean = sum / (2.0 * n);
    double centred = 0; // two passes: no cancellation when the values sit far from zero
    for (int k = 0; k < n; k++) {
      int r = rows == null ? k : rows[k];
      centred += (a[r] - mean) * (a[r] - mean) + (b[r] - mean) * (b[r] - mean);
    }
    double v = centred / (2.0 * n);
    for (int i = 0; i < ab.length; i++) {
      double[] c = ab[i];
      double first = 0;
      double total = 0;
      for (int k = 0; k < n; k++) {
        int r = rows == null ? k : rows[k];
        first += (b[r] - mean) * (c[r] - a[r]); // centring f(B) leaves the expectation alone and cuts the noise
        double diff = a[r] - c[r];
        total += diff * diff;
      }
      s[i] = first / n / v;
      st[i] = total / (2.0 * n) / v;
    }
    return v;
  }

  /** Type-7 percentile of the bootstrap replicates (reorders them; they are not used again). */
  private static double percentile(double[] values, double p) {
    return PERCENTILE.evaluate(values, p);
  }
}
