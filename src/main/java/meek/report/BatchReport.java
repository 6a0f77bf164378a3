package meek.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import meek.spec.Batch;
import meek.stats.RunOptions;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** A batch's index: batch.json, batch.csv, batch.md and the forest plot, made from its runs' summary.json. */
public final class BatchReport {

  /** Outputs in batch.csv and batch.md, with their median, p5 and p95. */
  static final List<String> INDEXED =
      List.of("inflection_time_years", "inflection_year", "peak_gap_nats", "half_gap_time_years", "tenth_gap_time_years");

  private BatchReport() {}

  /** Reads each run's summary.json and writes the index files, each atomically. */
  public static void writeIndex(Batch batch, Path target, RunOptions options, String version) throws IOException {
    List<JsonNode> summaries = new ArrayList<>();
    for (Batch.Run run : batch.runs()) {
      summaries.add(JsonReport.MAPPER.readTree(target.resolve(run.name()).resolve("summary.json").toFile()));
    }
    ObjectNode json = json(batch, summaries, options);
    atomically(target.resolve("batch.json"), f -> JsonReport.write(json, f));
    atomically(target.resolve("batch.csv"), f -> writeCsv(batch, summaries, f));
    atomically(target.resolve("batch.md"), f -> Files.writeString(f, markdown(batch, summaries, options, version), StandardCharsets.UTF_8));
    List<String> rows = batch.runs().stream().map(Batch.Run::name).toList();
    int n = rows.size();
    double[] median = new double[n];
    double[] low = new double[n];
    double[] high = new double[n];
    for (int i = 0; i < n; i++) {
      JsonNode t = summaries.get(i).at("/outputs/inflection_time_years");
      median[i] = value(t, "p50");
      low[i] = value(t, "p5");
      high[i] = value(t, "p95");
    }
    var chart = Charts.forest(rows, median, low, high,
        "Inflection time t* (years after the baseline)", batch.title() + ": when the gap peaks",
        String.format("N = %s draws per run, seed %d · %s · meek %s", Numbers.count(options.samples()), options.seed(),
            batch.source().getFileName(), version));
    atomically(target.resolve("forest.png"), f -> Charts.writePng(chart, f));
    atomically(target.resolve("forest.svg"), f -> Charts.writeSvg(chart, f));
  }

  static ObjectNode json(Batch batch, List<JsonNode> summaries, RunOptions options) {
    ObjectNode root = JsonReport.MAPPER.createObjectNode();
    root.put("batch", batch.name());
    root.put("title", batch.title());
    root.put("batch_file", batch.source().toString());
    root.put("kind", batch.kind());
    root.put("samples", options.samples());
    root.put("seed", options.seed());
    root.put("design", options.design().name().toLowerCase());
    ArrayNode runs = root.putArray("runs");
    for (int i = 0; i < summaries.size(); i++) {
      Batch.Run run = batch.runs().get(i);
      ObjectNode r = runs.addObject();
      r.put("name", run.name());
      r.put("folder", run.name());
      r.put("title", run.spec().title());
      r.put("base", run.base().getFileName().toString());
      r.set("overrides", JsonReport.MAPPER.valueToTree(run.overrides()));
      r.put("spec_sha256", run.spec().sha256());
      r.set("outputs", summaries.get(i).get("outputs"));
      r.set("counts", summaries.get(i).get("counts"));
    }
    return root;
  }

  private static Set<String> overrideKeys(Batch batch) {
    Set<String> keys = new LinkedHashSet<>();
    batch.runs().forEach(r -> keys.addAll(r.overrides().keySet()));
    return keys;
  }

