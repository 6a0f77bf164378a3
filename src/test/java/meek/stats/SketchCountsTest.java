package meek.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The fan's sketch holds DDSketch's guarantee against exact order statistics, and merges exactly. */
class SketchCountsTest {

  private static final double[] PROBS = QuantileSummarizer.PROBABILITIES;

  /** Lognormal values spanning several decades, with some zeros and negatives mixed in. */
  private static double[] values(long seed, int n, double negativeShare) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      double u = rng.nextDouble();
      double v = Math.exp(-2 + 2.5 * g.sample());
      x[i] = u < 0.02 ? 0 : u < 0.02 + negativeShare ? -v : v;
    }
    return x;
  }

  private static SketchCounts count(double[] x, int from, int to) {
    SketchCounts c = new SketchCounts(1, SketchCounts.FAN_ACCURACY);
    int block = 8192;
    for (int i = from; i < to; i += block) {
      double[] part = Arrays.copyOfRange(x, i, Math.min(to, i + block));
      c.add(0, part, part.length);
    }
    return c;
  }

  @Test
  void everyQuantileIsWithinTheRelativeAccuracyOfTheExactOrderStatistic() {
    for (double negativeShare : new double[] {0, 0.3}) {
      double[] x = values(21, 200_000, negativeShare);
      double[] sorted = x.clone();
      Arrays.sort(sorted);
      double[] q = count(x, 0, x.length).quantiles(0, PROBS);
      for (int k = 0; k < PROBS.length; k++) {
        double exact = sorted[(int) Math.floor(PROBS[k] * (x.length - 1))];
        assertThat(Math.abs(q[k] - exact))
            .as("p = %s, negative share %s", PROBS[k], negativeShare)
            .isLessThanOrEqualTo(SketchCounts.FAN_ACCURACY * Math.abs(exact) + 1e-300);
      }
    }
  }

  @Test
  void mergingThreadsInAnyOrderGivesIdenticalQuantiles() {
    double[] x = values(5, 100_000, 0.1);
    double[] whole = count(x, 0, x.length).quantiles(0, PROBS);
    SketchCounts a = count(x, 0, 40_000);
    a.merge(count(x, 40_000, x.length));
    SketchCounts b = count(x, 40_000, x.length);
    b.merge(count(x, 0, 40_000));
    assertThat(a.quantiles(0, PROBS)).containsExactly(whole);
    assertThat(b.quantiles(0, PROBS)).containsExactly(whole);
  }

  @Test
  void zerosAreExactAndHugeValuesAreClampedAndCounted() {
    SketchCounts c = new SketchCounts(1, SketchCounts.FAN_ACCURACY);
    double[] zeros = new double[100];
    c.add(0, zeros, zeros.length);
    assertThat(c.quantiles(0, PROBS)).containsOnly(0.0);
    c.add(0, new double[] {1e12, 5e10}, 2);
    assertThat(c.clamped()).isEqualTo(2);
  }

  @Test
  void infiniteValuesRankAboveEveryFiniteOne() {
    SketchCounts c = new SketchCounts(1, SketchCounts.FAN_ACCURACY);
    double[] x = new double[100];
    for (int i = 0; i < 100; i++) {
      x[i] = i < 90 ? i + 1 : Double.POSITIVE_INFINITY; // 1 … 90, then ten +∞
    }
    c.add(0, x, x.length);
    double[] q = c.quantiles(0, new double[] {0.5, 0.89, 0.95});
    assertThat(q[0]).isCloseTo(50, org.assertj.core.api.Assertions.within(50 * SketchCounts.FAN_ACCURACY)); // rank 49
    assertThat(q[1]).isCloseTo(89, org.assertj.core.api.Assertions.within(89 * SketchCounts.FAN_ACCURACY)); // rank 88
    assertThat(q[2]).isInfinite(); // rank 94 ≥ 90 finite values
  }

  @Test
  void anEmptyStepHasNoQuantiles() {
    assertThat(new SketchCounts(2, SketchCounts.FAN_ACCURACY).quantiles(1, PROBS)).containsOnly(Double.NaN);
  }

  /**
   * The fast path reads bins straight from a value's bits; DDSketch fed the same values one by one (its own
   * mapping.index) must hold identical counts, so every rank answers identically. Values sit on and next to
   * bin edges across the whole range, both signs.
   */
  @Test
  void binsReadFromTheBitsAreDDSketchsOwnBins() {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(77);
    int n = 50_000;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      double v = Math.scalb(1 + Math.floor(rng.nextDouble() * 512) / 512, rng.nextInt(89) - 60); // a bin edge
      v = switch (rng.nextInt(3)) {
        case 0 -> v;
        case 1 -> Math.nextDown(v);
        default -> v * (1 + rng.nextDouble() / 512);
      };
      v = Math.min(Math.max(v, SketchCounts.SMALLEST), SketchCounts.LARGEST);
      x[i] = rng.nextInt(4) == 0 ? -v : v;
    }
    SketchCounts counts = count(x, 0, n);
    com.datadoghq.sketch.ddsketch.DDSketch reference = new com.datadoghq.sketch.ddsketch.DDSketch(
        new com.datadoghq.sketch.ddsketch.mapping.BitwiseLinearlyInterpolatedMapping(SketchCounts.FAN_ACCURACY),
        com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore::new);
    for (double v : x) {
      reference.accept(v);
    }
    assertThat(counts.clamped()).isZero();
    assertThat(counts.count(0)).isEqualTo(n);
    for (int rank = 0; rank < n; rank += 97) {
      assertThat(counts.valueAtRank(0, rank)).as("rank %d", rank)
          .isEqualTo(reference.getValueAtQuantile((rank + 0.5) / (n - 1)));
    }
  }

  @Test
  void addingADrawWithItsCopiesEqualsAddingEachCopy() {
    org.apache.commons.rng.UniformRandomProvider rng = org.apache.commons.rng.simple.RandomSource.XO_RO_SHI_RO_128_PP.create(17L);
    int n = 3000;
    double[] values = new double[n];
    int[] copies = new int[n];
    java.util.List<Double> expanded = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      int kind = rng.nextInt(10);
      values[i] = kind == 0 ? 0 : kind == 1 ? Double.POSITIVE_INFINITY : kind == 2 ? -rng.nextDouble() : kind == 3 ? 1e12 : Math.exp(5 * rng.nextDouble() - 3);
      copies[i] = rng.nextInt(4); // 0 to 3 copies
      for (int c = 0; c < copies[i]; c++) {
        expanded.add(values[i]);
      }
    }
    SketchCounts weighted = new SketchCounts(1, SketchCounts.FAN_ACCURACY);
    weighted.add(0, values, copies, n);
    SketchCounts each = new SketchCounts(1, SketchCounts.FAN_ACCURACY);
    each.add(0, expanded.stream().mapToDouble(Double::doubleValue).toArray(), expanded.size());
    assertThat(weighted.count(0)).isEqualTo(each.count(0)).isEqualTo(expanded.size());
    assertThat(weighted.clamped()).isEqualTo(each.clamped());
    double[] p = {0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1};
    assertThat(weighted.quantiles(0, p)).containsExactly(each.quantiles(0, p));
  }

  /**
   * A series may hold more than 2^31 values: int bins are settled into long totals before they could
   * overflow. Three billion copies of one value and one of another: the counts and ranks are exact.
   */
  @Test
  void countsBeyondTwoToTheThirtyOneAreExact() {
    SketchCounts c = new SketchCounts(1, SketchCounts.FAN_ACCURACY);
    int[] copies = {1 << 30};
    for (int i = 0; i < 3; i++) {
      c.add(0, new double[] {2.0}, copies, 1);
    }
    c.add(0, new double[] {5.0}, new int[] {1}, 1);
    long n = 3L * (1 << 30) + 1;
    assertThat(c.count(0)).isEqualTo((double) n);
    assertThat(c.valueAtRank(0, n - 2)).isCloseTo(2.0, org.assertj.core.api.Assertions.within(2 * SketchCounts.FAN_ACCURACY));
    assertThat(c.valueAtRank(0, n - 1)).isCloseTo(5.0, org.assertj.core.api.Assertions.within(5 * SketchCounts.FAN_ACCURACY));
    // and a part's counts written and read back are the same counts
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try {
      c.write(new java.io.DataOutputStream(bytes));
      SketchCounts back = SketchCounts.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())), 1,
          SketchCounts.FAN_ACCURACY);
      assertThat(back.count(0)).isEqualTo((double) n);
      assertThat(back.quantiles(0, PROBS)).containsExactly(c.quantiles(0, PROBS));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void countsWrittenAndReadBackAnswerEveryRankAlike() throws java.io.IOException {
    double[] x = values(5, 100_000, 0.3);
    SketchCounts c = count(x, 0, x.length);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    c.write(new java.io.DataOutputStream(bytes));
    SketchCounts back = SketchCounts.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())), 1,
        SketchCounts.FAN_ACCURACY);
    for (int rank = 0; rank < x.length; rank += 101) {
      assertThat(back.valueAtRank(0, rank)).isEqualTo(c.valueAtRank(0, rank));
    }
  }
}
