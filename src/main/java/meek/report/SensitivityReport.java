package meek.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import meek.model.LossView;
import meek.model.ScalarOutput;
import meek.run.Sensitivity;
import meek.run.SensitivityOutputs;
import meek.stats.RankCorrelations;
import meek.stats.SobolIndices;
import meek.stats.Tornado;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** {@code sensitivity.json} and {@code sensitivity.csv} (long format); the words are {@link SensitivityMarkdown}'s. */
public final class SensitivityReport {

  /** Below this total index an input is said to "matter little". */
  static final double SMALL_INDEX = 0.01;

  private SensitivityReport() {}

  static final String SPEARMAN_METHOD =
      "Spearman rank correlation of each input with the output, and partial rank correlation (PRCC: the correlation of the"
          + " ranks after the other inputs' ranks are regressed out), over the draws where the output is defined; 95% CIs from"
          + " Fisher's z (Bonett-Wright standard error for Spearman, n-3-(d-1) degrees of freedom for PRCC)";
  static final String TORNADO_METHOD =
      "one at a time: the output with every input at its median (base), then with one input at its 5th and at its 95th"
          + " percentile while the others stay at their medians (deterministic: no sampling error; ignores correlations)";
  static final String SOBOL_METHOD =
      "Saltelli design with N independent Monte Carlo rows of A and B (N*(d+2) model runs); first-order index by"
          + " Saltelli et al. (2010), total index by Jansen (1999); 95% CIs are bootstrap percentile intervals over rows;"
          + " estimates below 0 are sampling error around a small index and are reported as they are, flagged negative;"
          + " inputs are taken as independent (a spec's correlations are not used)";

  /** Outputs that get charts (besides the gap at each chosen year): the headline ones. */
  public static final List<ScalarOutput> CHARTED = List.of(LossView.INFLECTION_TIME, LossView.PEAK_GAP);

  /**
   * Writes sensitivity.json, sensitivity.csv, sensitivity.md, the tornado and Sobol charts of the headline
   * outputs and of each year's gap, references.bib and manifest.json into the (staging) folder.
   */
  public static void write(Publish.Folder folder, Sensitivity s, String version, long wallStart) throws IOException {
    Json.write(json(s), folder.file("sensitivity.json"));
    writeCsv(s, folder.file("sensitivity.csv"));
    String markdown = SensitivityMarkdown.markdown(s, version);
    Files.writeString(folder.file("sensitivity.md"), markdown, StandardCharsets.UTF_8);
    String footnote = String.format("%s · seed %d · meek %s", s.spec().name(), s.options().seed(), version);
    for (int k = 0; k < s.outputs().size(); k++) {
      if (charted(s.outputs().get(k)) || s.outputs().get(k).name().startsWith(SensitivityOutputs.GAP_PREFIX)) {
        SensitivityCharts.write(s, k, folder::file, footnote);
      }
    }
    Files.writeString(folder.file("references.bib"), References.forSpecs(List.of(s.spec().text())), StandardCharsets.UTF_8);
    new FolderManifest(ResultFiles.WrittenBy.SENSITIVITY, version).specs(List.of(s.spec())).options(s.options()).write(folder.file(ResultFiles.MANIFEST), wallStart);
    java.nio.file.Path report = folder.file(HtmlReport.FILE);
    HtmlReport.write(report.getParent(), report, markdown, "sensitivity.json",
        List.of(new HtmlReport.Input("Spec as run: " + s.spec().source().getFileName(), s.spec().text())), java.util.Map.of());
  }

  /** Whether an output is one of the headline ones. */
  public static boolean charted(ScalarOutput o) {
    return CHARTED.stream().anyMatch(c -> c.name().equals(o.name()));
  }

