package meek.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import meek.InputException;
import meek.stats.OutputSummary;

/**
 * {@code meek cite}: ready-to-paste numbers for a results folder of {@code run}, {@code compare},
 * {@code batch} or {@code calibrate} (its posterior), read back with {@link ResultReader}: one sentence per output, a Markdown table or a
 * booktabs table, each "median [p5–p95]" with the sample size and seed.
 */
public final class Citation {

  /** How to print them (picocli lists these names). */
  public enum Format { text, md, latex }

  private final PrintWriter out;
  private final Format format;
  private final int digits;

  /** @param digits significant figures */
  public Citation(PrintWriter out, Format format, int digits) {
    this.out = out;
    this.format = format;
    this.digits = digits;
  }

  /** Prints every output of the folder's results. */
  public void print(Path dir) throws IOException {
    if (Files.isRegularFile(dir)) {
      Path folder = dir.toAbsolutePath().getParent();
      throw new InputException(dir + ": a file, not a folder; give the results folder that holds it"
          + (folder != null && ResultFiles.kind(folder).isPresent() ? " (" + (dir.getParent() != null ? dir.getParent() : folder) + ")" : ""));
    }
    if (!Files.exists(dir)) {
      throw new InputException(dir + ": no such folder; give a folder written by meek run, compare, batch or calibrate");
    }
    ResultFiles.Kind kind = ResultFiles.kind(dir).orElseThrow(() -> {
      // a sensitivity's or a fit's folder is meek's, but cite has no table of it: say where its sentences are
      String other = Files.isRegularFile(dir.resolve("sensitivity.md")) ? "sensitivity.md" : Files.isRegularFile(dir.resolve("fit.json")) ? "fit.json" : null;
      if (PartFolder.isPart(dir)) { // a part holds partial counts, no numbers to cite yet
        return new InputException(dir + ": one part of a run (meek run --part), which cite does not read; put the parts together first"
            + " (meek merge PARTDIR… --out DIR) and cite that folder");
      }
      return new InputException(dir + (other != null ? ": a " + (other.startsWith("fit") ? "fit-benchmark" : "sensitivity")
          + " folder, which cite does not read; its citable text is in " + other + " and report.html"
          : ": not a meek results folder (no summary.json, compare.json, batch.json or posterior.json); give a folder written by meek run, compare, batch or calibrate"));
    });
    switch (kind) {
      case RUN -> {
        ResultReader.Summary s = ResultReader.summary(dir);
        print(s.outputs(), s.title(), s.samples(), "N = " + Numbers.count(s.samples()) + ", seed " + s.seed(), "");
      }
      case CALIBRATION -> {
        ResultReader.Summary s = ResultReader.summary(dir, ResultFiles.POSTERIOR);
        var posterior = Json.MAPPER.readTree(dir.resolve(ResultFiles.POSTERIOR).toFile());
        String method = posterior.path("method").asText("calibration");
        String ess = posterior.path("ess").isNumber() ? "ESS " + Numbers.count(Math.round(posterior.path("ess").asDouble())) + " of " : "";
        if (!posterior.path("trusted").asBoolean(true)) {
          out.printf("Caution: meek does not trust this posterior (%s); its summary.md says why. Do not cite these numbers as they stand.%n",
              posterior.path("method_reason").asText("see summary.md"));
        }
        print(s.outputs(), s.title() + " (posterior)", s.samples(), "posterior by " + method + ", " + ess + "N = " + Numbers.count(s.samples())
            + ", seed " + s.seed(), "");
      }
      case COMPARISON -> {
        ResultReader.Compared c = ResultReader.compared(dir);
        String who = "N = " + Numbers.count(c.samples()) + " per spec, seed " + c.seed() + ", common random numbers";
        c.bySpec().forEach((spec, outputs) -> print(outputs, spec, c.samples(), who, ""));
        differences = true;
        c.differences().forEach((pair, outputs) -> print(outputs, "paired difference " + pair, c.samples(), who, "difference in "));
        differences = false;
      }
      case BATCH -> {
        ResultReader.Batched b = ResultReader.batched(dir);
        String who = "N = " + Numbers.count(b.samples()) + " per run, seed " + b.seed();
        b.runs().forEach(run -> print(run.outputs(), run.title(), b.samples(), who, ""));
      }
    }
  }

