package meek.spec;

import meek.distributions.Correlations;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import meek.distributions.ParameterDistribution;

/**
 * A parsed, validated spec: what to sample and over which time span.
 *
 * @param source the file it was read from
 * @param sha256 hex SHA-256 of the file's bytes, for manifests and batch resumes
 * @param name names the default results folder
 * @param title chart and report title
 * @param baselineYear calendar year of t = 0
 * @param horizonYears span of the fan chart, in years
 * @param stepYears fan chart step, in years
 * @param params each parameter's distribution, in the model's parameter order
 * @param correlations rank correlations among parameters ({@link Correlations#NONE} if none)
 * @param schedules growth rates given as piecewise schedules: parameter → segment boundaries (years after
 *     the baseline); segment i's rate is the parameter "g_inv" (i = 0) or "g_inv.i" (empty: none)
 * @param metrics the views besides the loss gap that the spec configures ({@code benchmark:},
 *     {@code discrimination:}); their coefficients are in {@code params} as "benchmark.k" and so on
 */
public record Spec(
    Path source,
    String sha256,
    String name,
    String title,
    double baselineYear,
    double horizonYears,
    double stepYears,
    Map<String, ParameterDistribution> params,
    Correlations correlations,
    Map<String, double[]> schedules,
    meek.model.Metrics metrics) {

  /** Most time steps a fan may have (bounds the fan's memory; 100 years monthly is 1,201). */
  public static final int MAX_FAN_STEPS = 2001;

  public Spec {
    params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
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
}
