package meek.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import meek.distributions.ParameterDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.TriangularDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every spec form, parsed from YAML and sampled, against analytic distributions from Commons Math 3 (an
 * implementation independent of the Commons Statistics code under test). Tolerances come from N: the
 * fraction of draws below the true p-quantile is Binomial(N, p)/N, so it must lie within 5 standard errors
 * sqrt(p(1−p)/N) of p; the KS test must not reject at a Bonferroni-corrected 0.1% family-wise level.
 */
class DistributionFormsTest {

  private static final int N = 100_000;
  private static final double[] PROBS = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};
  private static final double Z95 = 1.6448536269514722;

  @TempDir Path dir;

  private ParameterDistribution parse(String value) throws IOException {
    return SpecFixtures.parse(dir, value);
  }

  private static double[] draw(ParameterDistribution d, long seed) {
    return SpecFixtures.draw(d, seed, N);
  }

  /** Fractions of draws below the truth's quantiles are binomial around p; KS does not reject. */
  private static void assertSamplesFollow(double[] x, RealDistribution truth) {
    for (double p : PROBS) {
      double q = truth.inverseCumulativeProbability(p);
      long below = java.util.Arrays.stream(x).filter(v -> v <= q).count();
      assertThat((double) below / N).as("fraction below the %s-quantile", p)
          .isCloseTo(p, within(5 * Math.sqrt(p * (1 - p) / N)));
    }
    // ~10 KS tests in this class: 1e-4 each keeps the family-wise false alarm rate near 1e-3 (Bonferroni)
    assertThat(new KolmogorovSmirnovTest().kolmogorovSmirnovTest(truth, x)).isGreaterThan(1e-4);
  }

  private static void assertQuantilesMatch(ParameterDistribution d, RealDistribution truth) {
    for (double p : PROBS) {
      double q = truth.inverseCumulativeProbability(p);
      assertThat(d.quantile(p)).isCloseTo(q, within(1e-9 * Math.abs(q) + 1e-12));
    }
  }

  @Test
  void normalGivenByMeanAndSd() throws IOException {
    ParameterDistribution d = parse("{dist: normal, mean: 0.155, sd: 0.01}");
    NormalDistribution truth = new NormalDistribution(0.155, 0.01);
    assertQuantilesMatch(d, truth);
    assertSamplesFollow(draw(d, 1), truth);
  }

  @Test
  void normalGivenByTwoPercentiles() throws IOException {
    ParameterDistribution d = parse("{dist: normal, p10: 1, p90: 3}");
    assertThat(d.quantile(0.10)).isCloseTo(1, within(1e-12));
    assertThat(d.quantile(0.90)).isCloseTo(3, within(1e-12));
    assertThat(d.median()).isCloseTo(2, within(1e-12));
  }

  @Test
  void lognormalGivenByP5AndP95ReproducesThem() throws IOException {
    ParameterDistribution d = parse("{dist: lognormal, p5: 2.0, p95: 4.0}");
    assertThat(d.quantile(0.05)).isCloseTo(2.0, within(1e-12));
    assertThat(d.quantile(0.95)).isCloseTo(4.0, within(1e-12));
    double[] x = draw(d, 2);
    for (double[] pq : new double[][] {{0.05, 2.0}, {0.95, 4.0}, {0.5, Math.sqrt(8)}}) {
      long below = java.util.Arrays.stream(x).filter(v -> v <= pq[1]).count();
      assertThat((double) below / N).isCloseTo(pq[0], within(5 * Math.sqrt(pq[0] * (1 - pq[0]) / N)));
    }
  }

  @Test
  void lognormalGivenByAnyTwoPercentiles() throws IOException {
    ParameterDistribution d = parse("{dist: lognormal, p2.5: 1.81, p97.5: 5.28}");
    assertThat(d.quantile(0.025)).isCloseTo(1.81, within(1e-12));
    assertThat(d.quantile(0.975)).isCloseTo(5.28, within(1e-12));
  }

  @Test
  void lognormalGivenByMedianAndGsd() throws IOException {
    ParameterDistribution d = parse("{dist: lognormal, median: 1.4, gsd: 1.06}");
    // median·gsd^z is the quantile at Φ(z), by definition of the geometric sd
    LogNormalDistribution truth = new LogNormalDistribution(Math.log(1.4), Math.log(1.06));
    assertThat(d.quantile(0.95)).isCloseTo(1.4 * Math.pow(1.06, Z95), within(1e-12));
    assertQuantilesMatch(d, truth);
    assertSamplesFollow(draw(d, 3), truth);
  }

  @Test
  void lognormalGivenByMuAndSigma() throws IOException {
    ParameterDistribution d = parse("{dist: lognormal, mu: 1.0, sigma: 0.3}");
    LogNormalDistribution truth = new LogNormalDistribution(1.0, 0.3);
    assertQuantilesMatch(d, truth);
    assertSamplesFollow(draw(d, 4), truth);
  }

  @Test
  void uniform() throws IOException {
    ParameterDistribution d = parse("{dist: uniform, min: 2.5, max: 5.0}");
    UniformRealDistribution truth = new UniformRealDistribution(2.5, 5.0);
    assertQuantilesMatch(d, truth);
    assertSamplesFollow(draw(d, 5), truth);
  }

  @Test
  void triangular() throws IOException {
    ParameterDistribution d = parse("{dist: triangular, min: 1, mode: 2, max: 5}");
    TriangularDistribution truth = new TriangularDistribution(1, 2, 5);
    assertQuantilesMatch(d, truth);
    assertSamplesFollow(draw(d, 6), truth);
  }

  @Test
  void constantsTakeNoRandomness() throws IOException {
    for (String form : new String[] {"1070", "3.0e19", "'1e20'", "{dist: constant, value: 1070}"}) {
      ParameterDistribution d = parse(form);
      assertThat(d.isConstant()).isTrue();
      assertThat(d.sampler(null).sample()).isEqualTo(d.median());
    }
    assertThat(parse("3.0e19").median()).isEqualTo(3.0e19);
  }

  /** Truncated to [lo, hi]: CDF (F(x) − F(lo)) / (F(hi) − F(lo)) of the parent, from Commons Math 3. */
  private static RealDistribution truncated(RealDistribution parent, double lo, double hi) {
    double flo = parent.cumulativeProbability(lo);
    double mass = parent.cumulativeProbability(hi) - flo;
    return new org.apache.commons.math3.distribution.AbstractRealDistribution(null) {
      private static final long serialVersionUID = 1L;

      @Override
      public double cumulativeProbability(double x) {
        return x <= lo ? 0 : x >= hi ? 1 : (parent.cumulativeProbability(x) - flo) / mass;
      }

      @Override
      public double inverseCumulativeProbability(double p) {
        return parent.inverseCumulativeProbability(flo + p * mass);
      }

      @Override public double density(double x) { return 0; }
      @Override public double getNumericalMean() { return Double.NaN; }
      @Override public double getNumericalVariance() { return Double.NaN; }
      @Override public double getSupportLowerBound() { return lo; }
      @Override public double getSupportUpperBound() { return hi; }
      @Override public boolean isSupportLowerBoundInclusive() { return true; }
      @Override public boolean isSupportUpperBoundInclusive() { return true; }
      @Override public boolean isSupportConnected() { return true; }
    };
  }

  @Test
  void truncatedNormalStaysInBoundsAndFollowsTheTruncatedLaw() throws IOException {
    ParameterDistribution d = parse("{dist: normal, mean: 0.155, sd: 0.05, min: 0.1, max: 0.3}");
    double[] x = draw(d, 7);
    assertThat(java.util.Arrays.stream(x).allMatch(v -> v >= 0.1 && v <= 0.3)).isTrue();
    RealDistribution truth = truncated(new NormalDistribution(0.155, 0.05), 0.1, 0.3);
    assertQuantilesMatch(d, truth);
    assertSamplesFollow(x, truth);
  }

  @Test
  void oneSidedTruncationInTheFarTail() throws IOException {
    // only the upper 0.1% of the parent remains: a rejection sampler would spin, the exact one does not
    ParameterDistribution d = parse("{dist: normal, mean: 0, sd: 1, min: 3.09}");
    double[] x = draw(d, 8);
    assertThat(java.util.Arrays.stream(x).allMatch(v -> v >= 3.09)).isTrue();
    assertSamplesFollow(x, truncated(new NormalDistribution(0, 1), 3.09, Double.POSITIVE_INFINITY));
  }

  @Test
  void truncatedLognormalStaysInBoundsAndFollowsTheTruncatedLaw() throws IOException {
    ParameterDistribution d = parse("{dist: lognormal, mu: 1.0, sigma: 0.5, min: 2, max: 4}");
    double[] x = draw(d, 9);
    assertThat(java.util.Arrays.stream(x).allMatch(v -> v >= 2 && v <= 4)).isTrue();
    RealDistribution truth = truncated(new LogNormalDistribution(1.0, 0.5), 2, 4);
    assertQuantilesMatch(d, truth);
    assertSamplesFollow(x, truth);
  }
}
