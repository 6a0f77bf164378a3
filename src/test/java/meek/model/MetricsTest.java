package meek.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark and tokens views against closed forms and an independent dense grid (docs/MODEL.md §4–5). */
class MetricsTest {

  private static final ModelConfig BOTH = withSchedules(Schedules.NONE);

  /** Every view: the benchmark, tokens in 2030, inference from 2025 with the start as compute. */
  private static ModelConfig withSchedules(Schedules schedules) {
    return new ModelConfig(2019, schedules, List.of(new BenchmarkView.Options(), new TokensView.Options(List.of(2030.0)),
        new InferenceView.Options(2025, false)));
  }

  /** alpha, A, L0, C0, g_alg, g_hw, g_inv, floor, ceiling, L_mid, k, steps, epsilon, slowdown, g_inf, C_inf0, C_sota0 */
  private static double[] params(double steps) {
    return new double[] {0.155, 1070, 1.7, 1e20, 2.8, 1.4, 3.6, 0.25, 1.0, 2.3, 8, steps, 0.05, 1, 9, 1e22, 1e26};
  }

  /** The inference gap without its max(0, ·), from the scaling law directly. */
  /**
   * Where a loss difference, positive at t = 0 and negative at t = 100, changes sign: Commons Math's
   * bisection (a different method from the product's closed forms and Brent solves), to 1e-12 years.
   */
  private static double crossing(org.apache.commons.math3.analysis.UnivariateFunction difference) {
    return new org.apache.commons.math3.analysis.solvers.BisectionSolver(1e-12).solve(10_000, difference, 0, 100);
  }

  private static double inferenceDifference(double t, double gInf, double cInf0, double cSota0) {
    double meek = 1070 * Math.pow(cInf0 * Math.pow(gInf, 2 * t), -0.155);
    double sota = 1070 * Math.pow(cSota0 * Math.pow(2.8 * 1.4 * 3.6, t), -0.155);
    return meek - sota;
  }

  @Test
  void inferenceCatchUpIsTheNumericCrossingOfTheTwoLosses() {
    for (double gInf : new double[] {9, 30, 900}) {
      double closed = InferenceBudget.catchUpYears(1e22, 1e26, Math.log(gInf), Math.log(2.8 * 1.4 * 3.6));
      // bisection on the difference of losses, written here from the scaling law (a second method)
      assertThat(closed).as("g_inf %s", gInf).isCloseTo(crossing(t -> inferenceDifference(t, gInf, 1e22, 1e26)), within(1e-9));
    }
    // g_inf² ≤ G·g_inv: never; a meek start at or above the frontier: already (0)
    double lnGGinv = Math.log(2.8 * 1.4 * 3.6);
    assertThat(InferenceBudget.catchUpYears(1e22, 1e26, 0.5 * lnGGinv, lnGGinv)).isInfinite();
    assertThat(InferenceBudget.catchUpYears(1e22, 1e26, 0.4 * lnGGinv, lnGGinv)).isInfinite();
    assertThat(InferenceBudget.catchUpYears(1e26, 1e26, 1, lnGGinv)).isZero();
    assertThat(InferenceBudget.computeOfParameters(8e9)).isCloseTo(6 * 8e9 * 20 * 8e9, within(1e6));
  }

  @Test
  void inferenceOutputsAreTheCatchUpAndItsYear() {
    GapModel model = new GapModel(BOTH);
    double[] out = new double[model.outputs().size()];
    model.newEvaluator().evaluate(params(1), new double[model.stateWidth()], out);
    int at = model.outputs().stream().map(ScalarOutput::name).toList().indexOf("inference_catch_up_years");
    double expected = Math.log(1e26 / 1e22) / (2 * Math.log(9) - Math.log(2.8 * 1.4 * 3.6));
    assertThat(out[at]).isCloseTo(expected, within(1e-12));
    assertThat(out[at + 1]).isCloseTo(2025 + expected, within(1e-9));
    assertThat(model.fanBaselineYear(model.fans().indexOf(Metric.INFERENCE))).isEqualTo(2025);
    // the catch-up counts from the inference view's own start; the training outputs from the baseline
    assertThat(model.outputs().get(at).startYear()).isEqualTo(2025);
    assertThat(model.outputs().get(model.outputIndex("inflection_time_years")).startYear()).isEqualTo(2019);
    assertThat(model.outputs().get(model.outputIndex("benchmark_inflection_time_years")).startYear()).isEqualTo(2019);
  }

