package meek.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine-facing model agrees with the closed forms it is built from. */
class GapModelTest {

  private final GapModel model = new GapModel(new ModelConfig(2019, Schedules.NONE, List.of()));

  private double[] evaluate(double alpha, double c0, double gAlg, double gHw, double gInv, double[] state) {
    double[] out = new double[model.outputs().size()];
    model.newEvaluator().evaluate(new double[] {alpha, 1070, 1.7, c0, gAlg, gHw, gInv}, state, out);
    return out;
  }

  @Test
  void scalarsMatchTheClosedForms() {
    double[] state = new double[model.stateWidth()];
    double[] out = evaluate(0.155, 1e20, 2.8, 1.4, 3.6, state);
    GapDraw g = GapDraw.of(1070, 0.155, 1e20, 2.8, 1.4, 3.6);
    assertThat(out[model.outputIndex(LossView.INFLECTION_TIME.name())]).isCloseTo(g.inflectionTime(), within(1e-12));
    assertThat(out[model.outputIndex(LossView.INFLECTION_YEAR.name())]).isCloseTo(2019 + g.inflectionTime(), within(1e-9));
    assertThat(out[model.outputIndex(LossView.PEAK_GAP.name())]).isCloseTo(g.peakGap(), within(1e-14));
    assertThat(out[model.outputIndex(LossView.HALF_GAP_TIME.name())]).isCloseTo(g.timeBelowFractionOfPeak(0.5), within(1e-10));
    assertThat(out[model.outputIndex(LossView.TENTH_GAP_YEAR.name())]).isCloseTo(2019 + g.timeBelowFractionOfPeak(0.1), within(1e-9));
  }

  /** The fan's multiplicative recurrence against the closed form, point by point over 30 years. */
  @Test
  void fanRecurrenceMatchesTheClosedFormOverTheWholeHorizon() {
    double[][] draws = {{0.155, 1e20, 2.8, 1.4, 3.6}, {0.05, 1e19, 1.9, 1.3, 2.6}, {0.3, 1e21, 5, 1.6, 10}, {0.155, 1e20, 2.8, 1.4, 0.7}};
    int m = draws.length;
    double[][] state = new double[model.stateWidth()][m];
    for (int i = 0; i < m; i++) {
      double[] s = new double[model.stateWidth()];
      evaluate(draws[i][0], draws[i][1], draws[i][2], draws[i][3], draws[i][4], s);
      for (int c = 0; c < model.stateWidth(); c++) {
        state[c][i] = s[c];
      }
    }
    MonteCarloModel.FanEvaluator fan = model.newFanEvaluator(0, m);
    fan.begin(state, m, 0.25);
    double[] row = new double[m];
    for (int j = 0; j <= 120; j++) {
      fan.next(row);
      for (int i = 0; i < m; i++) {
        double t = 0.25 * j;
        GapDraw g = GapDraw.of(1070, draws[i][0], draws[i][1], draws[i][2], draws[i][3], draws[i][4]);
        double exact = g.gapAt(t);
        assertThat(row[i]).as("draw %d at t = %s", i, t).isCloseTo(exact, within(1e-12 * Math.abs(exact) + 1e-300));
      }
    }
  }

  /**
   * Where investment barely grows (α·ln g_inv from 1e-4 to 1e-2 a year) the gap is a small difference of two
   * nearly equal losses, and the step factor's own rounding, carried over 120 steps and divided by 1 − q, makes
   * the recurrence's error: 2.6e-12 relative at worst here (a review's 40-digit check: 1.9–2.8e-12). The bound
   * leaves room for another platform's {@code Math.exp}; it does not tell K·m·(1 − q) from K·m − K·m·q (3.3e-12
   * here), which BENCHMARKS.md compares.
   */
  @Test
  void fanRecurrenceKeepsItsPrecisionWhenInvestmentBarelyGrows() {
    double[] gInv = new double[40];
    for (int i = 0; i < gInv.length; i++) {
      gInv[i] = Math.exp(Math.pow(10, -4 + 2.0 * i / (gInv.length - 1)) / 0.155);
    }
    double[][] state = new double[model.stateWidth()][gInv.length];
    for (int i = 0; i < gInv.length; i++) {
      double[] s = new double[model.stateWidth()];
      evaluate(0.155, 1e20, 2.8, 1.4, gInv[i], s);
      for (int c = 0; c < model.stateWidth(); c++) {
        state[c][i] = s[c];
      }
    }
    MonteCarloModel.FanEvaluator fan = model.newFanEvaluator(0, gInv.length);
    fan.begin(state, gInv.length, 0.25);
    double[] row = new double[gInv.length];
    double worst = 0;
    for (int j = 0; j <= 120; j++) {
      fan.next(row);
      for (int i = 0; i < gInv.length && j > 0; i++) {
        double exact = GapDraw.of(1070, 0.155, 1e20, 2.8, 1.4, gInv[i]).gapAt(0.25 * j);
        worst = Math.max(worst, Math.abs(row[i] - exact) / exact);
      }
    }
    assertThat(worst).isLessThan(5e-12);
  }

  @Test
  void invalidDrawsNameTheirParameter() {
    MonteCarloModel.Evaluator e = model.newEvaluator();
    double[] out = new double[model.outputs().size()];
    double[] p = {0.155, 1070, 1.7, -1e20, 2.8, 1.4, 3.6};
    assertThat(e.evaluate(p, new double[model.stateWidth()], out)).isEqualTo(GapOutcome.INVALID);
    assertThat(model.parameterNames().get(e.invalidParameter(p))).isEqualTo("C0");
    double[] two = {0.155, 1070, 1.7, -1e20, 2.8, -1.4, 3.6};
    assertThat(model.parameterNames().get(e.invalidParameter(two))).as("the first in draw order").isEqualTo("C0");
    assertThat(model.domain("C0")).hasToString("(0, ∞)");
    assertThat(model.domain("L0")).hasToString("(-∞, ∞)");
  }

  @Test
  void aScheduleForARateNoViewHasIsAProgrammingError() {
    Schedules gInf = new Schedules(java.util.Map.of(InferenceView.G_INF, new double[] {5}));
    assertThatThrownBy(() -> new ModelConfig(2019, gInf, List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("inference.g_inf");
    assertThat(new ModelConfig(2019, gInf, List.of(new InferenceView.Options(2023, false))).schedules().of(InferenceView.G_INF)).containsExactly(5);
  }
}
