package meek.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Piecewise growth against the constant-rate closed forms and the paper's stagnation case (docs/MODEL.md §7). */
class ScheduledGapTest {

  private static final double LN_G = Math.log(2.8 * 1.4);
  private static final double LN_INV = Math.log(3.6);

  private static ScheduledGap constantSplit(double alpha, double[] bounds) {
    ScheduledGap s = new ScheduledGap(bounds);
    double[] sa = new double[bounds.length + 1];
    double[] sb = new double[bounds.length + 1];
    java.util.Arrays.fill(sa, LN_G);
    java.util.Arrays.fill(sb, LN_G + LN_INV);
    s.set(TrainingGap.scaleK(1070, alpha, 1e20), alpha, sa, sb);
    return s;
  }

  @ParameterizedTest(name = "alpha {0}")
  @ValueSource(doubles = {0.155, 0.05})
  void aConstantScheduleCutIntoSegmentsEqualsTheClosedForms(double alpha) {
    GapDraw g = GapDraw.of(1070, alpha, 1e20, 2.8, 1.4, 3.6);
    for (double[] bounds : new double[][] {{}, {1.7}, {2, 3.3, 5, 9.25, 20}}) {
      ScheduledGap s = constantSplit(alpha, bounds);
      double[] peak = s.peak();
      assertThat(peak[0]).isCloseTo(g.inflectionTime(), within(1e-9 * g.inflectionTime()));
      assertThat(peak[1]).isCloseTo(g.peakGap(), within(1e-9 * g.peakGap()));
      for (double t : new double[] {0.3, 2, 7.7, 25}) {
        assertThat(s.gap(t)).isCloseTo(g.gapAt(t), within(1e-12));
      }
      assertThat(s.firstFallTo(peak[0], 0.5 * peak[1])).isCloseTo(g.timeBelowFractionOfPeak(0.5), within(1e-9 * g.timeBelowFractionOfPeak(0.5)));
      assertThat(s.firstFallTo(peak[0], 0.1 * peak[1])).isCloseTo(g.timeBelowFractionOfPeak(0.1), within(1e-9 * g.timeBelowFractionOfPeak(0.1)));
      assertThat(s.steepestDecline(peak[0])).isCloseTo(g.steepestDeclineTime(), within(1e-9 * g.steepestDeclineTime()));
    }
  }

  /** Investment stops growing after T: peak at min(t*, T), and ΔL(t > T) = K·G^(−αt)·(1 − g_inv^(−αT)). */
  @ParameterizedTest(name = "stagnation after {0} years")
  @ValueSource(doubles = {1, 2.5, 3.3, 5, 8})
  void stagnationPeaksAtTheEarlierOfTStarAndT(double stop) {
    double alpha = 0.155;
    ScheduledGap s = new ScheduledGap(new double[] {stop});
    s.set(TrainingGap.scaleK(1070, alpha, 1e20), alpha, new double[] {LN_G, LN_G}, new double[] {LN_G + LN_INV, LN_G});
    double tStar = GapDraw.of(1070, alpha, 1e20, 2.8, 1.4, 3.6).inflectionTime();
    double k = TrainingGap.scaleK(1070, alpha, 1e20);
    assertThat(s.peak()[0]).isCloseTo(Math.min(tStar, stop), within(1e-9));
    for (double t : new double[] {stop + 0.1, stop + 4, stop + 30}) {
      double expected = k * Math.pow(2.8 * 1.4, -alpha * t) * (1 - Math.pow(3.6, -alpha * stop));
      assertThat(s.gap(t)).isCloseTo(expected, within(1e-12 * expected + 1e-300));
    }
  }

  @Test
  void noSharedProgressAtTheEndMeansNever() {
    ScheduledGap s = new ScheduledGap(new double[] {4});
    s.set(TrainingGap.scaleK(1070, 0.155, 1e20), 0.155, new double[] {LN_G, 0}, new double[] {LN_G + LN_INV, LN_INV});
    assertThat(s.peak()[0]).isInfinite();
  }
}
