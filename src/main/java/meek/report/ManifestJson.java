package meek.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import meek.Build;
import meek.distributions.Correlations;
import meek.run.RunResult;

/**
 * {@code manifest.json}: how a run's numbers were made (the spec as parsed, its SHA-256, seed, samples,
 * threads, random source, versions, start and wall time). {@code meek batch} reads it back to resume
 * ({@link ResultReader#manifest}).
 */
public final class ManifestJson {

  private ManifestJson() {}

  public static void write(RunResult r, String toolVersion, double wallSeconds, Path file) throws IOException {
    Json.write(of(r, toolVersion, wallSeconds), file);
  }

  static ObjectNode of(RunResult r, String toolVersion, double wallSeconds) {
    ObjectNode root = Json.object();
    root.put("tool", "meek");
    root.put("tool_version", toolVersion);
    root.put("tool_commit", Build.commit());
    root.put("java_version", System.getProperty("java.version"));
    root.put("java_vm", System.getProperty("java.vm.name"));
    root.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    root.put("spec_file", r.spec().source().toString());
    root.put("spec_sha256", r.spec().sha256());
    root.put("seed", r.seed());
    root.put("samples", r.samples());
    root.put("threads", r.threads());
    root.put("random_source", RunResult.RANDOM_SOURCE);
    root.put("block_size", RunResult.BLOCK_SIZE);
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
    r.spec().params().forEach((name, d) -> params.set(name, Json.MAPPER.valueToTree(d.describe())));
    root.put("design", r.design());
    Correlations c = r.spec().correlations();
    if (!c.isEmpty()) {
      ObjectNode corr = root.putObject("correlations");
      corr.set("parameters", Json.MAPPER.valueToTree(c.names()));
      corr.set("requested_spearman", Json.MAPPER.valueToTree(c.spearman()));
      corr.put("repaired", c.repaired());
      corr.put("smallest_eigenvalue_requested", c.smallestEigenvalue());
      corr.set("effective_spearman", Json.MAPPER.valueToTree(c.effectiveSpearman()));
      corr.set("achieved_spearman", Json.MAPPER.valueToTree(r.achievedSpearman()));
      corr.put("achieved_on_draws", Math.min(r.samples(), RunResult.CORRELATION_PROBE));
      corr.put("method", "Gaussian copula on normal scores with r = 2 sin(pi rho_s / 6); marginals exact");
    }
    return root;
  }
}