  /** The sigmoid written out here, independently of BenchmarkMap. */
  private static double perf(double loss, double steps) {
    double p = 0.25 + 0.75 / (1 + Math.exp(8 * (loss - 2.3)));
    return Math.pow(p, steps);
  }

  private static double benchmarkGap(double t, double steps) {
    double meek = 1070 * Math.pow(1e20 * Math.pow(2.8 * 1.4, t), -0.155) + 1.7;
    double sota = 1070 * Math.pow(1e20 * Math.pow(2.8 * 1.4 * 3.6, t), -0.155) + 1.7;
    return 100 * (perf(sota, steps) - perf(meek, steps));
  }

  /** The score of the SOTA model minus that of the best model the budget runs (never better than the SOTA's), from the laws. */
  private static double inferenceBenchmarkGap(double t, double steps) {
    double sota = 1070 * Math.pow(1e26 * Math.pow(2.8 * 1.4 * 3.6, t), -0.155) + 1.7;
    double runnable = Math.max(1070 * Math.pow(1e22 * Math.pow(9, 2 * t), -0.155) + 1.7, sota);
    return 100 * (perf(sota, steps) - perf(runnable, steps));
  }

  /** The same draw by name, for a model whose parameter list includes schedule segments. */
  private static double[] byName(GapModel model, java.util.Map<String, Double> extra) {
    List<String> base = List.of("alpha", "A", "L0", "C0", "g_alg", "g_hw", "g_inv", "benchmark.floor", "benchmark.ceiling",
        "benchmark.L_mid", "benchmark.k", "benchmark.steps", "discrimination.epsilon", "discrimination.slowdown",
        "inference.g_inf", "inference.C_inf0", "inference.C_sota0");
    double[] values = params(2);
    double[] p = new double[model.parameterNames().size()];
    for (int i = 0; i < p.length; i++) {
      String name = model.parameterNames().get(i);
      p[i] = base.contains(name) ? values[base.indexOf(name)] : extra.get(name);
    }
    return p;
  }

  /** Constant rates cut into schedule segments: every output and every fan as with constant rates, to 1e-9. */
  @Test
  void aConstantScheduleGivesTheConstantRateResultsInEveryView() {
    GapModel plain = new GapModel(BOTH);
    GapModel cut = new GapModel(withSchedules(new Schedules(java.util.Map.of("g_alg", new double[] {1.3, 7}, "g_inv", new double[] {2.5}))));
    double[] p1 = byName(plain, java.util.Map.of());
    double[] p2 = byName(cut, java.util.Map.of("g_alg.1", 2.8, "g_alg.2", 2.8, "g_inv.1", 3.6));
    double[] s1 = new double[plain.stateWidth()];
    double[] s2 = new double[cut.stateWidth()];
    double[] o1 = new double[plain.outputs().size()];
    double[] o2 = new double[cut.outputs().size()];
    plain.newEvaluator().evaluate(p1, s1, o1);
    cut.newEvaluator().evaluate(p2, s2, o2);
    assertThat(cut.outputs()).isEqualTo(plain.outputs());
    for (int i = 0; i < o1.length; i++) {
      assertThat(o2[i]).as(plain.outputs().get(i).name()).isCloseTo(o1[i], within(1e-9 * Math.abs(o1[i]) + 1e-9));
    }
    for (int f = 0; f < plain.fans().size(); f++) {
      double[][] c1 = column(s1);
      double[][] c2 = column(s2);
      MonteCarloModel.FanEvaluator e1 = plain.newFanEvaluator(f, 1);
      MonteCarloModel.FanEvaluator e2 = cut.newFanEvaluator(f, 1);
      e1.begin(c1, 1, 0.25);
      e2.begin(c2, 1, 0.25);
      double[] r1 = new double[1];
      double[] r2 = new double[1];
      for (int j = 0; j <= 120; j++) {
        e1.next(r1);
        e2.next(r2);
        if (Double.isInfinite(r1[0])) {
          assertThat(r2[0]).isInfinite();
        } else {
          assertThat(r2[0]).as("%s at step %d", plain.fans().get(f).key(), j).isCloseTo(r1[0], within(1e-9 * Math.abs(r1[0]) + 1e-12));
        }
      }
    }
  }

