package meek.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;
import meek.distributions.Correlations;
import meek.distributions.ParameterDistribution;
import meek.run.SpecSummary;

/** {@code meek validate}: each parameter's resolved distribution, its p5, p50, p95 and mean, and the correlations. */
public final class ValidateReport {

  private ValidateReport() {}

  /** The spec as JSON. */
  public static String json(SpecSummary spec) {
    ObjectNode root = Json.object();
    root.put("spec", spec.name());
    root.put("title", spec.title());
    root.put("sha256", spec.sha256());
    ObjectNode params = root.putObject("params");
    spec.params().forEach((name, d) -> {
      ObjectNode p = params.putObject(name);
      p.set("distribution", Json.MAPPER.valueToTree(d.describe()));
      p.put("p5", d.quantile(0.05));
      p.put("p50", d.median());
      p.put("p95", d.quantile(0.95));
      p.put("mean", d.mean());
    });
    Correlations c = spec.correlations();
    if (!c.isEmpty()) {
      ObjectNode corr = root.putObject("correlations");
      corr.set("parameters", Json.MAPPER.valueToTree(c.names()));
      corr.set("requested_spearman", Json.MAPPER.valueToTree(c.spearman()));
      corr.put("repaired", c.repaired());
      corr.set("effective_spearman", Json.MAPPER.valueToTree(c.effectiveSpearman()));
    }
    return Json.text(root);
  }

  /** The spec as a table. */
  public static void print(SpecSummary spec, PrintWriter out) {
    out.printf("%s: %s (valid)%n", spec.source(), spec.title());
    out.printf(Locale.ROOT, "  baseline %s, fan 0–%s years in steps of %s%n",
        Numbers.compact(spec.baselineYear()), Numbers.compact(spec.horizonYears()), Numbers.compact(spec.stepYears()));
    int w = Math.max(6, spec.params().keySet().stream().mapToInt(String::length).max().orElse(6));
    String row = "  %-" + w + "s %-12s %12s %12s %12s %12s  %s%n";
    out.printf(Locale.ROOT, row, "param", "dist", "p5", "p50", "p95", "mean", "resolved");
    for (Map.Entry<String, ParameterDistribution> e : spec.params().entrySet()) {
      ParameterDistribution d = e.getValue();
      Map<String, Object> desc = d.describe();
      // a constant reads as written (1.7, not 1.700); a distribution's summaries to four figures
      DoubleFunction<String> f = "constant".equals(desc.get("dist")) ? Numbers::compact : v -> Numbers.sig(v, 4);
      out.printf(Locale.ROOT, row, e.getKey(), desc.get("dist"),
          f.apply(d.quantile(0.05)), f.apply(d.median()), f.apply(d.quantile(0.95)), f.apply(d.mean()), details(desc));
    }
    Correlations c = spec.correlations();
    if (c.isEmpty()) {
      out.println("  no correlations: parameters are independent");
    } else {
      out.println(c.repaired()
          ? String.format(Locale.ROOT, "  rank correlations (requested matrix not PSD, smallest eigenvalue %.3g; repaired, effective values shown):", c.smallestEigenvalue())
          : "  rank correlations (Spearman):");
      printMatrix(out, c.names(), c.repaired() ? c.effectiveSpearman() : c.spearman());
    }
  }

  private static String details(Map<String, Object> desc) {
    StringBuilder sb = new StringBuilder();
    desc.forEach((k, v) -> {
      if (!k.equals("dist")) {
        sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ')
            .append(v instanceof Double x ? Numbers.compact(x) : v instanceof List<?> ? "[…]" : String.valueOf(v));
      }
    });
    return sb.toString();
  }

  private static void printMatrix(PrintWriter out, List<String> names, double[][] m) {
    out.printf("  %-8s", "");
    for (String n : names) {
      out.printf("%8s", n);
    }
    out.println();
    for (int i = 0; i < names.size(); i++) {
      out.printf("  %-8s", names.get(i));
      for (int j = 0; j < names.size(); j++) {
        out.printf(Locale.ROOT, "%8.3f", m[i][j]);
      }
      out.println();
    }
  }
}
