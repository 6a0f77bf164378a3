package meek.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The least-squares sigmoid recovers coefficients it is given data from, within its standard errors. */
class SigmoidFitTest {

  private static double sigmoid(double loss, double floor, double ceiling, double mid, double k) {
    return floor + (ceiling - floor) / (1 + Math.exp(k * (loss - mid)));
  }

  @Test
  void noiseFreeDataIsFittedExactly() {
    double[] loss = new double[20];
    double[] score = new double[20];
    for (int i = 0; i < 20; i++) {
      loss[i] = 1.8 + 0.02 * i;
      score[i] = sigmoid(loss[i], 0.25, 1.0, 1.95, 15);
    }
    SigmoidFit.Result f = SigmoidFit.fit(loss, score, 0.25, 1.0);
    assertThat(f.value("L_mid")).isCloseTo(1.95, within(1e-8));
    assertThat(f.value("k")).isCloseTo(15, within(1e-6));
    assertThat(f.rSquared()).isCloseTo(1, within(1e-12));
  }

  /**
   * Synthetic scores from known coefficients plus Gaussian noise (sd 0.03): over 200 seeds, each fitted
   * coefficient lies within 2 of its standard errors of the truth in about 95% of fits (t-like tails with
   * 26 residual degrees of freedom: at least 90% required), so the errors are neither too small nor
   * vacuous; and never beyond 5.
   */
  @Test
  void standardErrorsAreCalibratedOnSyntheticData() {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2024L);
    ZigguratSampler.NormalizedGaussian noise = ZigguratSampler.NormalizedGaussian.of(rng);
    int runs = 200;
    int[] within2 = new int[4];
    for (int r = 0; r < runs; r++) {
      double[] loss = new double[30];
      double[] score = new double[30];
      for (int i = 0; i < loss.length; i++) {
        loss[i] = 1.6 + 0.7 * i / (loss.length - 1); // wide enough to reach both asymptotes
        score[i] = sigmoid(loss[i], 0.3, 0.9, 1.96, 18) + 0.03 * noise.sample();
      }
      SigmoidFit.Result f = SigmoidFit.fit(loss, score, Double.NaN, Double.NaN);
      double[] truth = {0.3, 0.9, 1.96, 18};
      for (int k = 0; k < 4; k++) {
        double z = Math.abs(f.values()[k] - truth[k]) / f.errors()[k];
        assertThat(z).as("%s in run %d", f.names()[k], r).isLessThan(5);
        if (z < 2) {
          within2[k]++;
        }
      }
    }
    for (int k = 0; k < 4; k++) {
      assertThat((double) within2[k] / runs).as("coefficient %d", k).isGreaterThan(0.90);
    }
  }

  @Test
  void tooFewPointsIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SigmoidFit.fit(new double[] {1, 2}, new double[] {0.5, 0.4}, 0.25, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs more than 2 points");
  }
}
