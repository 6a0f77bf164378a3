package meek.model;

/**
 * One quantity a run charts over time.
 *
 * @param key "loss", "benchmark", "tokens": names the files ({@code fan.csv} for loss, else
 *     {@code fan_<key>.csv}) and the {@code --metric} option
 * @param unit its unit, for tables
 * @param axisLabel the chart's y-axis label
 * @param logAxis whether the chart needs a logarithmic y axis
 */
public record FanMetric(String key, String unit, String axisLabel, boolean logAxis) {

  public static final FanMetric LOSS = new FanMetric("loss", "nats", "Loss gap ΔL (nats per token)", false);
  public static final FanMetric BENCHMARK =
      new FanMetric("benchmark", "percentage points", "Benchmark gap (percentage points)", false);
  public static final FanMetric TOKENS =
      new FanMetric("tokens", "tokens", "Tokens an ideal observer needs to tell the models apart", true);

  public static final FanMetric INFERENCE =
      new FanMetric("inference", "nats", "Inference loss gap (nats per token)", false);

  /** The file stem: "fan" for the loss gap, "fan_<key>" for the others. */
  public String fileStem() {
    return key.equals("loss") ? "fan" : "fan_" + key;
  }
}
