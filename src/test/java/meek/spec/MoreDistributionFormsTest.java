package meek.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import meek.distributions.ParameterDistribution;
import org.apache.commons.math3.distribution.AbstractRealDistribution;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue-3 distribution library against Commons Math 3 (independent of the Commons Statistics code
 * under test) or closed-form CDFs: KS at a Bonferroni-corrected level (about 15 tests here: 1e-4 each), and
 * sampled values inside truncation bounds.
 */
class MoreDistributionFormsTest {

  private static final int N = 100_000;
  private static final double Z95 = 1.6448536269514722;

  @TempDir Path dir;

  private ParameterDistribution parse(String value) throws IOException {
    return SpecFixtures.parse(dir, value);
  }

  private static double[] draw(ParameterDistribution d, long seed) {
    return SpecFixtures.draw(d, seed, N);
  }

  /** A distribution known only by its CDF, for the KS test. */
  private static RealDistribution byCdf(DoubleUnaryOperator cdf) {
    return new AbstractRealDistribution(null) {
      private static final long serialVersionUID = 1L;
      @Override public double cumulativeProbability(double x) { return cdf.applyAsDouble(x); }
      @Override public double density(double x) { return 0; }
      @Override public double getNumericalMean() { return Double.NaN; }
      @Override public double getNumericalVariance() { return Double.NaN; }
      @Override public double getSupportLowerBound() { return Double.NEGATIVE_INFINITY; }
      @Override public double getSupportUpperBound() { return Double.POSITIVE_INFINITY; }
      @Override public boolean isSupportLowerBoundInclusive() { return true; }
      @Override public boolean isSupportUpperBoundInclusive() { return true; }
      @Override public boolean isSupportConnected() { return true; }
    };
  }

  private static void assertFollows(ParameterDistribution d, RealDistribution truth, long seed) {
    double[] x = draw(d, seed);
    assertThat(new KolmogorovSmirnovTest().kolmogorovSmirnovTest(truth, x)).isGreaterThan(1e-4);
    // and the quantile function inverts the CDF, both against the truth
    for (double p : new double[] {0.01, 0.1, 0.5, 0.9, 0.99}) {
      assertThat(truth.cumulativeProbability(d.quantile(p))).as("F(Q(%s))", p).isCloseTo(p, within(1e-8));
    }
    // the mean, against the sample mean (5 standard errors)
    double mean = Arrays.stream(x).average().orElseThrow();
    double sd = Math.sqrt(Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / (N - 1));
    assertThat(d.mean()).isCloseTo(mean, within(5 * sd / Math.sqrt(N)));
  }

  @Test
  void loguniform() throws IOException {
    double a = Math.log(2);
    double b = Math.log(40);
    assertFollows(parse("{dist: loguniform, min: 2, max: 40}"),
        byCdf(x -> x <= 2 ? 0 : x >= 40 ? 1 : (Math.log(x) - a) / (b - a)), 31);
  }

  @Test
  void pertIsTheScaledBetaOfItsDefinition() throws IOException {
    // Beta-PERT(min 1, mode 2, max 6): Beta(1 + 4·1/5, 1 + 4·4/5) on [1, 6]
    BetaDistribution beta = new BetaDistribution(1.8, 4.2);
    assertFollows(parse("{dist: pert, min: 1, mode: 2, max: 6}"), byCdf(x -> beta.cumulativeProbability((x - 1) / 5)), 32);
  }

  @Test
  void betaScaled() throws IOException {
    BetaDistribution beta = new BetaDistribution(2, 5);
    assertFollows(parse("{dist: beta, a: 2, b: 5, min: 10, max: 20}"), byCdf(x -> beta.cumulativeProbability((x - 10) / 10)), 33);
    assertFollows(parse("{dist: beta, a: 2, b: 5}"), beta, 34);
  }

