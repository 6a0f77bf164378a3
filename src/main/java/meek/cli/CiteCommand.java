package meek.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import meek.report.Numbers;
import meek.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec.Target;

/** {@code meek cite RESULT_DIR}: ready-to-paste sentences and a table for a run or a comparison. */
@Command(
    name = "cite",
    mixinStandardHelpOptions = true,
    description = "Prints ready-to-paste numbers for a results folder of 'run', 'compare' or 'batch': sentences (text), a table (md) or a booktabs table (latex), each 'median [p5–p95]' with N significant figures, the sample size and seed.")
final class CiteCommand implements Callable<Integer> {

  @picocli.CommandLine.Spec(Target.SELF)
  CommandSpec self;

  @Parameters(index = "0", paramLabel = "RESULT_DIR", description = "A folder written by meek run, compare or batch.")
  Path dir;

  /** Picocli checks the value (case-insensitive) and lists these on a bad one. */
  enum Format { text, md, latex }

  @Option(names = "--format", paramLabel = "F", defaultValue = "text", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--sig", paramLabel = "N", defaultValue = "3", description = "Significant figures (default: ${DEFAULT-VALUE}).")
  int sig;

  private record Row(String name, String unit, double p50, double p5, double p95) {}

  @Override
  public Integer call() throws IOException {
    if (sig < 1 || sig > 12) {
      throw new InputException("--sig must be between 1 and 12 (got " + sig + ")");
    }
    ObjectMapper json = new ObjectMapper();
    Path summary = dir.resolve("summary.json");
    Path compare = dir.resolve("compare.json");
    Path batch = dir.resolve("batch.json");
    PrintWriter out = self.commandLine().getOut();
    if (Files.isRegularFile(summary)) {
      JsonNode s = json.readTree(summary.toFile());
      String who = "N = " + Numbers.count(s.get("samples").asLong()) + ", seed " + s.get("seed").asLong();
      print(out, s.get("outputs"), s.path("title").asText(s.get("spec").asText()), who, "");
    } else if (Files.isRegularFile(compare)) {
      JsonNode c = json.readTree(compare.toFile());
      String who = "N = " + Numbers.count(c.get("samples").asLong()) + " per spec, seed " + c.get("seed").asLong() + ", common random numbers";
      for (JsonNode spec : c.get("specs")) {
        JsonNode perSpec = json.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = c.get("outputs").fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (e.getValue().has(spec.asText())) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) perSpec).set(e.getKey(), e.getValue().get(spec.asText()));
          }
        }
        print(out, perSpec, spec.asText(), who, "");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = c.get("differences").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> pair = it.next();
        print(out, pair.getValue(), "paired difference " + pair.getKey(), who, "difference in ");
      }
    } else if (Files.isRegularFile(batch)) {
      JsonNode b = json.readTree(batch.toFile());
      String who = "N = " + Numbers.count(b.get("samples").asLong()) + " per run, seed " + b.get("seed").asLong();
      for (JsonNode run : b.get("runs")) {
        print(out, run.get("outputs"), run.get("title").asText(), who, "");
      }
    } else {
      throw new InputException(dir + ": not a meek results folder (no summary.json, compare.json or batch.json); give a folder written by meek run, compare or batch");
    }
    return 0;
  }

  private void print(PrintWriter out, JsonNode outputs, String title, String who, String prefix) {
    java.util.List<Row> rows = new java.util.ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = outputs.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode o = e.getValue();
      if (o.path("p50").isNumber() || o.path("p50").isNull()) {
        rows.add(new Row(e.getKey(), o.path("unit").asText(""), value(o, "p50"), value(o, "p5"), value(o, "p95")));
      }
    }
    switch (format) {
      case text:
        for (Row r : rows) {
          out.printf(Locale.ROOT, "%s, %s%s: %s (median; 90%% interval %s–%s%s; %s).%n", title, prefix, r.name(),
              fmt(r, r.p50()), fmt(r, r.p5()), fmt(r, r.p95()), r.unit().isEmpty() ? "" : " " + r.unit(), who);
        }
        break;
      case md:
        out.printf("**%s** (%s)%n%n| output | median [p5–p95] | unit |%n|---|---|---|%n", title, who);
        for (Row r : rows) {
          out.printf("| `%s` | %s [%s–%s] | %s |%n", r.name(), fmt(r, r.p50()), fmt(r, r.p5()), fmt(r, r.p95()), r.unit());
        }
        out.println();
        break;
      case latex:
        out.println("\\begin{table}[ht]\n\\centering\n\\begin{tabular}{llr}\n\\toprule\nOutput & Median [p5--p95] & Unit \\\\\n\\midrule");
        for (Row r : rows) {
          out.printf("%s & %s [%s--%s] & %s \\\\%n", tex(r.name()), fmt(r, r.p50()), fmt(r, r.p5()), fmt(r, r.p95()), tex(r.unit()));
        }
        out.printf("\\bottomrule%n\\end{tabular}%n\\caption{%s: median and 90\\%% interval across draws (%s).}%n\\end{table}%n",
            tex(title), tex(who));
        break;
    }
  }

  /** A calendar year (no unit) to one decimal; anything else to --sig significant figures. */
  private String fmt(Row r, double v) {
    return r.unit().isEmpty() && r.name().endsWith("_year") ? Numbers.year(v) : Numbers.sig(v, sig);
  }

  private static double value(JsonNode o, String key) {
    JsonNode n = o.get(key);
    return n == null || n.isNull() ? Double.POSITIVE_INFINITY : n.asDouble();
  }

  private static String tex(String s) {
    return s.replace("\\", "\\textbackslash{}").replace("_", "\\_").replace("%", "\\%").replace("&", "\\&").replace("#", "\\#");
  }
}
