package meek.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import meek.model.GapOutcome;
import meek.model.LossView;
import meek.model.ScalarOutput;
import meek.run.BatchPlan;
import meek.run.RunOptions;
import meek.stats.OutputSummary;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A batch's index, made from its runs' {@code summary.json} (read back with {@link ResultReader}, so runs
 * done by an earlier invocation count alike): batch.json, batch.csv, batch.md and the forest plot, each
 * published atomically.
 */
public final class BatchIndex {

  /** Outputs in batch.csv and batch.md, with their median, p5 and p95. */
  static final List<ScalarOutput> INDEXED = List.of(LossView.INFLECTION_TIME, LossView.INFLECTION_YEAR, LossView.PEAK_GAP,
      LossView.HALF_GAP_TIME, LossView.TENTH_GAP_TIME);

  private BatchIndex() {}

  /** Reads each run's summary.json and writes the index files. */
  public static void write(BatchPlan batch, Path target, RunOptions options, String version) throws IOException {
    List<ResultReader.Summary> summaries = new ArrayList<>();
    for (BatchPlan.Job run : batch.jobs()) {
      summaries.add(ResultReader.summary(target.resolve(run.name())));
    }
    ObjectNode json = json(batch, summaries, options);
    Publish.write(target.resolve(ResultFiles.BATCH), f -> Json.write(json, f));
    Publish.write(target.resolve("batch.csv"), f -> writeCsv(batch, summaries, f));
    String markdown = markdown(batch, summaries, options, version);
    Publish.write(target.resolve("batch.md"), f -> Files.writeString(f, markdown, StandardCharsets.UTF_8));
    List<String> rows = batch.jobs().stream().map(BatchIndex::label).toList();
    int n = rows.size();
    double[] median = new double[n];
    double[] low = new double[n];
    double[] high = new double[n];
    for (int i = 0; i < n; i++) {
      OutputSummary t = summaries.get(i).output(LossView.INFLECTION_TIME.name());
      median[i] = value(t, 0.5);
      low[i] = value(t, 0.05);
      high[i] = value(t, 0.95);
    }
    var chart = ForestChart.forest(rows, median, low, high,
        "Inflection time t* (years after the baseline)", batch.title(),
        String.format("N = %s draws per run, seed %d · %s · meek %s", Numbers.count(options.samples()), options.seed(),
            batch.source().getFileName(), version));
    Publish.write(target.resolve("forest.png"), f -> ChartStyle.writePng(chart, f));
    Publish.write(target.resolve("forest.svg"), f -> ChartStyle.writeSvg(chart, f));
    Publish.write(target.resolve(HtmlReport.FILE), f -> HtmlReport.write(target, f, markdown, ResultFiles.BATCH,
        List.of(new HtmlReport.Input("The batch file as run: " + batch.source().getFileName(), batch.text())), java.util.Map.of()));
  }

  /**
   * A run as a reader names it: its overrides ("g_inv = 1.5, alpha ~ normal(mean 0.05, sd 0.005)"), or its
   * base spec's file when it overrides nothing; not the folder name, which is made safe for a file system.
   */
  static String label(BatchPlan.Job job) {
    if (job.overrides().isEmpty()) {
      return job.base().getFileName().toString();
    }
    return String.join(", ", job.overrides().entrySet().stream().map(e -> {
      String v = e.getValue().trim();
      if (v.startsWith("{") && v.endsWith("}")) { // a distribution: {dist: normal, mean: 0.05, sd: 0.005}
        String inner = v.substring(1, v.length() - 1).trim();
        String dist = inner.replaceFirst("^dist:\\s*([^,]+).*$", "$1").trim();
        String rest = inner.replaceFirst("^dist:\\s*[^,]+,?\\s*", "").replace(":", "");
        return e.getKey() + " ~ " + dist + (rest.isEmpty() ? "" : "(" + rest + ")");
      }
      return e.getKey() + " = " + v;
    }).toList());
  }

  static ObjectNode json(BatchPlan batch, List<ResultReader.Summary> summaries, RunOptions options) {
    ObjectNode root = Json.object();
    root.put("batch", batch.name());
    root.put("title", batch.title());
    root.put("batch_file", batch.source().toString());
    root.put("kind", batch.kind());
    root.put("samples", options.samples());
    root.put("seed", options.seed());
    root.put("design", options.designName());
    ArrayNode runs = root.putArray("runs");
    for (int i = 0; i < summaries.size(); i++) {
      BatchPlan.Job run = batch.jobs().get(i);
      ResultReader.Summary s = summaries.get(i);
      ObjectNode r = runs.addObject();
      r.put("name", run.name());
      r.put("folder", run.name());
      r.put("title", run.title());
      r.put("base", run.base().getFileName().toString());
      r.set("overrides", Json.MAPPER.valueToTree(run.overrides()));
      r.put("spec_sha256", run.sha256());
      ObjectNode outputs = r.putObject("outputs");
      s.outputs().forEach(o -> outputs.set(o.output().name(), Json.output(o)));
      ObjectNode counts = r.putObject("counts");
      s.counts().forEach((outcome, count) -> counts.put(outcome.key(), count));
      ObjectNode invalid = counts.putObject("invalid_by_parameter");
      s.invalidByParameter().forEach(invalid::put);
    }
    return root;
  }

