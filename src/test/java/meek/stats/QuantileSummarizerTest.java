package meek.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import meek.model.ScalarOutput;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class QuantileSummarizerTest {

  private static final ScalarOutput X = new ScalarOutput("x", "", "x", false);

  /** numpy's default percentile, written from its definition on a sorted copy. */
  private static double type7(double[] sorted, double p) {
    double h = p * (sorted.length - 1);
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  @Test
  void atSmallNTheMediansIntervalIsUnboundedUntilItsExtremesCoverIt() {
    // [X(1), X(n)] covers the median with probability 1 − 2·0.5^n: at least 95% from n = 6 on (0.969), not at
    // n = 5 (0.9375). Below that no order statistic bounds a 95% interval, and meek must not pretend one does.
    for (int n = 1; n <= 30; n++) {
      boolean covered = 1 - 2 * Math.pow(0.5, n) >= 0.95;
      assertThat(QuantileSummarizer.bounded(n, 0.5)).as("n = %d", n).containsExactly(covered, covered);
    }
    // the 5th percentile: below by X(1) once 1 − 0.95^n ≥ 0.975, i.e. n ≥ 72 (0.95^71 = 0.0262, 0.95^72 = 0.0249)
    assertThat(QuantileSummarizer.bounded(71, 0.05)[0]).isFalse();
    assertThat(QuantileSummarizer.bounded(72, 0.05)[0]).isTrue();
  }

  @Test
  void quantilesAreType7AndTheMeanIsTheMean() {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(3L);
    double[] x = new double[1001];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextDouble() * 10;
    }
    double[] sorted = x.clone();
    Arrays.sort(sorted);
    double mean = Arrays.stream(x).sum() / x.length;
    OutputSummary s = QuantileSummarizer.summarize(X, x.clone());
    assertThat(s.n()).isEqualTo(1001);
    assertThat(s.mean()).isCloseTo(mean, within(1e-12));
    for (QuantileEstimate q : s.quantiles()) {
      assertThat(q.value()).as(q.key()).isCloseTo(type7(sorted, q.p()), within(1e-12));
      assertThat(q.ciLower()).isLessThanOrEqualTo(q.value());
      assertThat(q.ciUpper()).isGreaterThanOrEqualTo(q.value());
    }
  }

  @Test
  void undefinedValuesAreLeftOutAndNeverIsKept() {
    double inf = Double.POSITIVE_INFINITY;
    double[] x = {1, Double.NaN, 2, 3, inf, Double.NaN, 4, inf};
    OutputSummary s = QuantileSummarizer.summarize(X, x);
    assertThat(s.n()).isEqualTo(6);
    assertThat(s.infinite()).isEqualTo(2);
    assertThat(s.at(0.5).value()).isCloseTo(3.5, within(1e-12)); // of {1,2,3,4,∞,∞}
    assertThat(s.at(0.99).value()).isInfinite();
    assertThat(s.mean()).isInfinite();
  }

  /**
   * The order-statistic interval covers the true quantile of a known distribution in at least 95% of
   * repeated runs (it is conservative by construction): checked over 2,000 runs of 400 normal draws, with
   * a tolerance of 4 binomial standard errors of the coverage.
   */
  @Test
  void confidenceIntervalsCoverTheTrueQuantileAbout95PercentOfTheTime() {
    int runs = 2000;
    int n = 400;
    NormalDistribution normal = NormalDistribution.of(0, 1);
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);
    ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
    double[] probs = QuantileSummarizer.PROBABILITIES;
    int[] covered = new int[probs.length];
    for (int r = 0; r < runs; r++) {
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = gauss.sample();
      }
      OutputSummary s = QuantileSummarizer.summarize(X, x);
      for (int k = 0; k < probs.length; k++) {
        double truth = normal.inverseCumulativeProbability(probs[k]);
        QuantileEstimate q = s.quantiles().get(k);
        if (q.ciLower() <= truth && truth <= q.ciUpper()) {
          covered[k]++;
        }
      }
    }
    double se = Math.sqrt(0.95 * 0.05 / runs);
    for (int k = 0; k < probs.length; k++) {
      // p1 and p99 at n = 400 sit near the sample's edge: their binomial interval is wider than 95%
      double coverage = (double) covered[k] / runs;
      assertThat(coverage).as("coverage at p = %s", probs[k]).isBetween(0.95 - 4 * se, 0.995);
    }
  }

  @Test
  void ranksOfTheMedianIntervalMatchTheNormalApproximation() {
    // for large n, the 95% ranks of the median are n/2 ± 1.96·sqrt(n)/2 (a second method)
    int n = 1_000_000;
    int[] r = QuantileSummarizer.confidenceRanks(n, 0.5);
    double half = 1.959964 * Math.sqrt(n) / 2;
    assertThat((double) r[0]).isCloseTo(n / 2.0 - half, within(3.0));
    assertThat((double) r[1]).isCloseTo(n / 2.0 + half, within(3.0));
  }

  @Test
  void type7AgreesWithCommonsStatisticsIncludingNeverValues() {
    // Commons Statistics' Quantile (HF7) is an independent implementation of the same definition
    var commons = org.apache.commons.statistics.descriptive.Quantile.withDefaults()
        .with(org.apache.commons.statistics.descriptive.Quantile.EstimationMethod.HF7);
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(8L);
    for (int n : new int[] {1, 2, 3, 10, 999, 5000}) {
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = rng.nextDouble() < 0.1 ? Double.POSITIVE_INFINITY : rng.nextDouble();
      }
      OutputSummary s = QuantileSummarizer.summarize(X, x.clone());
      double[] expected = commons.evaluate(x.clone(), QuantileSummarizer.PROBABILITIES);
      for (int i = 0; i < expected.length; i++) {
        assertThat(s.quantiles().get(i).value()).as("n %d p %s", n, QuantileSummarizer.PROBABILITIES[i]).isEqualTo(expected[i]);
      }
    }
  }

  /**
   * Beyond an int of draws the binomial ranks come from its normal approximation: at the edge, n = 2^31 − 1
   * (Commons Statistics' exact binomial) and n + 1 (the approximation) agree within a rank or two.
   */
  @Test
  void ranksBeyondAnIntOfDrawsAgreeWithTheExactBinomialAtTheEdge() {
    int n = Integer.MAX_VALUE;
    for (double p : QuantileSummarizer.PROBABILITIES) {
      int[] exact = QuantileSummarizer.confidenceRanks(n, p);
      long[] approx = QuantileSummarizer.confidenceRanks((long) n + 1, p);
      assertThat((double) approx[0]).as("p %s lower", p).isCloseTo(exact[0], org.assertj.core.api.Assertions.within(2.0));
      assertThat((double) approx[1]).as("p %s upper", p).isCloseTo(exact[1], org.assertj.core.api.Assertions.within(2.0));
    }
  }
}