  private static double[][] column(double[] state) {
    double[][] c = new double[state.length][1];
    for (int i = 0; i < state.length; i++) {
      c[i][0] = state[i];
    }
    return c;
  }

  /** Investment stagnating after 3 years: the catch-up against bisection on the scaling law's two losses. */
  @Test
  void inferenceCatchUpFollowsAStagnatingSchedule() {
    GapModel cut = new GapModel(withSchedules(new Schedules(java.util.Map.of("g_inv", new double[] {3}))));
    double[] p = byName(cut, java.util.Map.of("g_inv.1", 1.0));
    double[] out = new double[cut.outputs().size()];
    cut.newEvaluator().evaluate(p, new double[cut.stateWidth()], out);
    int at = cut.outputs().stream().map(ScalarOutput::name).toList().indexOf("inference_catch_up_years");
    double crossing = crossing(t -> {
      double sotaCompute = 1e26 * Math.pow(2.8 * 1.4, t) * Math.pow(3.6, Math.min(t, 3));
      return 1070 * Math.pow(1e22 * Math.pow(9, 2 * t), -0.155) - 1070 * Math.pow(sotaCompute, -0.155);
    });
    assertThat(out[at]).isCloseTo(crossing, within(1e-9));
  }

  /** A g_inf schedule (prices fall 30×/yr for 2 years, then 9×): the catch-up against bisection. */
  @Test
  void inferenceCatchUpFollowsAGInfSchedule() {
    GapModel cut = new GapModel(withSchedules(new Schedules(java.util.Map.of("inference.g_inf", new double[] {2}))));
    double[] p = byName(cut, java.util.Map.of("inference.g_inf.1", 9.0));
    p[cut.parameterNames().indexOf("inference.g_inf")] = 30;
    double[] out = new double[cut.outputs().size()];
    cut.newEvaluator().evaluate(p, new double[cut.stateWidth()], out);
    int at = cut.outputs().stream().map(ScalarOutput::name).toList().indexOf("inference_catch_up_years");
    double crossing = crossing(t -> {
      double meekCompute = 1e22 * Math.pow(30, 2 * Math.min(t, 2)) * Math.pow(9, 2 * Math.max(0, t - 2));
      return 1070 * Math.pow(meekCompute, -0.155) - 1070 * Math.pow(1e26 * Math.pow(2.8 * 1.4 * 3.6, t), -0.155);
    });
    assertThat(out[at]).isCloseTo(crossing, within(1e-9));
  }

  @Test
  void tokensNumeratorIsWaldsExpectedLogLikelihoodRatio() {
    assertThat(Discrimination.nats(0.05, 1)).isCloseTo(2.650, within(0.0005)); // docs/MODEL.md §5
    assertThat(Discrimination.nats(0.01, 1)).isCloseTo(4.503, within(0.0005));
    assertThat(Discrimination.nats(0.05, 2)).isCloseTo(2 * 2.650, within(0.001));
  }

