package meek.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import meek.model.GapOutcome;
import meek.stats.OutputSummary;
import meek.stats.QuantileEstimate;
import meek.stats.QuantileSummarizer;
import meek.stats.RunResult;

/**
 * {@code summary.json} (the numbers; the key names are a contract) and {@code manifest.json} (how they were
 * made). Non-finite numbers are written as JSON null: a time quantile of null means "never" (+∞), see
 * {@code n_infinite}.
 */
public final class JsonReport {

  static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  /** The summary, free of timings and thread counts, so identical runs give identical bytes. */
  public static ObjectNode summary(RunResult r) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("spec", r.spec().name());
    root.put("title", r.spec().title());
    root.put("samples", r.samples());
    root.put("seed", r.seed());
    root.put("design", r.design().name().toLowerCase());
    root.put("baseline_year", r.spec().baselineYear());
    ObjectNode outputs = root.putObject("outputs");
    for (OutputSummary s : r.outputs()) {
      outputs.set(s.output().name(), output(s));
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
    method.put("convergence_times", "half/tenth-gap times: the root of phi(u) = f*phi(u*) read off a cubic spline in ln(rho) and"
        + " certified by a sign change of phi within a relative " + meek.model.TrainingGap.ConvergenceSolver.CERTIFIED_RELATIVE_ERROR
        + " of it, else solved by Brent's method to 1e-13 in u");
    method.put("convergence_times_relative_error", meek.model.TrainingGap.ConvergenceSolver.CERTIFIED_RELATIVE_ERROR);
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

  /** One output's block: unit, n, n_infinite, mean, sd, p1 … p99 and their ci95 pairs (null: not finite). */
  static ObjectNode output(OutputSummary s) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("unit", s.output().unit());
    o.put("n", s.n());
    o.put("n_infinite", s.infinite());
    number(o, "mean", s.mean());
    number(o, "sd", s.sd());
    for (QuantileEstimate q : s.quantiles()) {
      number(o, q.key(), q.value());
    }
    ObjectNode ci = o.putObject("ci95");
    for (QuantileEstimate q : s.quantiles()) {
      ArrayNode pair = ci.putArray(q.key());
      numberIn(pair, q.ciLower());
      numberIn(pair, q.ciUpper());
    }
    return o;
  }

  /** The manifest: spec as parsed, its hash, seed, samples, threads, versions, start and wall time. */
  public static ObjectNode manifest(RunResult r, String toolVersion, double wallSeconds) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("tool", "meek");
    root.put("tool_version", toolVersion);
    root.put("java_version", System.getProperty("java.version"));
    root.put("java_vm", System.getProperty("java.vm.name"));
    root.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    root.put("spec_file", r.spec().source().toString());
    root.put("spec_sha256", r.spec().sha256());
    root.put("seed", r.seed());
    root.put("samples", r.samples());
    root.put("threads", r.threads());
    root.put("random_source", meek.sampling.RandomStreams.SOURCE.name());
    root.put("block_size", meek.sampling.MonteCarloEngine.BLOCK_SIZE);
    root.put("started", r.started().toString());
    root.put("compute_seconds", r.computeSeconds());
    root.put("wall_seconds", wallSeconds);
    ObjectNode spec = root.putObject("spec");
    spec.put("name", r.spec().name());
    spec.put("title", r.spec().title());
    spec.put("baseline_year", r.spec().baselineYear());
    spec.put("horizon_years", r.spec().horizonYears());
    spec.put("step_years", r.spec().stepYears());
    ObjectNode params = spec.putObject("params");
    r.spec().params().forEach((name, d) -> params.set(name, MAPPER.valueToTree(d.describe())));
    root.put("design", r.design().name().toLowerCase());
    var c = r.spec().correlations();
    if (!c.isEmpty()) {
      ObjectNode corr = root.putObject("correlations");
      corr.set("parameters", MAPPER.valueToTree(c.names()));
      corr.set("requested_spearman", MAPPER.valueToTree(c.spearman()));
      corr.put("repaired", c.repaired());
      corr.put("smallest_eigenvalue_requested", c.smallestEigenvalue());
      corr.set("effective_spearman", MAPPER.valueToTree(c.effectiveSpearman()));
      corr.set("achieved_spearman", MAPPER.valueToTree(r.achievedSpearman()));
      corr.put("achieved_on_draws", Math.min(r.samples(), meek.sampling.SampleSet.PROBE_SIZE));
      corr.put("method", "Gaussian copula on normal scores with r = 2 sin(pi rho_s / 6); marginals exact");
    }
    return root;
  }

  /** The precision target's outcome, under "precision". */
  public static void addPrecision(ObjectNode summary, meek.stats.PrecisionTarget.Report p) {
    ObjectNode o = summary.putObject("precision");
    o.put("target_relative_half_width", p.target());
    o.put("met", p.met());
    o.put("samples_used", p.samplesPerRound().get(p.samplesPerRound().size() - 1));
    o.set("samples_per_round", MAPPER.valueToTree(p.samplesPerRound()));
    o.put("worst", p.worstOutput());
    number(o, "worst_half_width_over_target", p.worstRatio());
  }

  public static void write(ObjectNode node, Path file) throws IOException {
    MAPPER.writeValue(file.toFile(), node);
  }

  /** Converts a describe() map (with doubles) into a tree, for printing. */
  static ObjectNode tree(Map<String, Object> map) {
    return MAPPER.valueToTree(map);
  }

  static void number(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }

  static void numberIn(ArrayNode a, double v) {
    if (Double.isFinite(v)) {
      a.add(v);
    } else {
      a.addNull();
    }
  }
}
