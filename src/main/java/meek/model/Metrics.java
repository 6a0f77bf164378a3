package meek.model;

import java.util.List;

/**
 * Which of the paper's views besides the loss gap a run reports (MODEL.md §4–5), from the spec's optional
 * {@code benchmark:} and {@code discrimination:} blocks.
 *
 * @param benchmark the sigmoid map of loss to a benchmark score (paper §3.1, eqs 6–7)
 * @param tokens the tokens an ideal observer needs to tell the models apart (paper §3.2, appendix A)
 * @param tokenYears calendar years at which to report the tokens needed
 * @param inference the inference-budget view (paper §4; MODEL.md §6)
 * @param inferenceFromParameters the meek model's start is given as a parameter count N0 (C = 120·N0²)
 *     rather than as compute C_inf0
 * @param inferenceBaselineYear calendar year of t = 0 for the inference view (its own start values)
 */
public record Metrics(
    boolean benchmark,
    boolean tokens,
    List<Double> tokenYears,
    boolean inference,
    boolean inferenceFromParameters,
    double inferenceBaselineYear) {

  public static final Metrics LOSS_ONLY = new Metrics(false, false, List.of(), false, false, 0);

  public Metrics(boolean benchmark, boolean tokens, List<Double> tokenYears) {
    this(benchmark, tokens, tokenYears, false, false, 0);
  }

  /** Parameters of the inference block (prefixed "inference."), the start given as compute or as parameters. */
  public static List<String> inferenceParameters(boolean fromParameters) {
    return List.of("g_inf", fromParameters ? "N0" : "C_inf0", "C_sota0");
  }

  /** Parameters of the benchmark block, in order, as they appear in a spec (prefixed "benchmark."). */
  public static final List<String> BENCHMARK_PARAMETERS = List.of("floor", "ceiling", "L_mid", "k", "steps");

  /** Parameters of the discrimination block (prefixed "discrimination."). */
  public static final List<String> DISCRIMINATION_PARAMETERS = List.of("epsilon", "slowdown");

  public Metrics {
    tokenYears = List.copyOf(tokenYears);
  }

  /** The same metrics restricted to those named (loss is always kept). */
  public Metrics only(boolean keepBenchmark, boolean keepTokens, boolean keepInference) {
    return new Metrics(benchmark && keepBenchmark, tokens && keepTokens, keepTokens ? tokenYears : List.of(),
        inference && keepInference, inferenceFromParameters, inferenceBaselineYear);
  }
}