  @Test
  void tokensOutputsAreTheNumeratorOverTheGap() {
    GapModel model = new GapModel(BOTH);
    double[] out = new double[model.outputs().size()];
    model.newEvaluator().evaluate(params(1), new double[model.stateWidth()], out);
    GapDraw g = GapDraw.of(1070, 0.155, 1e20, 2.8, 1.4, 3.6);
    double numerator = 0.9 * Math.log(19); // (1 − 2ε)·ln((1 − ε)/ε) at ε = 0.05
    int tokens = model.outputIndex("tokens_at_peak");
    assertThat(out[tokens]).isCloseTo(numerator / g.peakGap(), within(1e-9));
    assertThat(out[tokens + 1]).isCloseTo(numerator / g.gapAt(11), within(1e-9)); // 2030 = 2019 + 11
  }

  @Test
  void benchmarkPeakIsTheArgmaxOfAnIndependentDenseGrid() {
    for (double steps : new double[] {1, 3}) {
      GapModel model = new GapModel(BOTH);
      double[] out = new double[model.outputs().size()];
      model.newEvaluator().evaluate(params(steps), new double[model.stateWidth()], out);
      int at = model.outputs().stream().map(ScalarOutput::name).toList().indexOf("benchmark_inflection_time_years");
      double best = Double.NEGATIVE_INFINITY;
      double bestT = 0;
      for (int i = 0; i <= 2_000_000; i++) {
        double t = 60.0 * i / 2_000_000;
        double gap = benchmarkGap(t, steps);
        if (gap > best) {
          best = gap;
          bestT = t;
        }
      }
      assertThat(out[at]).as("steps %s: peak time", steps).isCloseTo(bestT, within(1e-4));
      assertThat(out[at + 1]).isCloseTo(2019 + bestT, within(1e-4));
      assertThat(out[at + 2]).as("steps %s: peak gap", steps).isCloseTo(best, within(1e-9 * best + 1e-12));
    }
  }

  @Test
  void stepsRaiseTheScoreToThatPower() {
    for (double loss : new double[] {1.9, 2.3, 2.8}) {
      double one = BenchmarkMap.score(loss, 0.25, 1.0, 2.3, 8, 1);
      assertThat(BenchmarkMap.score(loss, 0.25, 1.0, 2.3, 8, 4)).isCloseTo(Math.pow(one, 4), within(1e-15));
      assertThat(one).isCloseTo(perf(loss, 1), within(1e-15));
    }
  }

  @Test
  void everyFanRecurrenceMatchesItsClosedForm() {
    GapModel model = new GapModel(BOTH);
    double[] state = new double[model.stateWidth()];
    model.newEvaluator().evaluate(params(2), state, new double[model.outputs().size()]);
    double[][] columns = new double[state.length][1];
    for (int c = 0; c < state.length; c++) {
      columns[c][0] = state[c];
    }
    GapDraw g = GapDraw.of(1070, 0.155, 1e20, 2.8, 1.4, 3.6);
    double numerator = 0.9 * Math.log(19);
    for (int f = 0; f < model.fans().size(); f++) {
      MonteCarloModel.FanEvaluator e = model.newFanEvaluator(f, 1);
      e.begin(columns, 1, 0.25);
      double[] row = new double[1];
      for (int j = 0; j <= 120; j++) {
        e.next(row);
        double t = 0.25 * j;
        double expected = switch (model.fans().get(f).key()) {
          case "loss" -> g.gapAt(t);
          case "tokens" -> numerator / g.gapAt(t);
          case "inference" -> Math.max(0, inferenceDifference(t, 9, 1e22, 1e26));
          case "inference_benchmark" -> inferenceBenchmarkGap(t, 2);
          case "benchmark" -> benchmarkGap(t, 2);
          default -> throw new AssertionError("a fan without a closed form here: " + model.fans().get(f).key());
        };
        if (Double.isInfinite(expected)) {
          assertThat(row[0]).isInfinite();
        } else {
          assertThat(row[0]).as("%s at t=%s", model.fans().get(f).key(), t).isCloseTo(expected, within(1e-9 * Math.abs(expected) + 1e-12));
        }
      }
    }
  }
}
