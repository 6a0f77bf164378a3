package meek.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import meek.model.GapOutcome;
import meek.model.Metric;
import meek.model.ScalarOutput;
import meek.sampling.MonteCarloEngine;
import meek.sampling.RandomStreams;
import meek.sampling.SampleSet;
import meek.stats.FanData;
import meek.stats.OutputSummary;

/**
 * Everything a run reports, before it is written anywhere.
 *
 * @param spec the spec that was run
 * @param samples N, the number of draws
 * @param seed the seed
 * @param threads threads used (does not change any number)
 * @param design how the draws were laid out: "mc", "lhs" or "sobol"
 * @param quantileMethod how the scalar quantiles were computed, in words
 * @param quantileRelativeAccuracy 0 for exact quantiles, else the sketch's relative accuracy
 * @param ciMethod how the quantiles' confidence intervals were made, in words
 * @param achievedSpearman rank correlations among the spec's correlated parameters, measured on the
 *     first {@link #CORRELATION_PROBE} draws (empty without correlations)
 * @param counts draws per outcome
 * @param invalidByParameter invalid draws per parameter name (only parameters with some)
 * @param outputs one summary per scalar output, in the model's order
 * @param fans each metric's quantiles over time; the first is the loss gap
 * @param headlineDraws the finite values of the first output (t*), in any order, for its histogram
 * @param started when the run started
 * @param computeSeconds seconds spent sampling and aggregating
 */
public record RunResult(
    SpecSummary spec,
    long samples,
    long seed,
    int threads,
    String design,
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

  /** The random generator behind every stream: part of what a seed means, so recorded in manifests. */
  public static final String RANDOM_SOURCE = RandomStreams.SOURCE.name();

  /** Draws per block: block b always draws from random stream b. */
  public static final int BLOCK_SIZE = MonteCarloEngine.BLOCK_SIZE;

  /** How many leading draws the achieved rank correlations are measured on. */
  public static final int CORRELATION_PROBE = SampleSet.PROBE_SIZE;

  /** The loss gap's fan. */
  public FanData fan() {
    return fans.get(0);
  }

  /** The fan of a metric. */
  public FanData fan(Metric metric) {
    return fans.stream().filter(f -> f.metric() == metric).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no fan " + metric.key()));
  }

  /** Whether the run reports this output (its spec configures the output's view). */
  public boolean has(ScalarOutput output) {
    return outputs.stream().anyMatch(o -> o.output().name().equals(output.name()));
  }

  /** The summary of an output the run reports. */
  public OutputSummary output(ScalarOutput output) {
    return outputs.stream()
        .filter(o -> o.output().name().equals(output.name()))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no output " + output.name()));
  }

  public long count(GapOutcome outcome) {
    return counts.getOrDefault(outcome, 0L);
  }
}
