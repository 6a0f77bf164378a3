package meek.distributions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.distribution.TriangularDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * The parameter laws built directly (no YAML): quantiles and CDFs against Commons Math 3, an implementation
 * independent of the Commons Statistics code they are built on; exact truncation; empirical and mixture laws
 * from their definitions; samplers against their own CDF by a Kolmogorov–Smirnov test at a fixed seed.
 */
class LawsTest {

  private static final double[] P = {1e-6, 0.001, 0.05, 0.25, 0.5, 0.75, 0.95, 0.999, 1 - 1e-6};

  private static void agrees(ParameterDistribution d, RealDistribution reference, DoubleUnaryOperator toReference) {
    for (double p : P) {
      double x = reference.inverseCumulativeProbability(p);
      double expected = toReference.applyAsDouble(x);
      assertThat(d.quantile(p)).as("quantile at %s", p).isCloseTo(expected, within(1e-8 * Math.max(1, Math.abs(expected))));
      assertThat(d.cdf(expected)).as("cdf at its %s-quantile", p).isCloseTo(p, within(1e-9 + 1e-7 * Math.min(p, 1 - p)));
    }
  }

  private static double[] draws(ParameterDistribution d, int n) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(20261201L);
    ContinuousSampler s = d.sampler(rng);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = s.sample();
    }
    return x;
  }

  /** The sampler draws the law its CDF describes: KS distance below the 0.1% critical value, 1.95/√n. */
  private static void samplesItsLaw(ParameterDistribution d) {
    int n = 20_000;
    double[] x = draws(d, n);
    Arrays.sort(x);
    double worst = 0;
    for (int i = 0; i < n; i++) {
      double f = d.cdf(x[i]);
      worst = Math.max(worst, Math.max(f - (double) i / n, (double) (i + 1) / n - f));
    }
    assertThat(worst).as("KS distance of %s", d.describe()).isLessThan(1.95 / Math.sqrt(n));
  }

  @Test
  void familiesMatchCommonsMath3() {
    agrees(ContinuousParameter.normal(0.155, 0.01), new NormalDistribution(0.155, 0.01), x -> x);
    agrees(ContinuousParameter.lognormal(Math.log(3), 0.4), new LogNormalDistribution(Math.log(3), 0.4), x -> x);
    agrees(ContinuousParameter.uniform(2.5, 5), new UniformRealDistribution(2.5, 5), x -> x);
    agrees(ContinuousParameter.loguniform(9, 900), new UniformRealDistribution(Math.log(9), Math.log(900)), Math::exp);
    agrees(ContinuousParameter.triangular(1, 2, 6), new TriangularDistribution(1, 2, 6), x -> x);
    agrees(ContinuousParameter.beta(2, 5, 1, 3), new BetaDistribution(2, 5), x -> 1 + 2 * x);
    agrees(ContinuousParameter.gamma(3, 0.5), new GammaDistribution(3, 0.5), x -> x);
    agrees(ContinuousParameter.studentT(1, 0.2, 4), new TDistribution(4), x -> 1 + 0.2 * x);
    // PERT on [1, 6] with mode 2 and λ = 4: Beta(1 + 4·1/5, 1 + 4·4/5) scaled to [1, 6]
    agrees(ContinuousParameter.pert(1, 2, 6, 4), new BetaDistribution(1.8, 4.2), x -> 1 + 5 * x);
    for (ParameterDistribution d : List.of(ContinuousParameter.lognormal(1, 0.5), ContinuousParameter.pert(1, 2, 6, 4),
        ContinuousParameter.studentT(1, 0.2, 4))) {
      samplesItsLaw(d);
    }
  }

  @Test
  void truncationIsExactThroughTheCdf() {
    // a gamma truncated to [1, 2]: Q(p) = F⁻¹(F(1) + p·(F(2) − F(1))), with Commons Math 3's F
    GammaDistribution g = new GammaDistribution(3, 0.5);
    ParameterDistribution t = ContinuousParameter.gamma(3, 0.5).truncate(1, 2);
    double lo = g.cumulativeProbability(1);
    double hi = g.cumulativeProbability(2);
    for (double p : P) {
      assertThat(t.quantile(p)).isCloseTo(g.inverseCumulativeProbability(lo + p * (hi - lo)), within(1e-8));
    }
    assertThat(t.cdf(1.5)).isCloseTo((g.cumulativeProbability(1.5) - lo) / (hi - lo), within(1e-12));
    assertThat(t.cdf(0.5)).isZero();
    assertThat(t.cdf(2.5)).isEqualTo(1);
    assertThat(Arrays.stream(draws(t, 10_000)).allMatch(x -> x >= 1 && x <= 2)).isTrue();
    samplesItsLaw(t);
    // far in a normal's upper tail, where 1 − F loses every digit: the survival side keeps them. The
    // expectations solve erfc(x/√2) = erfc(8/√2)·(1 − p) by bisection with C's erfc (Python's math.erfc)
    ParameterDistribution tail = ContinuousParameter.normal(0, 1).truncate(8, Double.POSITIVE_INFINITY);
    assertThat(tail.median()).isCloseTo(8.084911007391543, within(1e-9));
    assertThat(tail.quantile(0.999)).isCloseTo(8.810652760920764, within(1e-9));
    assertThat(tail.quantileFromSurvival(0.5)).isCloseTo(8.084911007391543, within(1e-9));
    samplesItsLaw(tail);
    assertThat(Arrays.stream(draws(tail, 10_000)).allMatch(Double::isFinite)).isTrue();
    // and its mirror image in the lower tail; a lognormal truncated far up its tail likewise (ln X on [8, ∞))
    ParameterDistribution low = ContinuousParameter.normal(0, 1).truncate(Double.NEGATIVE_INFINITY, -8);
    assertThat(low.median()).isCloseTo(-8.084911007391543, within(1e-9));
    assertThat(low.quantileFromSurvival(0.001)).isCloseTo(-8.000123192649346, within(1e-9)); // the mirror of [8, ∞)'s 0.001-quantile
    samplesItsLaw(low);
    ParameterDistribution logTail = ContinuousParameter.lognormal(0, 1).truncate(Math.exp(8), Double.POSITIVE_INFINITY);
    assertThat(Math.log(logTail.median())).isCloseTo(8.084911007391543, within(1e-9));
    samplesItsLaw(logTail);
    assertThatThrownBy(() -> ContinuousParameter.uniform(0, 1).truncate(2, 3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no probability mass");
  }

  @Test
  void anEmpiricalLawIsItsValuesEquallyLikely() {
    EmpiricalParameter e = EmpiricalParameter.of(new double[] {3, 1, 2, 2}, "inline");
    assertThat(e.quantile(0)).isEqualTo(1);
    assertThat(e.quantile(0.3)).isEqualTo(2); // sorted[floor(0.3·4)] = sorted[1]
    assertThat(e.quantile(0.99)).isEqualTo(3);
    assertThat(e.cdf(2)).isEqualTo(0.75);
    assertThat(e.cdf(0.5)).isZero();
    assertThat(e.mean()).isEqualTo(2);
    double[] x = draws(e, 40_000);
    long twos = Arrays.stream(x).filter(v -> v == 2).count();
    assertThat((double) twos / x.length).isCloseTo(0.5, within(5 * Math.sqrt(0.25 / x.length)));
    assertThat(e.truncate(1.5, 3).cdf(2)).isEqualTo(2.0 / 3);
  }

  @Test
  void aMixtureIsItsWeightedComponents() {
    ParameterDistribution a = ContinuousParameter.normal(0.1535, 0.007);
    ParameterDistribution b = ContinuousParameter.normal(0.178, 0.007);
    MixtureParameter m = MixtureParameter.of(List.of(a, b), new double[] {0.5, 0.5});
    NormalDistribution ra = new NormalDistribution(0.1535, 0.007);
    NormalDistribution rb = new NormalDistribution(0.178, 0.007);
    for (double x : new double[] {0.14, 0.16, 0.1657, 0.19}) {
      assertThat(m.cdf(x)).isCloseTo(0.5 * ra.cumulativeProbability(x) + 0.5 * rb.cumulativeProbability(x), within(1e-12));
    }
    for (double p : new double[] {0.01, 0.3, 0.5, 0.9}) {
      assertThat(m.cdf(m.quantile(p))).isCloseTo(p, within(1e-10));
    }
    assertThat(m.mean()).isCloseTo((0.1535 + 0.178) / 2, within(1e-12));
    samplesItsLaw(m);
    // truncating a mixture reweights its components by the mass each keeps
    ParameterDistribution cut = m.truncate(0.17, Double.POSITIVE_INFINITY);
    double keptA = 1 - ra.cumulativeProbability(0.17);
    double keptB = 1 - rb.cumulativeProbability(0.17);
    assertThat(cut.cdf(0.18)).isCloseTo(
        (ra.cumulativeProbability(0.18) - ra.cumulativeProbability(0.17) + rb.cumulativeProbability(0.18) - rb.cumulativeProbability(0.17))
            / (keptA + keptB), within(1e-9));
    assertThatThrownBy(() -> MixtureParameter.of(List.of(a, b), new double[] {0.5, 0.6})).hasMessageContaining("sum to 1");
  }

  @Test
  void constantsAndArgumentChecks() {
    ConstantParameter c = new ConstantParameter(1070);
    assertThat(c.quantile(0.3)).isEqualTo(1070);
    assertThat(c.isConstant()).isTrue();
    assertThat(draws(c, 3)).containsOnly(1070.0);
    assertThatThrownBy(() -> c.truncate(0, 1000)).hasMessageContaining("outside");
    assertThatThrownBy(() -> ContinuousParameter.normal(0, -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1.0");
    assertThatThrownBy(() -> ContinuousParameter.loguniform(0, 1)).hasMessageContaining("min > 0");
    assertThatThrownBy(() -> ContinuousParameter.triangular(0, 2, 1)).hasMessageContaining("mode");
    assertThatThrownBy(() -> EmpiricalParameter.of(new double[0], "inline")).hasMessageContaining("at least one value");
  }

  @Test
  void theLognormalMeanFromQuantilesIsTheClosedForm() {
    // E[X] = exp(μ + σ²/2); the midpoint rule over 2^16 cells is within 1e-4 of it
    assertThat(ContinuousParameter.lognormal(1, 0.5).mean()).isCloseTo(Math.exp(1 + 0.125), within(1e-4 * Math.exp(1.125)));
  }

  @Test
  void correlationsTranslateToNormalScoresAndRefuseContradictions() {
    assertThat(Correlations.spearmanOf(Correlations.normalScoreOf(0.3))).isCloseTo(0.3, within(1e-15));
    assertThat(Correlations.normalScoreOf(0.5)).isCloseTo(2 * Math.sin(Math.PI / 12), within(1e-15));
    double[][] contradictory = {{1, 0.9, 0.9}, {0.9, 1, -0.9}, {0.9, -0.9, 1}};
    List<String> names = List.of("a", "b", "c");
    assertThatThrownBy(() -> Correlations.of(names, contradictory, false)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not positive semi-definite");
    Correlations repaired = Correlations.of(names, contradictory, true);
    assertThat(repaired.repaired()).isTrue();
    double[] eigen = new org.apache.commons.math3.linear.EigenDecomposition(
        new org.apache.commons.math3.linear.Array2DRowRealMatrix(repaired.normalScores())).getRealEigenvalues();
    assertThat(Arrays.stream(eigen).min().orElseThrow()).isPositive();
    for (int i = 0; i < 3; i++) {
      assertThat(repaired.normalScores()[i][i]).isCloseTo(1, within(1e-12));
    }
    assertThat(Correlations.of(List.of("a", "b"), new double[][] {{1, 0.3}, {0.3, 1}}, false).effectiveSpearman()[0][1])
        .isCloseTo(0.3, within(1e-12));
  }
}