  @Test
  void gammaByScaleOrRate() throws IOException {
    assertFollows(parse("{dist: gamma, shape: 2.5, scale: 0.4}"), new GammaDistribution(2.5, 0.4), 35);
    assertThat(parse("{dist: gamma, shape: 2.5, rate: 2.5}").quantile(0.3))
        .isCloseTo(new GammaDistribution(2.5, 0.4).inverseCumulativeProbability(0.3), within(1e-9));
  }

  @Test
  void studentTLocatedAndScaled() throws IOException {
    TDistribution t = new TDistribution(4);
    assertFollows(parse("{dist: student_t, location: 3, scale: 0.5, dof: 4}"), byCdf(x -> t.cumulativeProbability((x - 3) / 0.5)), 36);
  }

  @Test
  void mixtureOfTwoNormals() throws IOException {
    NormalDistribution a = new NormalDistribution(0, 1);
    NormalDistribution b = new NormalDistribution(5, 0.5);
    ParameterDistribution d = parse("{dist: mixture, components: [{dist: normal, mean: 0, sd: 1}, {dist: normal, mean: 5, sd: 0.5}], weights: [0.7, 0.3]}");
    assertFollows(d, byCdf(x -> 0.7 * a.cumulativeProbability(x) + 0.3 * b.cumulativeProbability(x)), 37);
    assertThat(d.mean()).isCloseTo(0.7 * 0 + 0.3 * 5, within(1e-9));
  }

  @Test
  void mixtureMayHoldConstants() throws IOException {
    ParameterDistribution d = parse("{dist: mixture, components: [1.0, 3.0], weights: [0.25, 0.75]}");
    double[] x = draw(d, 38);
    long ones = Arrays.stream(x).filter(v -> v == 1.0).count();
    assertThat((double) ones / N).isCloseTo(0.25, within(5 * Math.sqrt(0.25 * 0.75 / N)));
    assertThat(Arrays.stream(x).allMatch(v -> v == 1.0 || v == 3.0)).isTrue();
  }

  @Test
  void empiricalInlineResamplesEachValueEqually() throws IOException {
    ParameterDistribution d = parse("{dist: empirical, values: [1, 2, 2, 7]}");
    double[] x = draw(d, 39);
    for (double[] vp : new double[][] {{1, 0.25}, {2, 0.5}, {7, 0.25}}) {
      long k = Arrays.stream(x).filter(v -> v == vp[0]).count();
      assertThat((double) k / N).isCloseTo(vp[1], within(5 * Math.sqrt(vp[1] * (1 - vp[1]) / N)));
    }
    assertThat(d.quantile(0.0)).isEqualTo(1);
    assertThat(d.quantile(0.3)).isEqualTo(2);
    assertThat(d.quantile(0.99)).isEqualTo(7);
    assertThat(d.mean()).isEqualTo(3);
  }

  @Test
  void empiricalFromACsvColumn() throws IOException {
    Files.writeString(dir.resolve("obs.csv"), "year,rate\n2020,2.5\n2021,3.5\n2022,3.0\n");
    ParameterDistribution d = parse("{dist: empirical, file: obs.csv, column: rate}");
    assertThat(d.quantile(0)).isEqualTo(2.5);
    assertThat(d.quantile(0.999)).isEqualTo(3.5);
    assertThat(d.mean()).isCloseTo(3.0, within(1e-12));
    ParameterDistribution cut = parse("{dist: empirical, file: obs.csv, column: rate, max: 3.2}");
    assertThat(cut.quantile(0.999)).isEqualTo(3.0);
  }

