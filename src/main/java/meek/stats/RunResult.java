package meek.stats;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import meek.model.GapOutcome;
import meek.spec.Spec;

/**
 * Everything a run reports, before it is written anywhere.
 *
 * @param spec the spec that was run
 * @param samples N, the number of draws
 * @param seed the seed
 * @param threads threads used (does not change any number)
 * @param design how the draws were laid out
 * @param quantileMethod how the scalar quantiles were computed, in words
 * @param quantileRelativeAccuracy 0 for exact quantiles, else the sketch's relative accuracy
 * @param ciMethod how the quantiles' confidence intervals were made, in words
 * @param achievedSpearman rank correlations among the spec's correlated parameters, measured on the
 *     first draws (empty without correlations)
 * @param counts draws per outcome
 * @param invalidByParameter invalid draws per parameter name (only parameters with some)
 * @param outputs one summary per scalar output, in the model's order
 * @param fans each metric's quantiles over time; the first is the loss gap
 * @param headlineDraws the finite values of the first output (t*), in any order, for its histogram
 * @param started when the run started
 * @param computeSeconds seconds spent sampling and aggregating
 */
public record RunResult(
    Spec spec,
    int samples,
    long seed,
    int threads,
    meek.sampling.Design design,
    String quantileMethod,
    double quantileRelativeAccuracy,
    String ciMethod,
    double[][] achievedSpearman,
    Map<GapOutcome, Long> counts,
    Map<String, Long> invalidByParameter,
    List<OutputSummary> outputs,
    List<FanData> fans,
    double[] headlineDraws,
    Instant started,
    double computeSeconds) {

  /** The loss gap's fan. */
  public FanData fan() {
    return fans.get(0);
  }

  /** The fan of a metric. */
  public FanData fan(meek.model.Metric metric) {
    return fans.stream().filter(f -> f.metric() == metric).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no fan " + metric.key()));
  }

  /** The summary of the named output. */
  public OutputSummary output(String name) {
    return outputs.stream()
        .filter(o -> o.output().name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no output " + name));
  }

  public long count(GapOutcome outcome) {
    return counts.getOrDefault(outcome, 0L);
  }
}
