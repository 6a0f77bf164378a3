package meek.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class RankCorrelationsTest {

  private static final int N = 20_000;

  @Test
  void spearmanOfABivariateNormalMatchesItsClosedForm() {
    // for a bivariate normal with correlation r, Spearman's rho = (6/π)·asin(r/2) (Pearson 1907)
    double r = 0.6;
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);
    var gauss = ZigguratSampler.NormalizedGaussian.of(rng);
    double[][] x = new double[1][N];
    double[] y = new double[N];
    for (int i = 0; i < N; i++) {
      double z1 = gauss.sample();
      double z2 = gauss.sample();
      x[0][i] = Math.exp(z1); // monotone transforms leave ranks alone
      y[i] = Math.pow(r * z1 + Math.sqrt(1 - r * r) * z2, 3);
    }
    RankCorrelations c = RankCorrelations.of(x, y);
    double expected = 6 / Math.PI * Math.asin(r / 2);
    double se = (c.spearmanHigh()[0] - c.spearmanLow()[0]) / 3.92;
    assertThat(c.spearman()[0]).isCloseTo(expected, offset(4 * se));
    assertThat(se).isLessThan(0.01);
  }

  @Test
  void prccEqualsTheCorrelationOfRankResidualsAndRemovesAConfoundedInput() {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(12L);
    var gauss = ZigguratSampler.NormalizedGaussian.of(rng);
    double[][] x = new double[3][N];
    double[] y = new double[N];
    for (int i = 0; i < N; i++) {
      x[0][i] = gauss.sample();
      x[1][i] = 0.8 * x[0][i] + 0.6 * gauss.sample(); // correlated with x0, but y does not depend on it
      x[2][i] = gauss.sample();
      y[i] = Math.exp(x[0][i] + 0.5 * x[2][i] + 0.1 * gauss.sample());
    }
    RankCorrelations c = RankCorrelations.of(x, y);
    // second method: regress the ranks of the other inputs out of input i's ranks and out of y's ranks
    NaturalRanking ranking = new NaturalRanking();
    double[][] ranks = new double[3][];
    for (int i = 0; i < 3; i++) {
      ranks[i] = ranking.rank(x[i]);
    }
    double[] yRanks = ranking.rank(y);
    for (int i = 0; i < 3; i++) {
      double[][] others = new double[N][2];
      for (int j = 0, k = 0; j < 3; j++) {
        if (j != i) {
          for (int n = 0; n < N; n++) {
            others[n][k] = ranks[j][n];
          }
          k++;
        }
      }
      OLSMultipleLinearRegression ox = new OLSMultipleLinearRegression();
      ox.newSampleData(ranks[i], others);
      OLSMultipleLinearRegression oy = new OLSMultipleLinearRegression();
      oy.newSampleData(yRanks, others);
      double expected = new PearsonsCorrelation().correlation(ox.estimateResiduals(), oy.estimateResiduals());
      assertThat(c.prcc()[i]).isCloseTo(expected, offset(1e-9));
    }
    assertThat(c.spearman()[1]).isGreaterThan(0.5); // confounded: strongly rank-correlated with y …
    assertThat(Math.abs(c.prcc()[1])).isLessThan(4 / Math.sqrt(N)); // … but no partial effect
  }

  @Test
  void undefinedOutputsAreDroppedAndCounted() {
    double[][] x = {{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}};
    double[] y = {1, Double.NaN, 3, 4, Double.POSITIVE_INFINITY, 6, 7, 8, 9, 10};
    RankCorrelations c = RankCorrelations.of(x, y);
    assertThat(c.n()).isEqualTo(9);
    assertThat(c.dropped()).isEqualTo(1);
    // +∞ ranks top: y ranks 1,2,3,9,4,5,6,7,8 against 1…9, Σd² = 30, ρ = 1 − 6·30/(9·80) = 0.75
    assertThat(c.spearman()[0]).isCloseTo(0.75, offset(1e-12));
  }
}