  @Test
  void ci90ShorthandIsALognormalForPositiveBoundsAndANormalOtherwise() throws IOException {
    ParameterDistribution pos = parse("{ci90: [2, 8]}");
    assertThat(pos.quantile(0.05)).isCloseTo(2, within(1e-9));
    assertThat(pos.quantile(0.95)).isCloseTo(8, within(1e-9));
    assertThat(pos.median()).isCloseTo(4, within(1e-9)); // geometric midpoint: lognormal
    ParameterDistribution neg = parse("{ci90: [-1, 3]}");
    assertThat(neg.median()).isCloseTo(1, within(1e-9)); // arithmetic midpoint: normal
    assertThat(neg.quantile(0.95)).isCloseTo(1 + 2, within(1e-9));
    ParameterDistribution ci80 = parse("{ci80: [1, 3]}");
    assertThat(ci80.quantile(0.10)).isCloseTo(1, within(1e-9));
    ParameterDistribution ci95 = parse("{ci95: [1, 3]}");
    assertThat(ci95.quantile(0.975)).isCloseTo(3, within(1e-9));
    assertThat(Z95).isPositive();
  }

  @Test
  void truncationOfAnyFamilyIsExact() throws IOException {
    GammaDistribution g = new GammaDistribution(2, 1);
    ParameterDistribution d = parse("{dist: gamma, shape: 2, scale: 1, min: 1, max: 3}");
    double[] x = draw(d, 40);
    assertThat(Arrays.stream(x).allMatch(v -> v >= 1 && v <= 3)).isTrue();
    double lo = g.cumulativeProbability(1);
    double mass = g.cumulativeProbability(3) - lo;
    assertFollows(d, byCdf(v -> v <= 1 ? 0 : v >= 3 ? 1 : (g.cumulativeProbability(v) - lo) / mass), 41);

    // the far upper tail of a Student t: only 1e-5 of the mass remains, and draws still land in it
    TDistribution t = new TDistribution(3);
    double cut = t.inverseCumulativeProbability(1 - 1e-5);
    ParameterDistribution tail = parse("{dist: student_t, location: 0, scale: 1, dof: 3, min: " + cut + "}");
    assertThat(Arrays.stream(draw(tail, 42)).allMatch(v -> v >= cut)).isTrue();
    double sTail = 1 - t.cumulativeProbability(cut);
    assertFollows(tail, byCdf(v -> v <= cut ? 0 : 1 - (1 - t.cumulativeProbability(v)) / sTail), 43);

    // a triangular cut inside its own bounds with truncate: [lo, hi], against the truncated CDF
    org.apache.commons.math3.distribution.TriangularDistribution tri = new org.apache.commons.math3.distribution.TriangularDistribution(0, 5, 10);
    ParameterDistribution cutTri = parse("{dist: triangular, min: 0, mode: 5, max: 10, truncate: [2, 8]}");
    double f2 = tri.cumulativeProbability(2);
    double keptTri = tri.cumulativeProbability(8) - f2;
    assertFollows(cutTri, byCdf(v -> v <= 2 ? 0 : v >= 8 ? 1 : (tri.cumulativeProbability(v) - f2) / keptTri), 46);
    assertThat(parse("{dist: uniform, min: 0, max: 10, truncate: [null, 4]}").quantile(0.999)).isLessThanOrEqualTo(4);

    // a mixture truncated between its modes: the truncated mixture CDF, from Commons Math 3 normals
    ParameterDistribution mix = parse("{dist: mixture, components: [{dist: normal, mean: 0, sd: 1}, {dist: normal, mean: 5, sd: 1}], weights: [0.5, 0.5], min: 0}");
    assertThat(Arrays.stream(draw(mix, 44)).allMatch(v -> v >= 0)).isTrue();
    NormalDistribution n0 = new NormalDistribution(0, 1);
    NormalDistribution n5 = new NormalDistribution(5, 1);
    double kept = 0.5 * (1 - n0.cumulativeProbability(0)) + 0.5 * (1 - n5.cumulativeProbability(0));
    assertFollows(mix, byCdf(v -> v <= 0 ? 0
        : (0.5 * (n0.cumulativeProbability(v) - 0.5) + 0.5 * (n5.cumulativeProbability(v) - n5.cumulativeProbability(0))) / kept), 45);
  }
}
