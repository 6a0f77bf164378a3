package meek.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import meek.distributions.Correlations;
import meek.distributions.ParameterDistribution;
import meek.report.Numbers;
import meek.spec.Spec;
import meek.spec.SpecReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec.Target;

/** {@code meek validate SPEC}: checks a spec without running it and shows what it resolves to. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Checks a spec without running it: prints each parameter's resolved distribution, its p5, p50, p95 and mean, and the correlation matrix. Exit 2 with a one-line error on bad input.")
final class ValidateCommand implements Callable<Integer> {

  @picocli.CommandLine.Spec(Target.SELF)
  CommandSpec self;

  @Parameters(index = "0", paramLabel = "SPEC", description = "Spec file (YAML)")
  Path specFile;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Spec spec = new SpecReader().read(specFile);
    PrintWriter out = self.commandLine().getOut();
    if (json) {
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode root = mapper.createObjectNode();
      root.put("spec", spec.name());
      root.put("title", spec.title());
      root.put("sha256", spec.sha256());
      ObjectNode params = root.putObject("params");
      spec.params().forEach((name, d) -> {
        ObjectNode p = params.putObject(name);
        p.set("distribution", mapper.valueToTree(d.describe()));
        p.put("p5", d.quantile(0.05));
        p.put("p50", d.median());
        p.put("p95", d.quantile(0.95));
        p.put("mean", d.mean());
      });
      Correlations c = spec.correlations();
      if (!c.isEmpty()) {
        ObjectNode corr = root.putObject("correlations");
        corr.set("parameters", mapper.valueToTree(c.names()));
        corr.set("requested_spearman", mapper.valueToTree(c.spearman()));
        corr.put("repaired", c.repaired());
        corr.set("effective_spearman", mapper.valueToTree(c.effectiveSpearman()));
      }
      out.println(mapper.writeValueAsString(root));
      return 0;
    }
    out.printf("%s: %s (valid)%n", spec.source(), spec.title());
    out.printf(Locale.ROOT, "  baseline %s, fan 0–%s years in steps of %s%n",
        Numbers.compact(spec.baselineYear()), Numbers.compact(spec.horizonYears()), Numbers.compact(spec.stepYears()));
    int w = Math.max(6, spec.params().keySet().stream().mapToInt(String::length).max().orElse(6));
    String row = "  %-" + w + "s %-12s %12s %12s %12s %12s  %s%n";
    out.printf(Locale.ROOT, row, "param", "dist", "p5", "p50", "p95", "mean", "resolved");
    for (Map.Entry<String, ParameterDistribution> e : spec.params().entrySet()) {
      ParameterDistribution d = e.getValue();
      Map<String, Object> desc = d.describe();
      out.printf(Locale.ROOT, row, e.getKey(), desc.get("dist"),
          Numbers.sig(d.quantile(0.05), 4), Numbers.sig(d.median(), 4), Numbers.sig(d.quantile(0.95), 4),
          Numbers.sig(d.mean(), 4), details(desc));
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
    return 0;
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
