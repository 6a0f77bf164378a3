package meek.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The training gap against the paper (eq 4, docs/MODEL.md §1 check values) and independent numerics. */
class TrainingGapTest {

  private static GapDraw paper(double alpha, double gInv) {
    return GapDraw.of(1070, alpha, 1e20, 2.8, 1.4, gInv);
  }

  /** Paper eq 4 written the paper's way, with plain logs: t* = ln(b/a) / (α·(b − a)). */
  private static double paperInflectionTime(double alpha, double gAlg, double gHw, double gInv) {
    double a = Math.log(gAlg * gHw);
    double b = Math.log(gAlg * gHw * gInv);
    return Math.log(b / a) / (alpha * (b - a));
  }

  @ParameterizedTest(name = "alpha {0}, g_inv {1} -> t* {2}")
  @CsvSource({"0.155, 3.6, 3.332", "0.050, 3.6, 10.328", "0.155, 5, 3.12", "0.155, 10, 2.77"})
  void inflectionTimeMatchesThePaper(double alpha, double gInv, double expected) {
    double digits = expected == 3.12 || expected == 2.77 ? 0.005 : 0.0005;
    assertThat(paper(alpha, gInv).inflectionTime()).isCloseTo(expected, within(digits));
    assertThat(paper(alpha, gInv).inflectionTime())
        .isCloseTo(paperInflectionTime(alpha, 2.8, 1.4, gInv), within(1e-12));
  }

  @Test
  void scaleAndPeakMatchTheCheckValues() {
    GapDraw g = paper(0.155, 3.6);
    assertThat(g.k()).isCloseTo(0.850, within(0.0005)); // docs/MODEL.md §1: K = 0.850
    assertThat(g.peakGap()).isCloseTo(0.203, within(0.0005)); // ΔL* = 0.203 nats
  }

  @ParameterizedTest(name = "alpha {0}, g_inv {1}")
  @CsvSource({"0.155, 3.6", "0.050, 3.6", "0.155, 1.05", "0.3, 40"})
  void closedFormPeakIsTheMaximumOfAFineGrid(double alpha, double gInv) {
    GapDraw g = paper(alpha, gInv);
    double best = Double.NEGATIVE_INFINITY;
    double bestT = 0;
    double horizon = 20 * g.inflectionTime();
    int steps = 2_000_000;
    for (int i = 0; i <= steps; i++) {
      double t = horizon * i / steps;
      // the gap straight from the scaling law, independent of the factored form in the code
      double meek = 1070 * Math.pow(1e20 * Math.pow(2.8 * 1.4, t), -alpha);
      double sota = 1070 * Math.pow(1e20 * Math.pow(2.8 * 1.4 * gInv, t), -alpha);
      if (meek - sota > best) {
        best = meek - sota;
        bestT = t;
      }
    }
    assertThat(g.peakGap()).isCloseTo(best, within(1e-9 * best + 1e-15));
    assertThat(g.peakGap()).isGreaterThanOrEqualTo(best - 1e-13);
    assertThat(g.inflectionTime()).isCloseTo(bestT, within(2 * horizon / steps));
  }

  @Test
  void gapEqualsTheDifferenceOfTheTwoScalingLaws() {
    GapDraw g = paper(0.155, 3.6);
    for (double t : new double[] {0, 1e-9, 0.5, 3, 10, 30}) {
      double meek = 1070 * Math.pow(1e20 * Math.pow(2.8 * 1.4, t), -0.155) + 1.7;
      double sota = 1070 * Math.pow(1e20 * Math.pow(2.8 * 1.4 * 3.6, t), -0.155) + 1.7;
      assertThat(g.gapAt(t)).isCloseTo(meek - sota, within(1e-12));
    }
  }

  @Test
  void steepestDeclineIsWhereTheSlopeIsMostNegative() {
    GapDraw g = paper(0.155, 3.6);
    double h = 1e-4;
    double worst = Double.POSITIVE_INFINITY;
    double worstT = 0;
    for (double t = g.inflectionTime(); t < 30; t += 1e-3) {
      double slope = (g.gapAt(t + h) - g.gapAt(t - h)) / (2 * h);
      if (slope < worst) {
        worst = slope;
        worstT = t;
      }
    }
    assertThat(g.steepestDeclineTime()).isCloseTo(worstT, within(2e-3));
    assertThat(g.steepestDeclineTime()).isEqualTo(2 * g.inflectionTime());
  }

  @ParameterizedTest(name = "fraction {0}")
  @CsvSource({"0.5", "0.1", "0.999", "1e-6"})
  void convergenceTimeIsWhereTheGapFallsToThatFractionAfterThePeak(double fraction) {
    for (GapDraw g : new GapDraw[] {paper(0.155, 3.6), paper(0.05, 3.6), paper(0.155, 1.01)}) {
      double t = g.timeBelowFractionOfPeak(fraction);
      assertThat(t).isGreaterThan(g.inflectionTime());
      assertThat(g.gapAt(t) / g.peakGap()).isCloseTo(fraction, within(1e-9 * Math.max(1, fraction)));
      // first crossing: still above the level a little earlier, on a grid from the peak
      for (double s = g.inflectionTime(); s < t * (1 - 1e-6); s += (t - g.inflectionTime()) / 1000) {
        assertThat(g.gapAt(s)).isGreaterThan(fraction * g.peakGap() * (1 - 1e-9));
      }
    }
  }

