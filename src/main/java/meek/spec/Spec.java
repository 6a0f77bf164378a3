package meek.spec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import meek.InputException;
import meek.distributions.Correlations;
import meek.distributions.ParameterDistribution;
import meek.model.GapModel;
import meek.model.Metric;
import meek.model.ModelConfig;

/**
 * A parsed, validated spec: what to sample, for which model, over which time span.
 *
 * @param source the file it was read from
 * @param text the file's text as read (its comments name the sources for references.bib)
 * @param sha256 hex SHA-256 of the file's bytes, for manifests and batch resumes
 * @param name names the default results folder
 * @param title chart and report title
 * @param horizonYears span of the fan chart, in years
 * @param stepYears fan chart step, in years
 * @param params each parameter's distribution by the model's name for it ("g_inv", "g_inv.1",
 *     "benchmark.k"), in the spec's order
 * @param correlations rank correlations among parameters ({@link Correlations#NONE} if none)
 * @param model the baseline year, growth schedules and views the model is built from
 * @param inputs the files it was read from: the spec and any data file its laws read
 */
public record Spec(
    Path source,
    String text,
    String sha256,
    String name,
    String title,
    double horizonYears,
    double stepYears,
    Map<String, ParameterDistribution> params,
    Correlations correlations,
    ModelConfig model,
    List<Path> inputs) {

  /** Most time steps a fan may have (bounds the fan's memory; 100 years monthly is 1,201). */
  public static final int MAX_FAN_STEPS = 2001;

  public Spec {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    inputs = List.copyOf(inputs);
  }

  /** Whether {@link #only} with these views would leave out a view this spec has (if not, it is the same run). */
  public boolean leavesOut(Collection<Metric> metrics) {
    return java.util.Arrays.stream(Metric.values()).anyMatch(m -> model.has(m) && !metrics.contains(m));
  }

  /** The same spec under another name for its file (the name reports show; its data files stay as read). */
  public Spec named(Path file) {
    return new Spec(file, text, sha256, name, title, horizonYears, stepYears, params, correlations, model, inputs);
  }

  /** The calendar year of t = 0. */
  public double baselineYear() {
    return model.baselineYear();
  }

  /** The fan's time points t = 0, step, …, horizon (inclusive). */
  public double[] times() {
    int steps = (int) Math.round(horizonYears / stepYears);
    double[] t = new double[steps + 1];
    for (int j = 0; j <= steps; j++) {
      t[j] = j * stepYears;
    }
    return t;
  }

  /** The distributions in the given parameter order. */
  public ParameterDistribution[] distributions(List<String> order) {
    return order.stream().map(params::get).toArray(ParameterDistribution[]::new);
  }

  /**
   * The same spec reporting only the given views (the loss gap always): {@code --metric}. A view the spec
   * does not configure, or correlations that name a parameter of a view left out, are errors.
   */
  public Spec only(Collection<Metric> metrics) {
    for (Metric m : metrics) {
      if (!model.has(m)) {
        throw new InputException(source + ": --metric " + m.key() + " needs " + ViewBlocks.needed(m) + "; see distributions/README.md)");
      }
    }
    ModelConfig chosen = model.only(metrics);
    List<String> kept = new GapModel(chosen).parameterNames();
    for (String name : correlations.names()) {
      if (!kept.contains(name)) {
        throw new InputException(source + ": the correlations name " + name + ", which --metric leaves out; add its metric or drop the pair");
      }
    }
    return new Spec(source, text, sha256, name, title, horizonYears, stepYears, params, correlations, chosen, inputs);
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
