package meek.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import meek.model.GapOutcome;
import meek.model.TrainingGap;
import meek.run.PrecisionRun;
import meek.run.RunResult;
import meek.stats.OutputSummary;
import meek.stats.QuantileSummarizer;

/**
 * {@code summary.json}: a run's numbers, the key names a contract. Free of timings and thread counts, so the
 * same spec and seed give identical bytes.
 */
public final class SummaryJson {

  private SummaryJson() {}

  /** Writes it; {@code precision} is the --precision outcome, or null. */
  public static void write(RunResult r, PrecisionRun.Report precision, Path file) throws IOException {
    ObjectNode summary = of(r);
    if (precision != null) {
      addPrecision(summary, precision);
    }
    Json.write(summary, file);
  }

  static ObjectNode of(RunResult r) {
    ObjectNode root = Json.object();
    root.put("spec", r.spec().name());
    root.put("title", r.spec().title());
    root.put("samples", r.samples());
    root.put("seed", r.seed());
    root.put("design", r.design());
    root.put("baseline_year", r.spec().baselineYear());
    ObjectNode outputs = root.putObject("outputs");
    for (OutputSummary s : r.outputs()) {
      outputs.set(s.output().name(), Json.output(s));
    }
    ObjectNode counts = root.putObject("counts");
    for (GapOutcome o : GapOutcome.values()) {
      counts.put(o.key(), r.count(o));
    }
    ObjectNode invalid = counts.putObject("invalid_by_parameter");
    r.invalidByParameter().forEach(invalid::put);
    ObjectNode method = root.putObject("method");
    method.put("quantiles", r.quantileMethod());
    method.put("quantiles_exact", r.quantileRelativeAccuracy() == 0);
    method.put("quantiles_relative_accuracy", r.quantileRelativeAccuracy());
    method.put("ci95", r.ciMethod());
    method.put("null_means", "not finite: a time that is never reached (+infinity); see n_infinite");
    method.put("convergence_times", "half/tenth-gap times: the root of phi(u) = f*phi(u*) read off a cubic spline in ln(rho) for rho in"
        + " [1e-3, 1e3], within a relative " + TrainingGap.ConvergenceSolver.CERTIFIED_RELATIVE_ERROR
        + " of it (a bound proved once for the table), else solved by Brent's method to 1e-13 in u");
    method.put("convergence_times_relative_error", TrainingGap.ConvergenceSolver.CERTIFIED_RELATIVE_ERROR);
    if (r.fans().isEmpty()) {
      method.put("fan_quantiles", "not computed (--no-fan)");
    } else {
      method.put("fan_draws", r.fan().draws());
      method.put(
          "fan_quantiles",
          "DDSketch logarithmic bins: each fan quantile is within fan_relative_accuracy of the sample value at rank floor(p(n-1)); fan means are exact");
      method.put("fan_relative_accuracy", r.fan().relativeAccuracy());
      method.put("fan_values_clamped", r.fan().clamped());
    }
    ArrayNode probs = method.putArray("probabilities");
    for (double p : QuantileSummarizer.PROBABILITIES) {
      probs.add(p);
    }
    return root;
  }

  /** The precision target's outcome, under "precision". */
  private static void addPrecision(ObjectNode summary, PrecisionRun.Report p) {
    ObjectNode o = summary.putObject("precision");
    o.put("target_relative_half_width", p.target());
    o.put("met", p.met());
    o.put("samples_used", p.samplesPerRound().get(p.samplesPerRound().size() - 1));
    o.set("samples_per_round", Json.MAPPER.valueToTree(p.samplesPerRound()));
    o.put("worst", p.worstOutput());
    o.put("quantiles_never", p.neverQuantiles());
    Json.number(o, "worst_half_width_over_target", p.worstRatio());
  }
}
