package meek.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import meek.distributions.ConstantParameter;
import meek.distributions.ContinuousParameter;
import meek.distributions.Correlations;
import meek.distributions.ParameterDistribution;
import meek.model.GapOutcome;
import meek.model.LossView;
import meek.model.Metric;
import meek.model.ScalarOutput;
import meek.run.RunResult;
import meek.run.SpecSummary;
import meek.stats.FanData;
import meek.stats.OutputSummary;
import meek.stats.QuantileEstimate;
import meek.stats.QuantileSummarizer;

/**
 * Results made by hand, not by running anything, so that each writer's file can be checked against numbers
 * known in advance: every quantile of output k at probability p is {@link #value}(k, p), its CI that ± 0.125.
 */
final class HandBuilt {

  private HandBuilt() {}

  static final int SAMPLES = 100;
  static final long SEED = 7;

  /** The loss outputs, in the model's order. */
  static final List<ScalarOutput> OUTPUTS = List.of(LossView.INFLECTION_TIME, LossView.INFLECTION_YEAR, LossView.PEAK_GAP,
      LossView.STEEPEST_DECLINE_TIME, LossView.HALF_GAP_TIME, LossView.TENTH_GAP_TIME, LossView.HALF_GAP_YEAR, LossView.TENTH_GAP_YEAR);

  /** Output k's p-quantile: 3 + p for t*, 2019 + 3 + p for its year, and so on; the tenth-gap time's p99 is never. */
  static double value(int k, double p) {
    ScalarOutput o = OUTPUTS.get(k);
    if ((o == LossView.TENTH_GAP_TIME || o == LossView.TENTH_GAP_YEAR) && p == 0.99) {
      return Double.POSITIVE_INFINITY;
    }
    double duration = (k + 3) + p;
    return o.calendarYear() ? 2019 + duration : o == LossView.PEAK_GAP ? 0.1 + p / 10 : duration;
  }

  static SpecSummary spec(Correlations correlations) {
    Map<String, ParameterDistribution> params = new LinkedHashMap<>();
    params.put("alpha", new ConstantParameter(0.155));
    params.put("g_inv", ContinuousParameter.uniform(2, 5));
    return new SpecSummary(Path.of("dir", "hand.yaml"), "# after Ho et al. 2024\n", "cafe", "hand", "Hand-built", 2019, 2, 1,
        params, correlations);
  }

  static OutputSummary summary(int k) {
    ScalarOutput o = OUTPUTS.get(k);
    List<QuantileEstimate> q = new ArrayList<>();
    for (double p : QuantileSummarizer.PROBABILITIES) {
      q.add(new QuantileEstimate(p, value(k, p), value(k, p) - 0.125, value(k, p) + 0.125));
    }
    boolean never = o == LossView.TENTH_GAP_TIME || o == LossView.TENTH_GAP_YEAR;
    return new OutputSummary(o, 90, never ? 3 : 0, never ? Double.POSITIVE_INFINITY : value(k, 0.5), never ? Double.NaN : 0.5, q);
  }

  /** A fan over t = 0, 1, 2 whose p-quantile at step j is j·p, its mean j/2. */
  static FanData fan(Metric metric) {
    double[][] quantiles = new double[3][QuantileSummarizer.PROBABILITIES.length];
    for (int j = 0; j < 3; j++) {
      for (int k = 0; k < QuantileSummarizer.PROBABILITIES.length; k++) {
        quantiles[j][k] = j * QuantileSummarizer.PROBABILITIES[k];
      }
    }
    return new FanData(new double[] {0, 1, 2}, new double[] {2019, 2020, 2021}, quantiles, new double[] {0, 0.5, 1}, 99, metric, 1e-3, 0);
  }

  static RunResult result(Correlations correlations) {
    Map<GapOutcome, Long> counts = new EnumMap<>(GapOutcome.class);
    counts.put(GapOutcome.CONVERGES, 87L);
    counts.put(GapOutcome.NO_ADVANTAGE, 10L);
    counts.put(GapOutcome.NEVER_CONVERGES, 3L);
    counts.put(GapOutcome.INVALID, 0L);
    List<OutputSummary> outputs = new ArrayList<>();
    for (int k = 0; k < OUTPUTS.size(); k++) {
      outputs.add(summary(k));
    }
    double[][] achieved = correlations.isEmpty() ? new double[0][0] : new double[][] {{1, 0.49}, {0.49, 1}};
    return new RunResult(spec(correlations), SAMPLES, SEED, 2, "mc", "exact by hand", 0, "by hand", achieved, counts, Map.of(),
        outputs, List.of(fan(Metric.LOSS)), new double[] {3.2, 3.5, 3.9}, Instant.parse("2026-01-01T00:00:00Z"), 1.5);
  }

  static RunResult result() {
    return result(Correlations.NONE);
  }
}