  /**
   * One group of outputs. An output defined in no draw is said so, not left out; one defined in fewer than
   * the N draws says in how many; a time never reached reads "never", a gap without bound "unbounded".
   */
  private void print(List<OutputSummary> outputs, String title, long samples, String who, String prefix) {
    switch (format) {
      case text:
        for (OutputSummary o : outputs) {
          String name = title + ", " + prefix + o.output().name();
          if (o.n() == 0) {
            out.printf("%s: not defined in any draw (%s).%n", name, who);
          } else {
            out.printf("%s: %s (median; 90%% interval %s; %s%s).%n", name, median(o), range(o), defined(o, samples), who);
          }
        }
        break;
      case md:
        out.printf("**%s** (%s)%n%n| output | median [p5–p95] | unit | draws |%n|---|---|---|---|%n", MarkdownText.escape(title), who);
        for (OutputSummary o : outputs) {
          out.printf("| `%s` | %s | %s | %s |%n", o.output().name(), cell(o), unit(o), Numbers.count(o.n()));
        }
        out.println();
        break;
      case latex:
        out.println("\\begin{table}[ht]\n\\centering\n\\begin{tabular}{llrr}\n\\toprule\nOutput & Median [p5--p95] & Unit & Draws \\\\\n\\midrule");
        for (OutputSummary o : outputs) {
          out.printf("%s & %s & %s & %s \\\\%n", tex(o.output().name()), tex(cell(o)), tex(unit(o)), tex(Numbers.count(o.n())));
        }
        out.printf("\\bottomrule%n\\end{tabular}%n\\caption{%s: median and 90\\%% interval across draws (%s).}%n\\end{table}%n",
            tex(title), tex(who));
        break;
      default:
        throw new IllegalStateException(format.name());
    }
  }

  /** Whether paired differences are being printed: +∞ and −∞ are values of a difference, not "never". */
  private boolean differences;

  /** A value in words: a difference's infinities as ±∞ (A − B = +∞ where only B reaches the time), else as Numbers.of. */
  private String value(OutputSummary o, double v) {
    if (differences && Double.isInfinite(v)) {
      return v > 0 ? "+∞" : "−∞";
    }
    return Numbers.of(o.output(), v, digits);
  }

  private String median(OutputSummary o) {
    double v = o.at(0.5).value();
    String value = value(o, v);
    if (!Double.isFinite(v)) {
      return value;
    }
    return value + (o.output().duration() && Double.isFinite(o.output().startYear())
        ? " years after " + Sentences.yearLabel(o.output().startYear())
        : o.output().unit().isEmpty() ? "" : " " + o.output().unit());
  }

  private String range(OutputSummary o) {
    double lo = o.at(0.05).value();
    double hi = o.at(0.95).value();
    if (differences && !(Double.isFinite(lo) && Double.isFinite(hi))) {
      return value(o, lo) + " to " + value(o, hi) + (o.output().unit().isEmpty() ? "" : " " + o.output().unit());
    }
    return Numbers.range(o.output(), lo, hi, digits, o.output().unit());
  }

  private static String defined(OutputSummary o, long samples) {
    return o.n() == samples ? "" : "the " + Numbers.count(o.n()) + " draws in which it is defined, of ";
  }

  private String cell(OutputSummary o) {
    if (o.n() == 0) {
      return "not defined in any draw";
    }
    if (differences) {
      double lo = o.at(0.05).value();
      double hi = o.at(0.95).value();
      return value(o, o.at(0.5).value()) + " [" + (Double.isFinite(lo) && Double.isFinite(hi) ? Numbers.range(o.output(), lo, hi, digits, "")
          : value(o, lo) + " to " + value(o, hi)) + "]";
    }
    return Numbers.of(o.output(), o.at(0.5).value(), digits) + " [" + Numbers.range(o.output(), o.at(0.05).value(), o.at(0.95).value(), digits, "") + "]";
  }

  private static String unit(OutputSummary o) {
    return o.output().duration() && Double.isFinite(o.output().startYear())
        ? "years after " + Sentences.yearLabel(o.output().startYear())
        : o.output().unit();
  }

  /**
   * Plain ASCII LaTeX: its special characters escaped, the typographic symbols meek writes (−, –, ×, ·, ≤, ≥,
   * ∞) as LaTeX, and anything else non-ASCII (a title's letters) left for the UTF-8 input LaTeX reads by default.
   */
  private static String tex(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    s.codePoints().forEach(c -> b.append(switch (c) {
      case '\\' -> "\\textbackslash{}";
      case '~' -> "\\textasciitilde{}";
      case '^' -> "\\textasciicircum{}";
      case '_', '%', '&', '#', '$', '{', '}' -> "\\" + (char) c;
      case '−' -> "$-$";
      case '–' -> "--";
      case '—' -> "---";
      case '×' -> "$\\times$";
      case '·' -> "$\\cdot$";
      case '≤' -> "$\\le$";
      case '≥' -> "$\\ge$";
      case '∞' -> "$\\infty$";
      default -> Character.toString(c);
    }));
    return b.toString();
  }
}
