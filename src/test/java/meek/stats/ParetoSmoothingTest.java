package meek.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import meek.model.ScalarOutput;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.ParetoDistribution;
import org.apache.commons.statistics.distribution.UniformContinuousDistribution;
import org.junit.jupiter.api.Test;

/** PSIS's shape estimate against tails of known shape, and weighted quantiles against plain order statistics. */
class ParetoSmoothingTest {

  private static double[] logOf(double[] x) {
    return Arrays.stream(x).map(Math::log).toArray();
  }

  @Test
  void kHatIsTheReciprocalOfAParetoTailIndex() {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(21L);
    // a Pareto law of index a is a generalized Pareto tail of shape 1/a; with S = 1e6 the tail holds 3,000 draws,
    // so k̂'s standard error is about (1 + k)/√3000 ≈ 0.03
    for (double index : new double[] {1.25, 2, 4}) {
      double[] w = ParetoDistribution.of(1, index).createSampler(rng).samples(1_000_000).toArray();
      double k = ParetoSmoothing.smooth(logOf(w)).k();
      assertThat(k).as("index %s", index).isCloseTo(1 / index, within(0.1));
    }
  }

  @Test
  void boundedWeightsHaveANegativeShapeAndSmoothingKeepsTheirOrder() {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(3L);
    double[] w = UniformContinuousDistribution.of(0, 1).createSampler(rng).samples(100_000).toArray();
    ParetoSmoothing.Result r = ParetoSmoothing.smooth(logOf(w));
    // a uniform's tail below its bound is a generalized Pareto of shape −1 (shrunk slightly towards 0.5 by the prior)
    assertThat(r.k()).isCloseTo(-1, within(0.1));
    assertThat(Arrays.stream(r.weights()).sum()).isCloseTo(1, within(1e-12));
    Integer[] byRaw = new Integer[w.length];
    for (int i = 0; i < w.length; i++) {
      byRaw[i] = i;
    }
    Arrays.sort(byRaw, (a, b) -> Double.compare(w[a], w[b]));
    for (int i = 1; i < w.length; i++) { // smoothing replaces the tail by increasing order statistics: the order stays
      assertThat(r.weights()[byRaw[i]]).isGreaterThanOrEqualTo(r.weights()[byRaw[i - 1]]);
    }
    assertThat(ParetoSmoothing.ess(new double[] {1, 1, 1, 1})).isEqualTo(4);
    assertThat(ParetoSmoothing.threshold(100_000)).isCloseTo(0.7, within(1e-12));
    assertThat(ParetoSmoothing.threshold(1000)).isCloseTo(1 - 1 / 3.0, within(1e-12));
  }

  @Test
  void equalWeightsHaveNoTailAndTooFewCannotBeFitted() {
    double[] flat = new double[5000];
    ParetoSmoothing.Result r = ParetoSmoothing.smooth(flat);
    assertThat(r.k()).isEqualTo(Double.NEGATIVE_INFINITY); // nothing to smooth: importance sampling is exact here
    assertThat(r.ess()).isCloseTo(5000, within(1e-6));
    double[] one = new double[5000];
    java.util.Arrays.fill(one, -1e6); // every weight but one underflows against the largest
    one[17] = 0;
    assertThat(ParetoSmoothing.smooth(one).k()).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void zeroWeightsStayZero() {
    double[] lw = new double[1000];
    for (int i = 0; i < lw.length; i++) {
      lw[i] = i % 2 == 0 ? Double.NEGATIVE_INFINITY : -Math.sqrt(i);
    }
    ParetoSmoothing.Result r = ParetoSmoothing.smooth(lw);
    assertThat(r.positive()).isEqualTo(500);
    for (int i = 0; i < lw.length; i += 2) {
      assertThat(r.weights()[i]).isZero();
    }
  }

  @Test
  void equalWeightsGiveTheOrderStatisticAtRankCeilingPn() {
    int n = 1001;
    double[] x = new double[n];
    double[] w = new double[n];
    int[] counts = new int[n];
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(8L);
    for (int i = 0; i < n; i++) {
      x[i] = rng.nextDouble();
      w[i] = 2.5;
      counts[i] = 1;
    }
    double[] sorted = x.clone();
    Arrays.sort(sorted);
    OutputSummary s = WeightedSummary.summarize(new ScalarOutput("x", "", "", false), x, w, counts, null);
    for (QuantileEstimate q : s.quantiles()) {
      int rank = (int) Math.ceil(q.p() * n); // 1-based
      assertThat(q.value()).as("p%s", q.p()).isEqualTo(sorted[rank - 1]);
      // the binomial interval: about ±1.96·√(p(1−p)n) ranks
      double half = 1.96 * Math.sqrt(q.p() * (1 - q.p()) * n);
      assertThat(q.ciLower()).isEqualTo(sorted[(int) Math.ceil((q.p() - half / n) * n * (1 - 1e-15)) - 1]);
    }
    assertThat(s.mean()).isCloseTo(Arrays.stream(x).average().orElseThrow(), within(1e-12));
    assertThat(s.n()).isEqualTo(n);
  }
}
