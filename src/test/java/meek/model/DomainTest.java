package meek.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A domain's closed hull of doubles, which the per-draw check uses, holds exactly what {@link Domain#contains} holds. */
class DomainTest {

  @Test
  void theClosedHullHoldsTheSameValuesAsTheInterval() {
    List<Domain> domains = new ArrayList<>(List.of(Domain.POSITIVE, Domain.FINITE, Domain.AT_LEAST_ONE));
    for (boolean lowClosed : new boolean[] {false, true}) {
      for (boolean highClosed : new boolean[] {false, true}) {
        domains.add(new Domain(0, lowClosed, 1, highClosed));
        domains.add(new Domain(-2.5, lowClosed, 1e300, highClosed));
      }
    }
    SplittableRandom random = new SplittableRandom(5);
    for (Domain d : domains) {
      List<Double> values = new ArrayList<>(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
          Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1.0, 0.5, -3.0));
      for (double end : new double[] {d.lower(), d.upper()}) {
        values.addAll(List.of(end, Math.nextUp(end), Math.nextDown(end)));
      }
      for (int i = 0; i < 1000; i++) {
        values.add(Double.longBitsToDouble(random.nextLong())); // any bit pattern, NaNs and subnormals included
      }
      for (double v : values) {
        boolean inHull = d.lowestValue() <= v && v <= d.highestValue();
        assertThat(inHull).as("%s holds %s", d, v).isEqualTo(d.contains(v));
      }
    }
    // and the hull of an open end is not the end itself (the check could fail)
    assertThat(Domain.POSITIVE.contains(0.0)).isFalse();
    assertThat(Domain.POSITIVE.lowestValue()).isEqualTo(Double.MIN_VALUE);
  }
}