  @Test
  void noInvestmentGrowthMeansNoAdvantage() {
    for (double gInv : new double[] {1.0, 0.8}) {
      GapDraw g = paper(0.155, gInv);
      assertThat(g.outcome()).isEqualTo(GapOutcome.NO_ADVANTAGE);
      assertThat(g.inflectionTime()).isNaN();
      assertThat(g.peakGap()).isNaN();
      assertThat(g.gapAt(5)).isLessThanOrEqualTo(0);
    }
  }

  @Test
  void noSharedProgressMeansTheGapNeverCloses() {
    GapDraw flat = GapDraw.of(1070, 0.155, 1e20, 1.0, 1.0, 3.6); // G = 1
    assertThat(flat.outcome()).isEqualTo(GapOutcome.NEVER_CONVERGES);
    assertThat(flat.inflectionTime()).isInfinite();
    assertThat(flat.peakGap()).isEqualTo(flat.k()); // the supremum, approached as t → ∞
    assertThat(flat.timeBelowFractionOfPeak(0.5)).isInfinite();
    GapDraw shrinking = GapDraw.of(1070, 0.155, 1e20, 0.9, 1.0, 3.6); // G < 1
    assertThat(shrinking.outcome()).isEqualTo(GapOutcome.NEVER_CONVERGES);
    assertThat(shrinking.peakGap()).isInfinite();
    assertThat(shrinking.gapAt(100)).isGreaterThan(shrinking.gapAt(10));
  }

  @Test
  void tinySharedProgressKeepsFullPrecision() {
    // a = ln G → 0+: t* = ln(1 + c/a)/(α c) grows like ln(1/a); the naive ln(b/a)/(α(b−a)) agrees here
    double gAlg = 1 + 1e-9;
    GapDraw g = GapDraw.of(1070, 0.155, 1e20, gAlg, 1.0, 3.6);
    double a = Math.log(gAlg); // the double nearest 1 + 1e-9, as the model sees it
    double c = Math.log(3.6);
    double expected = (Math.log(a + c) - Math.log(a)) / (0.155 * c);
    assertThat(g.inflectionTime()).isCloseTo(expected, within(1e-9 * expected));
    assertThat(g.peakGap()).isCloseTo(g.k(), within(1e-6)); // peak → K as a → 0
  }

  @Test
  void certifiedSplineRootsAgreeWithBrentAndCoverPlausibleRho() {
    TrainingGap.ConvergenceSolver fast = new TrainingGap.ConvergenceSolver();
    TrainingGap.ConvergenceSolver reference = new TrainingGap.ConvergenceSolver();
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    for (int i = 0; i < 20_000; i++) {
      double rho = Math.exp(Math.log(1e-3) + Math.log(1e6) * random.nextDouble()); // 1e-3 … 1e3, the spline's range
      for (double f : new double[] {0.5, 0.1}) {
        double t = fast.timeBelowFractionOfPeak(1, rho, f);
        double expected = reference.solveByBrent(1, rho, f);
        // both are within their tolerances of the true root: 1e-9 relative (certified) and 1e-13 (Brent)
        assertThat(t).as("rho %s, f %s", rho, f).isCloseTo(expected, within(1.01e-9 * expected + 1e-13));
      }
    }
    assertThat(fast.solved()).as("draws that fell back to Brent").isZero();
    assertThat(fast.certified()).isEqualTo(40_000);
    // outside the spline's range the solver falls back to Brent and stays right
    double tiny = fast.timeBelowFractionOfPeak(1, 1e-6, 0.5);
    assertThat(tiny).isCloseTo(reference.solveByBrent(1, 1e-6, 0.5), within(1e-12));
    assertThat(fast.solved()).isEqualTo(1);
  }

  @Test
  void fastExpm1AndLog1pKeepFullRelativePrecision() {
    // against StrictMath's expm1/log1p (fdlibm, within 1 ulp): the documented bound is 3e-16 relative
    java.util.SplittableRandom random = new java.util.SplittableRandom(5);
    for (int i = 0; i < 200_000; i++) {
      double x = Math.exp(-30 + 36 * random.nextDouble()); // 1e-13 … 400
      double oneMinus = -StrictMath.expm1(-x);
      assertThat(TrainingGap.oneMinusExpNeg(x)).as("x = %s", x).isCloseTo(oneMinus, within(4e-16 * oneMinus));
      double log = StrictMath.log1p(x);
      assertThat(TrainingGap.log1p(x)).as("x = %s", x).isCloseTo(log, within(4e-16 * log));
    }
  }
}
