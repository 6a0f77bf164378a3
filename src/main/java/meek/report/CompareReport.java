package meek.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import meek.model.LossView;
import meek.run.Comparison;
import meek.run.RunOptions;
import meek.run.RunResult;
import meek.stats.OutputSummary;
import meek.stats.PairedDifference;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code compare.json} ({@code {"specs", "outputs": {name: {spec: {…quantiles}}}, "differences"}}, the key
 * names a contract), {@code compare.csv} and {@code compare.md}.
 */
public final class CompareReport {

  private CompareReport() {}

  /**
   * Writes compare.json, compare.csv, compare.md, compare_fan.png/.svg (the fans overlaid), references.bib and
   * manifest.json into the (staging) folder.
   */
  public static void write(Publish.Folder folder, Comparison c, RunOptions options, String version, long wallStart) throws IOException {
    Json.write(json(c), folder.file(ResultFiles.COMPARE));
    writeCsv(c, folder.file("compare.csv"));
    String markdown = markdown(c, version);
    Files.writeString(folder.file("compare.md"), markdown, StandardCharsets.UTF_8);
    RunResult first = c.runs().get(0);
    var chart = FanCharts.compareFans(c.runs().stream().map(RunResult::fan).toList(), c.runs().stream().map(r -> r.spec().title()).toList(),
        String.join(" vs ", c.runs().stream().map(r -> r.spec().name()).toList()),
        String.format("N = %s draws per spec, seed %d, common random numbers · meek %s", Numbers.count(first.samples()), first.seed(), version));
    ChartStyle.writePng(chart, folder.file("compare_fan.png"));
    ChartStyle.writeSvg(chart, folder.file("compare_fan.svg"));
    Files.writeString(folder.file("references.bib"), References.forSpecs(c.runs().stream().map(r -> r.spec().text()).toList()),
        StandardCharsets.UTF_8);
    new FolderManifest(ResultFiles.WrittenBy.COMPARE, version).specs(c.runs().stream().map(RunResult::spec).toList()).options(options)
        .write(folder.file(ResultFiles.MANIFEST), wallStart);
    Path report = folder.file(HtmlReport.FILE);
    HtmlReport.write(report.getParent(), report, markdown, ResultFiles.COMPARE,
        c.runs().stream().map(r -> new HtmlReport.Input("Spec as run: " + r.spec().source().getFileName(), r.spec().text())).toList(), Map.of());
  }

  static ObjectNode json(Comparison c) {
    ObjectNode root = Json.object();
    ArrayNode specs = root.putArray("specs");
    c.runs().forEach(r -> specs.add(r.spec().name()));
    RunResult first = c.runs().get(0);
    root.put("samples", first.samples());
    root.put("seed", first.seed());
    root.put("design", first.design());
    root.put("common_random_numbers", "each parameter draws from a stream keyed by its name: shared parameters have identical draws in every spec");
    ObjectNode outputs = root.putObject("outputs");
    for (RunResult r : c.runs()) {
      for (OutputSummary s : r.outputs()) {
        ObjectNode byName = outputs.has(s.output().name()) ? (ObjectNode) outputs.get(s.output().name()) : outputs.putObject(s.output().name());
        byName.set(r.spec().name(), Json.output(s));
      }
    }
    ObjectNode diffs = root.putObject("differences");
    c.differences().forEach((pair, byOutput) -> {
      ObjectNode p = diffs.putObject(pair);
      byOutput.forEach((name, d) -> {
        ObjectNode o = Json.output(d.summary());
        Json.number(o, "p_a_greater", d.pAGreater());
        o.set("p_a_greater_ci95", Json.pair(d.pLower(), d.pUpper()));
        o.put("both_never", d.bothNever());
        // JSON has no infinities and null reads as +∞; a difference can also be −∞ (only A reaches it): say which
        ObjectNode signs = Json.object();
        for (var q : d.summary().quantiles()) {
          if (Double.isInfinite(q.value())) {
            signs.put(q.key(), q.value() > 0 ? "+inf" : "-inf");
          }
        }
        if (!signs.isEmpty()) {
          o.set("quantiles_infinite", signs);
        }
        p.set(name, o);
      });
    });
    return root;
  }

