package meek.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import meek.distributions.ContinuousParameter;
import meek.distributions.Correlations;
import meek.distributions.ParameterDistribution;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * Common random numbers across laws: the draws of a parameter named alike in two plans, from the same block
 * stream, are comonotone (Spearman 1) when its laws share a sampler family or when it is drawn through the
 * normal; otherwise independent. Measured with Commons Math's Spearman correlation.
 */
class PairingTest {

  private static final int N = 20_000;
  private static final List<String> NAMES = List.of("x", "y");

  /** N draws of x from a plan where x has law {@code x}, y a fixed normal (so that the streams differ by name only). */
  private static double[] draws(ParameterDistribution x, Set<String> throughNormal, Correlations correlations) {
    DrawPlan plan = DrawPlan.of(new ParameterDistribution[] {x, ContinuousParameter.normal(0, 1)}, NAMES, correlations, Design.MC, N,
        throughNormal);
    UniformRandomProvider block = RandomSource.XO_RO_SHI_RO_128_PP.create(42L);
    DrawSource.Drawer d = plan.forBlock(0, N, block);
    double[] out = new double[N];
    double[] p = new double[2];
    for (int i = 0; i < N; i++) {
      d.next(p);
      out[i] = p[0];
    }
    return out;
  }

  private static double spearman(double[] a, double[] b) {
    return new SpearmansCorrelation().correlation(a, b);
  }

  private static final ParameterDistribution LOGNORMAL = ContinuousParameter.lognormal(1.13, 0.155);
  private static final ParameterDistribution UNIFORM = ContinuousParameter.uniform(2, 5.5);

  @Test
  void differentFamiliesAreIndependentUnlessDrawnThroughTheNormal() {
    // independent: Spearman's sd under independence is 1/sqrt(N - 1) ≈ 0.007; 5 of them
    assertThat(Math.abs(spearman(draws(LOGNORMAL, Set.of(), Correlations.NONE), draws(UNIFORM, Set.of(), Correlations.NONE))))
        .isLessThan(5 / Math.sqrt(N - 1));
    assertThat(spearman(draws(LOGNORMAL, Set.of("x"), Correlations.NONE), draws(UNIFORM, Set.of("x"), Correlations.NONE)))
        .isEqualTo(1.0);
  }

  /** The families the fast samplers keep: normal with lognormal, uniform with uniform. */
  @Test
  void oneSamplerFamilyIsComonotoneWithoutHelp() {
    assertThat(LOGNORMAL.samplerFamily()).isEqualTo(ContinuousParameter.normal(3, 1).samplerFamily()).isEqualTo("normal");
    assertThat(spearman(draws(LOGNORMAL, Set.of(), Correlations.NONE), draws(ContinuousParameter.normal(3, 1), Set.of(), Correlations.NONE)))
        .isEqualTo(1.0);
    assertThat(spearman(draws(UNIFORM, Set.of(), Correlations.NONE), draws(ContinuousParameter.uniform(-1, 7), Set.of(), Correlations.NONE)))
        .isEqualTo(1.0);
    assertThat(ContinuousParameter.gamma(2, 1).samplerFamily()).isNull();
  }

  /** x first in a copula with y: the copula's first coordinate is x's own normal, so x is Q(Φ(z)) exactly as uncorrelated. */
  @Test
  void theFirstCorrelatedParameterIsTheDrawThroughTheNormal() {
    Correlations c = Correlations.of(List.of("x", "y"), new double[][] {{1, 0.6}, {0.6, 1}}, false);
    double[] correlated = draws(UNIFORM, Set.of(), c);
    double[] alone = draws(LOGNORMAL, Set.of("x"), Correlations.NONE);
    assertThat(spearman(correlated, alone)).isEqualTo(1.0);
  }
}
