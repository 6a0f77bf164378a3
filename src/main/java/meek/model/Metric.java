package meek.model;

import java.util.Optional;

/**
 * The paper's views of the gap (docs/MODEL.md §1, §4–6): each a quantity a run reports and charts over time.
 * This is the one list of them; the {@code --metric} option, observed points, file names and charts read it
 * here. Each has its view in this package ({@link LossView}, {@link BenchmarkView}, {@link TokensView},
 * {@link InferenceView}), registered in {@link GapModel}.
 */
public enum Metric {
  LOSS("loss", "nats", "Loss gap ΔL (nats per token)", "Loss gap between SOTA and meek models across draws", false),
  BENCHMARK("benchmark", "percentage points", "Benchmark gap (percentage points)",
      "Benchmark score gap, SOTA minus meek, across draws", false),
  TOKENS("tokens", "tokens", "Tokens to tell the models apart",
      "Tokens an ideal observer needs to tell the SOTA and meek models apart, across draws", true),
  INFERENCE("inference", "nats", "Inference loss gap (nats per token)",
      "Loss of the best model the meek user can run minus the SOTA model's", false),
  INFERENCE_BENCHMARK("inference_benchmark", "percentage points", "Benchmark gap at a fixed budget (points)",
      "Benchmark score of the SOTA model minus that of the best model the meek user can run", false);

  private final String key;
  private final String unit;
  private final String axisLabel;
  private final String subtitle;
  private final boolean logAxis;

  Metric(String key, String unit, String axisLabel, String subtitle, boolean logAxis) {
    this.key = key;
    this.unit = unit;
    this.axisLabel = axisLabel;
    this.subtitle = subtitle;
    this.logAxis = logAxis;
  }

  /** "loss", "benchmark", "tokens", "inference", "inference_benchmark": as {@code --metric} and observed points name it. */
  public String key() {
    return key;
  }

  /** Its unit, for tables. */
  public String unit() {
    return unit;
  }

  /** The y-axis label of its fan chart. */
  public String axisLabel() {
    return axisLabel;
  }

  /** The line under its fan chart's title. */
  public String subtitle() {
    return subtitle;
  }

  /** Whether its fan needs a logarithmic y axis. */
  public boolean logAxis() {
    return logAxis;
  }

  /** The stem of its fan's files: "fan" for the loss gap, "fan_<key>" for the others. */
  public String fileStem() {
    return this == LOSS ? "fan" : "fan_" + key;
  }

  /** The metric of this key, if there is one. */
  public static Optional<Metric> byKey(String key) {
    for (Metric m : values()) {
      if (m.key.equals(key)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