  static void writeCsv(Comparison c, Path file) throws IOException {
    List<String> header = List.of("kind", "output", "spec_or_pair", "n", "mean", "p5", "p50", "p95", "p50_ci95_low", "p50_ci95_high", "p_a_greater", "p_a_greater_ci95_low", "p_a_greater_ci95_high");
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).setRecordSeparator('\n').get())) {
      for (RunResult r : c.runs()) {
        for (OutputSummary s : r.outputs()) {
          csv.printRecord(row("output", s, r.spec().name(), Double.NaN, Double.NaN, Double.NaN));
        }
      }
      for (Map.Entry<String, Map<String, PairedDifference>> e : c.differences().entrySet()) {
        for (PairedDifference d : e.getValue().values()) {
          csv.printRecord(row("difference", d.summary(), e.getKey(), d.pAGreater(), d.pLower(), d.pUpper()));
        }
      }
    }
  }

  private static List<Object> row(String kind, OutputSummary s, String who, double p, double lo, double hi) {
    List<Object> row = new ArrayList<>(List.of(kind, s.output().name(), who, s.n()));
    row.add(Cells.of(s.mean()));
    if (s.n() == 0) {
      row.addAll(List.of("", "", "", "", ""));
    } else {
      row.add(Cells.of(s.at(0.05).value()));
      row.add(Cells.of(s.at(0.5).value()));
      row.add(Cells.of(s.at(0.95).value()));
      row.add(Cells.of(s.at(0.5).ciLower()));
      row.add(Cells.of(s.at(0.5).ciUpper()));
    }
    row.add(Cells.of(p));
    row.add(Cells.of(lo));
    row.add(Cells.of(hi));
    return row;
  }

  static String markdown(Comparison c, String toolVersion) {
    RunResult first = c.runs().get(0);
    String sample = "N = " + Numbers.count(first.samples()) + " per spec, seed " + first.seed() + ", common random numbers";
    StringBuilder md = new StringBuilder("# Comparison: ");
    md.append(String.join(" vs ", c.runs().stream().map(r -> MarkdownText.escape(r.spec().title())).toList())).append("\n\n");
    md.append(sample).append("; meek ").append(toolVersion).append(".\n\n## Citable sentences\n\n");
    for (String sentence : sentences(c)) {
      md.append("- ").append(sentence).append("\n");
    }
    md.append("\n## Outputs: median [p5–p95]\n\n| output |");
    c.runs().forEach(r -> md.append(' ').append(r.spec().name()).append(" |"));
    md.append("\n|---|");
    c.runs().forEach(r -> md.append("---|"));
    md.append('\n');
    for (OutputSummary s0 : first.outputs()) {
      md.append("| `").append(s0.output().name()).append("` |");
      for (RunResult r : c.runs()) {
        OutputSummary s = r.outputs().stream().filter(o -> o.output().name().equals(s0.output().name())).findFirst().orElse(null);
        md.append(' ').append(s == null || s.n() == 0 ? "n/a" : interval(s)).append(" |");
      }
      md.append('\n');
    }
    md.append("\n## Paired differences: median [p5–p95], P(A > B) [95% CI]\n\n| pair | output | difference | P(A > B) |\n|---|---|---|---|\n");
    c.differences().forEach((pair, byOutput) -> byOutput.forEach((name, d) -> md.append("| ").append(pair).append(" | `").append(name)
        .append("` | ").append(d.summary().n() == 0 ? "n/a" : interval(d.summary())).append(" | ")
        .append(Numbers.probability(d.pAGreater())).append(" [").append(Numbers.probability(d.pLower())).append("–")
        .append(Numbers.probability(d.pUpper())).append("] |\n")));
    md.append("\nEach spec draws the same values for the parameters it shares with another (common random numbers), so")
        .append(" a paired difference is far more precise than a difference of two independent runs. Absolute loss gaps")
        .append(" are not comparable across scaling laws fitted on different corpora; peak times are (meek's docs/MODEL.md §2).\n\n")
        .append("![Fans overlaid](compare_fan.png)\n");
    return md.toString();
  }

  /**
   * The citable sentences: for each pair, when the gap peaks under one spec against the other, "later" or
   * "earlier" by the sign of the median paired difference. A draw where only one spec's gap peaks has a
   * difference of ±∞ (the other never peaks); draws where neither peaks are left out and counted.
   */
  public static List<String> sentences(Comparison c) {
    RunResult first = c.runs().get(0);
    String sample = "N = " + Numbers.count(first.samples()) + " per spec, seed " + first.seed() + ", common random numbers";
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Map<String, PairedDifference>> e : c.differences().entrySet()) {
      PairedDifference t = e.getValue().get(LossView.INFLECTION_TIME.name());
      if (t == null) {
        continue;
      }
      String[] names = e.getKey().split(" − ");
      String a = names[0];
      String b = names[1];
      OutputSummary d = t.summary();
      String neither = t.bothNever() == 0 ? "" : "; left out: " + Numbers.count(t.bothNever()) + " draws in which neither peaks";
      if (d.n() == 0) {
        out.add("No draw gives both " + a + " and " + b + " a peak to compare (" + sample + neither + ").");
        continue;
      }
      double m = d.at(0.5).value();
      String how;
      if (Double.isInfinite(m)) {
        how = "In the median draw the loss gap never peaks under " + (m > 0 ? a : b) + " while it does under " + (m > 0 ? b : a);
      } else if (m == 0) {
        how = "The loss gap peaks at the same time under " + a + " and under " + b;
      } else {
        how = "The loss gap peaks " + Numbers.sig(Math.abs(m), 3) + " years " + (m > 0 ? "later" : "earlier") + " under " + a + " than under " + b;
      }
      out.add(String.format("%s (median paired difference; 90%% interval %s; P(%s later) = %s, 95%% CI %s–%s; %s%s).",
          how, differences(d.at(0.05).value(), d.at(0.95).value(), a, b), a, Numbers.probability(t.pAGreater()),
          Numbers.probability(t.pLower()), Numbers.probability(t.pUpper()), sample, neither));
    }
    return out;
  }

  /** The interval of a paired difference in years, its unit after the finite ends. */
  private static String differences(double lo, double hi, String a, String b) {
    if (Double.isFinite(lo) && Double.isFinite(hi)) {
      return Numbers.sig(lo, 3) + " to " + Numbers.sig(hi, 3) + " years";
    }
    return difference(lo, a, b) + (Double.isFinite(lo) ? " years" : "") + " to " + difference(hi, a, b) + (Double.isFinite(hi) ? " years" : "");
  }

  /** A paired difference A − B: ±∞ where only one of the two peaks. */
  private static String difference(double v, String a, String b) {
    if (Double.isInfinite(v)) {
      return v > 0 ? "+∞ (only " + b + " peaks)" : "−∞ (only " + a + " peaks)";
    }
    return Numbers.sig(v, 3);
  }

  private static String interval(OutputSummary s) {
    return cell(s, s.at(0.5).value()) + " [" + cell(s, s.at(0.05).value()) + "–" + cell(s, s.at(0.95).value()) + "]";
  }

  /** A spec's value ("never", "unbounded" in words), or a difference's (±∞). */
  private static String cell(OutputSummary s, double v) {
    return Double.isInfinite(v) && s.output().description().startsWith("difference") ? (v > 0 ? "+∞" : "−∞") : Numbers.of(s.output(), v, 3);
  }


}
