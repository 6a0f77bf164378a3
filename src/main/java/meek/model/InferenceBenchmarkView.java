package meek.model;

/**
 * The benchmark score of the inference-budget gap (docs/MODEL.md §6 with §4): the SOTA model's score minus that
 * of the best model a fixed inference budget can run, Perf_p(L_sota(t)) − Perf_p(L_inf(t)) in percentage points,
 * on the inference view's calendar. This is what the paper's §5 check measures (the best MMLU-Pro score overall
 * against the best at a fixed price), so observations of it can be held against the model. It has no block and
 * no parameters of its own: a spec with both a benchmark and an inference block reports it. It reports only its
 * fan (the gap shrinks from the start once the runnable model improves faster than the SOTA; its end is the
 * inference view's catch-up time).
 */
final class InferenceBenchmarkView implements View {

  private final LossView loss;
  private final BenchmarkView benchmark;
  private final InferenceView inference;

  InferenceBenchmarkView(LossView loss, BenchmarkView benchmark, InferenceView inference) {
    this.loss = loss;
    this.benchmark = benchmark;
    this.inference = inference;
  }

  @Override
  public Metric metric() {
    return Metric.INFERENCE_BENCHMARK;
  }

  @Override
  public double fanBaselineYear() {
    return inference.fanBaselineYear();
  }

  /** Nothing per draw: its fan reads the benchmark and inference views' state columns. */
  @Override
  public Evaluator newEvaluator() {
    return (p, draw, state, out) -> { };
  }

  @Override
  public MonteCarloModel.FanEvaluator newFan(int capacity) {
    double[] coefficients = new double[BenchmarkView.PARAMETERS.size()];
    int first = benchmark.coefficientColumn();
    return inference.newFan(capacity, (state, i, inferenceExcess, sotaExcess) -> {
      for (int c = 0; c < coefficients.length; c++) {
        coefficients[c] = state[first + c][i];
      }
      // one cannot run a better model than the best one: L_inf = max(L(C_inf), L_sota)
      return BenchmarkMap.gapPoints(Math.max(inferenceExcess, sotaExcess), sotaExcess, state[loss.l0Column][i], coefficients);
    });
  }
}