  static ObjectNode json(Sensitivity s) {
    ObjectNode root = Json.object();
    root.put("spec", s.spec().name());
    root.put("title", s.spec().title());
    root.put("seed", s.options().seed());
    root.set("inputs", Json.MAPPER.valueToTree(s.inputs()));
    ArrayNode methods = root.putArray("methods");
    ObjectNode described = Json.object();
    if (s.ranks() != null) {
      methods.add("spearman");
      ObjectNode m = described.putObject("spearman");
      m.put("samples", s.options().samples());
      m.put("design", s.options().designName());
      m.put("correlations_used", s.correlated());
      m.put("description", SPEARMAN_METHOD);
    }
    if (s.tornado() != null) {
      methods.add("tornado");
      described.putObject("tornado").put("description", TORNADO_METHOD);
    }
    if (s.sobol() != null) {
      methods.add("sobol");
      ObjectNode m = described.putObject("sobol");
      m.put("rows", s.sobolRows());
      m.put("model_runs", (long) s.sobolRows() * (s.inputs().size() + 2));
      m.put("bootstrap_resamples", s.bootstrap());
      m.put("correlations_ignored", s.correlated());
      m.put("description", SOBOL_METHOD);
    }
    ObjectNode outputs = root.putObject("outputs");
    for (int k = 0; k < s.outputs().size(); k++) {
      ScalarOutput o = s.outputs().get(k);
      ObjectNode out = outputs.putObject(o.name());
      out.put("unit", o.unit());
      out.put("description", o.description());
      if (s.ranks() != null) {
        RankCorrelations r = s.ranks()[k];
        ObjectNode sp = out.putObject("spearman");
        sp.put("n", r.n());
        sp.put("dropped_undefined", r.dropped());
        ObjectNode by = sp.putObject("inputs");
        for (int i = 0; i < s.inputs().size(); i++) {
          ObjectNode in = by.putObject(s.inputs().get(i));
          Json.number(in, "rho", r.spearman()[i]);
          in.set("rho_ci95", Json.pair(r.spearmanLow()[i], r.spearmanHigh()[i]));
          Json.number(in, "prcc", r.prcc()[i]);
          in.set("prcc_ci95", Json.pair(r.prccLow()[i], r.prccHigh()[i]));
        }
      }
      if (s.tornado() != null) {
        Tornado t = s.tornado();
        ObjectNode to = out.putObject("tornado");
        Json.number(to, "base", t.base()[k]);
        ObjectNode by = to.putObject("inputs");
        for (int i = 0; i < s.inputs().size(); i++) {
          ObjectNode in = by.putObject(s.inputs().get(i));
          in.put("input_p5", t.lowInput()[i]);
          in.put("input_p95", t.highInput()[i]);
          Json.number(in, "output_at_p5", t.low()[i][k]);
          Json.number(in, "output_at_p95", t.high()[i][k]);
          Json.number(in, "swing", t.swing(i, k));
        }
      }
      if (s.sobol() != null) {
        SobolIndices so = s.sobol()[k];
        ObjectNode sj = out.putObject("sobol");
        sj.put("rows", so.rows());
        sj.put("dropped_not_finite", so.dropped());
        Json.number(sj, "variance", so.variance());
        ObjectNode by = sj.putObject("inputs");
        for (int i = 0; i < s.inputs().size(); i++) {
          ObjectNode in = by.putObject(s.inputs().get(i));
          Json.number(in, "first", so.first()[i]);
          in.set("first_ci95", Json.pair(so.firstLow()[i], so.firstHigh()[i]));
          Json.number(in, "total", so.total()[i]);
          in.set("total_ci95", Json.pair(so.totalLow()[i], so.totalHigh()[i]));
          in.put("negative", so.negative(i));
        }
      }
    }
    root.set("method", described);
    return root;
  }

  /** Long format: one row per output, input, method and statistic. */
  static void writeCsv(Sensitivity s, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder()
            .setHeader("output", "input", "method", "statistic", "value", "ci95_low", "ci95_high", "n")
            .setRecordSeparator('\n').get())) {
      for (int k = 0; k < s.outputs().size(); k++) {
        String o = s.outputs().get(k).name();
        for (int i = 0; i < s.inputs().size(); i++) {
          String in = s.inputs().get(i);
          if (s.ranks() != null) {
            RankCorrelations r = s.ranks()[k];
            csv.printRecord(o, in, "spearman", "rho", Cells.of(r.spearman()[i]), Cells.of(r.spearmanLow()[i]), Cells.of(r.spearmanHigh()[i]), r.n());
            csv.printRecord(o, in, "spearman", "prcc", Cells.of(r.prcc()[i]), Cells.of(r.prccLow()[i]), Cells.of(r.prccHigh()[i]), r.n());
          }
          if (s.tornado() != null) {
            Tornado t = s.tornado();
            csv.printRecord(o, in, "tornado", "output_at_p5", Cells.of(t.low()[i][k]), "", "", 1);
            csv.printRecord(o, in, "tornado", "output_at_p95", Cells.of(t.high()[i][k]), "", "", 1);
            csv.printRecord(o, in, "tornado", "swing", Cells.of(t.swing(i, k)), "", "", 1);
          }
          if (s.sobol() != null) {
            SobolIndices so = s.sobol()[k];
            csv.printRecord(o, in, "sobol", "first", Cells.of(so.first()[i]), Cells.of(so.firstLow()[i]), Cells.of(so.firstHigh()[i]), so.rows());
            csv.printRecord(o, in, "sobol", "total", Cells.of(so.total()[i]), Cells.of(so.totalLow()[i]), Cells.of(so.totalHigh()[i]), so.rows());
          }
        }
      }
    }
  }

}
