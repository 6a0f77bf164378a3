package meek.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import meek.InputException;
import meek.stats.OutputSummary;

/**
 * {@code meek cite}: ready-to-paste numbers for a results folder of {@code run}, {@code compare} or
 * {@code batch}, read back with {@link ResultReader}: one sentence per output, a Markdown table or a
 * booktabs table, each "median [p5–p95]" with the sample size and seed.
 */
public final class Citation {

  /** How to print them (picocli lists these names). */
  public enum Format { text, md, latex }

  private final PrintWriter out;
  private final Format format;
  private final int digits;

  private record Row(String name, String unit, double p50, double p5, double p95) {}

  /** @param digits significant figures */
  public Citation(PrintWriter out, Format format, int digits) {
    this.out = out;
    this.format = format;
    this.digits = digits;
  }

  /** Prints every output of the folder's results. */
  public void print(Path dir) throws IOException {
    ResultFiles.Kind kind = ResultFiles.kind(dir).orElseThrow(() -> new InputException(dir
        + ": not a meek results folder (no summary.json, compare.json or batch.json); give a folder written by meek run, compare or batch"));
    switch (kind) {
      case RUN -> {
        ResultReader.Summary s = ResultReader.summary(dir);
        print(s.outputs(), s.title(), "N = " + Numbers.count(s.samples()) + ", seed " + s.seed(), "");
      }
      case COMPARISON -> {
        ResultReader.Compared c = ResultReader.compared(dir);
        String who = "N = " + Numbers.count(c.samples()) + " per spec, seed " + c.seed() + ", common random numbers";
        c.bySpec().forEach((spec, outputs) -> print(outputs, spec, who, ""));
        c.differences().forEach((pair, outputs) -> print(outputs, "paired difference " + pair, who, "difference in "));
      }
      case BATCH -> {
        ResultReader.Batched b = ResultReader.batched(dir);
        String who = "N = " + Numbers.count(b.samples()) + " per run, seed " + b.seed();
        b.runs().forEach(run -> print(run.outputs(), run.title(), who, ""));
      }
    }
  }

  private void print(List<OutputSummary> outputs, String title, String who, String prefix) {
    List<Row> rows = new ArrayList<>();
    for (OutputSummary o : outputs) {
      if (o.n() > 0) {
        rows.add(new Row(o.output().name(), o.output().unit(), o.at(0.5).value(), o.at(0.05).value(), o.at(0.95).value()));
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
      default:
        throw new IllegalStateException(format.name());
    }
  }

  /** A calendar year (no unit) to one decimal; anything else to the significant figures asked for. */
  private String fmt(Row r, double v) {
    return r.unit().isEmpty() && r.name().endsWith("_year") ? Numbers.year(v) : Numbers.sig(v, digits);
  }

  private static String tex(String s) {
    return s.replace("\\", "\\textbackslash{}").replace("_", "\\_").replace("%", "\\%").replace("&", "\\&").replace("#", "\\#");
  }
}