  private static Set<String> overrideKeys(BatchPlan batch) {
    Set<String> keys = new LinkedHashSet<>();
    batch.jobs().forEach(r -> keys.addAll(r.overrides().keySet()));
    return keys;
  }

  static void writeCsv(BatchPlan batch, List<ResultReader.Summary> summaries, Path file) throws IOException {
    Set<String> keys = overrideKeys(batch);
    List<String> header = new ArrayList<>(List.of("run", "base"));
    header.addAll(keys);
    for (ScalarOutput o : INDEXED) {
      header.addAll(List.of(o.name() + "_p50", o.name() + "_p5", o.name() + "_p95"));
    }
    String tStar = LossView.INFLECTION_TIME.name();
    header.addAll(List.of(tStar + "_p50_ci95_low", tStar + "_p50_ci95_high", "never_converges", "samples", "seed"));
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).setRecordSeparator('\n').get())) {
      for (int i = 0; i < summaries.size(); i++) {
        BatchPlan.Job run = batch.jobs().get(i);
        ResultReader.Summary s = summaries.get(i);
        List<Object> row = new ArrayList<>(List.of(run.name(), run.base().getFileName().toString()));
        for (String k : keys) {
          row.add(run.overrides().getOrDefault(k, ""));
        }
        for (ScalarOutput o : INDEXED) {
          OutputSummary out = s.output(o.name());
          for (double p : new double[] {0.5, 0.05, 0.95}) {
            row.add(Cells.of(out == null || out.n() == 0 ? Double.NaN : out.at(p).value()));
          }
        }
        OutputSummary t = s.output(tStar);
        row.add(Cells.of(t == null || t.n() == 0 ? Double.NaN : t.at(0.5).ciLower()));
        row.add(Cells.of(t == null || t.n() == 0 ? Double.NaN : t.at(0.5).ciUpper()));
        row.add(s.counts().get(GapOutcome.NEVER_CONVERGES));
        row.add(s.samples());
        row.add(s.seed());
        csv.printRecord(row);
      }
    }
  }

  static String markdown(BatchPlan batch, List<ResultReader.Summary> summaries, RunOptions options, String version) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(MarkdownText.escape(batch.title())).append("\n\n");
    md.append("Batch `").append(batch.source().getFileName()).append("`: ").append(batch.jobs().size()).append(" runs (")
        .append(batch.kind()).append("), N = ").append(Numbers.count(options.samples())).append(" draws each, seed ")
        .append(options.seed()).append(", design ").append(options.designName()).append(".\n\n");
    md.append("| run | overrides | t* (years), median [p5–p95] | peak gap (nats), median [p5–p95] | gap below half its peak (years) |\n|---|---|---|---|---|\n");
    for (int i = 0; i < summaries.size(); i++) {
      BatchPlan.Job run = batch.jobs().get(i);
      ResultReader.Summary s = summaries.get(i);
      String overrides = run.overrides().isEmpty() ? "`" + run.base().getFileName() + "`"
          : String.join(", ", run.overrides().entrySet().stream().map(e -> "`" + e.getKey() + "` = `" + e.getValue() + "`").toList());
      md.append("| [").append(run.name()).append("](").append(run.name()).append("/summary.md) | ").append(overrides).append(" | ")
          .append(interval(s.output(LossView.INFLECTION_TIME.name()))).append(" | ").append(interval(s.output(LossView.PEAK_GAP.name())))
          .append(" | ").append(interval(s.output(LossView.HALF_GAP_TIME.name()))).append(" |\n");
    }
    md.append("\n![t* across runs](forest.png)\n\n## Sentences\n\n");
    for (int i = 0; i < summaries.size(); i++) {
      BatchPlan.Job run = batch.jobs().get(i);
      OutputSummary t = summaries.get(i).output(LossView.INFLECTION_TIME.name());
      OutputSummary p = summaries.get(i).output(LossView.PEAK_GAP.name());
      String with = run.overrides().isEmpty() ? "With " + run.base().getFileName()
          : "With " + String.join(" and ", run.overrides().entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).toList());
      md.append("- ").append(with).append(", ").append(Sentences.peakClause(t, p, options.samples()));
      md.append("; N = ").append(Numbers.count(options.samples())).append(", seed ").append(options.seed()).append(".\n");
    }
    md.append("\nEach run's folder holds its full results (summary.md, fan chart, quantiles.csv) and the composed `spec.yaml`, which")
        .append(" `meek run` reproduces. meek ").append(version).append("\n");
    return md.toString();
  }

  private static String interval(OutputSummary o) {
    if (o == null || o.n() == 0) {
      return "not defined in any draw";
    }
    return Numbers.of(o.output(), o.at(0.5).value(), 3) + " [" + Sentences.range(o, "") + "]";
  }

  /** A quantile of an output; NaN where no draw defines it (no SOTA advantage: nothing to plot). */
  private static double value(OutputSummary o, double p) {
    return o == null || o.n() == 0 ? Double.NaN : o.at(p).value();
  }
}