  static void writeCsv(Batch batch, List<JsonNode> summaries, Path file) throws IOException {
    Set<String> keys = overrideKeys(batch);
    List<String> header = new ArrayList<>(List.of("run", "base"));
    header.addAll(keys);
    for (String o : INDEXED) {
      header.addAll(List.of(o + "_p50", o + "_p5", o + "_p95"));
    }
    header.addAll(List.of("inflection_time_years_p50_ci95_low", "inflection_time_years_p50_ci95_high", "never_converges", "samples", "seed"));
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).setRecordSeparator('\n').get())) {
      for (int i = 0; i < summaries.size(); i++) {
        Batch.Run run = batch.runs().get(i);
        JsonNode s = summaries.get(i);
        List<Object> row = new ArrayList<>(List.of(run.name(), run.base().getFileName().toString()));
        for (String k : keys) {
          row.add(run.overrides().getOrDefault(k, ""));
        }
        for (String o : INDEXED) {
          JsonNode out = s.at("/outputs/" + o);
          for (String q : List.of("p50", "p5", "p95")) {
            row.add(cell(out.path(q)));
          }
        }
        JsonNode ci = s.at("/outputs/inflection_time_years/ci95/p50");
        row.add(cell(ci.path(0)));
        row.add(cell(ci.path(1)));
        row.add(s.at("/counts/never_converges").asLong());
        row.add(s.get("samples").asLong());
        row.add(s.get("seed").asLong());
        csv.printRecord(row);
      }
    }
  }

  private static Object cell(JsonNode n) {
    return n.isNumber() ? (Object) n.asDouble() : ""; // empty: not finite ("never")
  }

  static String markdown(Batch batch, List<JsonNode> summaries, RunOptions options, String version) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(batch.title()).append("\n\n");
    md.append("Batch `").append(batch.source().getFileName()).append("`: ").append(batch.runs().size()).append(" runs (")
        .append(batch.kind()).append("), N = ").append(Numbers.count(options.samples())).append(" draws each, seed ")
        .append(options.seed()).append(", design ").append(options.design().name().toLowerCase()).append(".\n\n");
    md.append("| run | overrides | t* (years), median [p5–p95] | peak gap (nats), median [p5–p95] | gap below half its peak (years) |\n|---|---|---|---|---|\n");
    for (int i = 0; i < summaries.size(); i++) {
      Batch.Run run = batch.runs().get(i);
      JsonNode o = summaries.get(i).get("outputs");
      String overrides = run.overrides().isEmpty() ? "`" + run.base().getFileName() + "`"
          : String.join(", ", run.overrides().entrySet().stream().map(e -> "`" + e.getKey() + "` = `" + e.getValue() + "`").toList());
      md.append("| [").append(run.name()).append("](").append(run.name()).append("/summary.md) | ").append(overrides).append(" | ")
          .append(interval(o.get("inflection_time_years"))).append(" | ").append(interval(o.get("peak_gap_nats"))).append(" | ")
          .append(interval(o.get("half_gap_time_years"))).append(" |\n");
    }
    md.append("\n![t* across runs](forest.png)\n\n## Sentences\n\n");
    for (int i = 0; i < summaries.size(); i++) {
      Batch.Run run = batch.runs().get(i);
      JsonNode t = summaries.get(i).at("/outputs/inflection_time_years");
      JsonNode p = summaries.get(i).at("/outputs/peak_gap_nats");
      String with = run.overrides().isEmpty() ? "With " + run.base().getFileName()
          : "With " + String.join(" and ", run.overrides().entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).toList());
      md.append("- ").append(with).append(", the loss gap peaks after ").append(Numbers.sig(value(t, "p50"), 3))
          .append(" years (median; 90% interval ").append(Numbers.sig(value(t, "p5"), 3)).append("–").append(Numbers.sig(value(t, "p95"), 3))
          .append(") at ").append(Numbers.sig(value(p, "p50"), 3)).append(" nats (").append(Numbers.sig(value(p, "p5"), 3)).append("–")
          .append(Numbers.sig(value(p, "p95"), 3)).append("); N = ").append(Numbers.count(options.samples())).append(", seed ")
          .append(options.seed()).append(".\n");
    }
    md.append("\nEach run's folder holds its full results (summary.md, fan chart, quantiles.csv) and the composed `spec.yaml`, which")
        .append(" `meek run` reproduces. meek ").append(version).append("\n");
    return md.toString();
  }

  private static String interval(JsonNode o) {
    return Numbers.sig(value(o, "p50"), 3) + " [" + Numbers.sig(value(o, "p5"), 3) + "–" + Numbers.sig(value(o, "p95"), 3) + "]";
  }

  /** A quantile from summary.json; null there means not finite: never. */
  private static double value(JsonNode o, String key) {
    JsonNode n = o == null ? null : o.get(key);
    return n == null || n.isNull() ? Double.POSITIVE_INFINITY : n.asDouble();
  }

  interface FileWriter {
    void write(Path file) throws IOException;
  }

  /** Writes a hidden sibling, then renames it into place: a reader sees the old file or the new, never half of one. */
  static void atomically(Path file, FileWriter writer) throws IOException {
    Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName() + ".", ".tmp");
    try {
      writer.write(tmp);
      ResultFolder.readableByAll(tmp, "rw-r--r--");
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
