package meek.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.function.DoubleSupplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The bucketed selection returns exactly the order statistics a full sort gives, on awkward columns. */
class RankSelectionTest {

  private static final int N = 300_000; // above RankSelection.SMALL, so the bucket path runs

  /** Every rank a summary asks for, plus both ends and some neighbours. */
  private static int[] ranks(int n) {
    int[] r = new int[4 * QuantileSummarizer.PROBABILITIES.length + 4];
    int k = 0;
    for (double p : QuantileSummarizer.PROBABILITIES) {
      int[] ci = QuantileSummarizer.confidenceRanks(n, p);
      int below = (int) Math.floor(p * (n - 1));
      r[k++] = ci[0];
      r[k++] = ci[1];
      r[k++] = below;
      r[k++] = Math.min(below + 1, n - 1);
    }
    r[k++] = 0;
    r[k++] = n - 1;
    r[k++] = 1;
    r[k] = n / 2;
    return r;
  }

  /** As assertExact, and checks which path answered: the buckets, or the whole-column fallback. */
  private static void assertExact(String what, double[] column, boolean byBuckets) {
    assertExact(what, column);
    assertThat(RankSelection.selectByBuckets(column.clone(), column.length, ranks(column.length)) != null)
        .as("%s answered by buckets", what).isEqualTo(byBuckets);
  }

  private static void assertExact(String what, double[] column) {
    double[] sorted = column.clone();
    Arrays.sort(sorted);
    int[] ranks = ranks(column.length);
    double[] got = RankSelection.select(column.clone(), column.length, ranks);
    for (int i = 0; i < ranks.length; i++) {
      // compared as bits: -0.0 and +0.0 must come out where Arrays.sort puts them
      assertThat(Double.doubleToLongBits(got[i])).as("%s, rank %d", what, ranks[i])
          .isEqualTo(Double.doubleToLongBits(sorted[ranks[i]]));
    }
  }

  private static double[] column(DoubleSupplier s) {
    double[] x = new double[N];
    for (int i = 0; i < N; i++) {
      x[i] = s.getAsDouble();
    }
    return x;
  }

  @Test
  void matchesAFullSortOnAwkwardColumns() {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2024);
    ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
    assertExact("lognormal", column(() -> Math.exp(1 + 0.3 * g.sample())), true);
    assertExact("negative lognormal", column(() -> -Math.exp(1 + 0.3 * g.sample())), true);
    assertExact("normal, both signs", column(g::sample), true);
    assertExact("both signs, one far outlier", column(() -> rng.nextInt(100_000) == 0 ? 1e12 : g.sample()));
    assertExact("heavy tail (Cauchy)", column(() -> Math.tan(Math.PI * (rng.nextDouble() - 0.5))));
    assertExact("positive heavy tail (|Cauchy|)", column(() -> Math.abs(Math.tan(Math.PI * (rng.nextDouble() - 0.5)))), true);
    assertExact("signed zeros and a few values", column(() -> switch (rng.nextInt(5)) {
      case 0 -> -0.0;
      case 1 -> 0.0;
      case 2 -> 1.0;
      default -> rng.nextDouble();
    }));
    assertExact("infinities among ordinary values", column(() -> {
      double u = rng.nextDouble();
      return u < 0.02 ? Double.NEGATIVE_INFINITY : u > 0.97 ? Double.POSITIVE_INFINITY : g.sample();
    }));
    assertExact("never (+∞) among positive times", column(() -> {
      double u = rng.nextDouble();
      return u > 0.9 ? Double.POSITIVE_INFINITY : Math.exp(2 + 0.5 * g.sample());
    }), true);
    assertExact("only infinities", column(() -> rng.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY), true);
    assertExact("outliers spanning the whole double range", column(() -> {
      double u = rng.nextDouble();
      return u < 0.001 ? -Double.MAX_VALUE : u > 0.999 ? Double.MIN_VALUE * (1 + rng.nextInt(5)) : 3 + g.sample();
    }));
    assertExact("heavily repeated values", column(() -> rng.nextInt(3)), false);
    assertExact("rounded to a coarse grid", column(() -> Math.rint(100 * g.sample()) / 100));
    assertExact("positive, rounded to a fine grid", column(() -> Math.rint(1e4 * Math.exp(g.sample())) / 1e4), true);
    assertExact("all equal", column(() -> 4.25), true);
    // rank n/2 is the first value of the upper cluster, with empty buckets just below it
    double[] twoClusters = new double[N];
    for (int i = 0; i < N; i++) {
      twoClusters[i] = i < N / 2 ? 1 + i * 1e-6 : 1000 + i * 1e-3;
    }
    assertExact("two clusters with a gap", twoClusters, true);
    assertThat(RankSelection.selectByBuckets(twoClusters.clone(), N, new int[] {N / 2})).containsExactly(1000 + (N / 2) * 1e-3);
    assertExact("small column", new double[] {3, -1, 2, 2, Double.POSITIVE_INFINITY, 0.5});
  }

  @Test
  void ranksOutsideTheColumnAreRefused() {
    assertThatThrownBy(() -> RankSelection.select(new double[] {1, 2}, 2, new int[] {2}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
