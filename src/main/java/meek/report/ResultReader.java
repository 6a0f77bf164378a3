package meek.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import meek.InputException;
import meek.model.GapOutcome;
import meek.model.ScalarOutput;
import meek.stats.OutputSummary;
import meek.stats.QuantileEstimate;
import meek.stats.QuantileSummarizer;

/**
 * The typed reader of what meek wrote into results folders: {@code manifest.json} (a batch's resume),
 * {@code summary.json} (a batch's index, {@code cite}), {@code compare.json} and {@code batch.json}
 * ({@code cite}). A file that is missing a key or is not JSON is a one-line error naming the file and key.
 * Non-finite numbers were written as null; they read back as +∞ ("never") or, for a mean or sd, NaN.
 */
public final class ResultReader {

  private ResultReader() {}

  /** What makes a run the same run: a batch resumes a run whose manifest matches. */
  public record Manifest(String specSha256, long seed, long samples, String design) {}

  /** A run's {@code summary.json}. */
  public record Summary(String spec, String title, long samples, long seed, String design, List<OutputSummary> outputs,
      Map<GapOutcome, Long> counts, Map<String, Long> invalidByParameter) {

    /** An output by name, or null. */
    public OutputSummary output(String name) {
      return outputs.stream().filter(o -> o.output().name().equals(name)).findFirst().orElse(null);
    }
  }

  /** A comparison's {@code compare.json}: per spec its outputs, per pair "A − B" the paired differences. */
  public record Compared(List<String> specs, long samples, long seed, Map<String, List<OutputSummary>> bySpec,
      Map<String, List<OutputSummary>> differences) {}

  /** One run of a batch in {@code batch.json}. */
  public record BatchEntry(String name, String title, List<OutputSummary> outputs) {}

  /** A batch's {@code batch.json}. */
  public record Batched(long samples, long seed, List<BatchEntry> runs) {}

  public static Manifest manifest(Path folder) throws IOException {
    Path file = folder.resolve(ResultFiles.MANIFEST);
    JsonNode m = tree(file);
    return new Manifest(text(file, m, "spec_sha256"), number(file, m, "seed"), samples(file, m), text(file, m, "design"));
  }

  public static Summary summary(Path folder) throws IOException {
    return summary(folder, ResultFiles.SUMMARY);
  }

  /** The same from another file of summary.json's shape (a calibration's posterior.json). */
  public static Summary summary(Path folder, String fileName) throws IOException {
    Path file = folder.resolve(fileName);
    JsonNode s = tree(file);
    JsonNode counts = field(file, s, "counts");
    Map<GapOutcome, Long> byOutcome = new LinkedHashMap<>();
    for (GapOutcome o : GapOutcome.values()) {
      byOutcome.put(o, number(file, counts, o.key()));
    }
    Map<String, Long> invalid = new LinkedHashMap<>();
    JsonNode byParameter = field(file, counts, "invalid_by_parameter");
    byParameter.fieldNames().forEachRemaining(name -> invalid.put(name, number(file, byParameter, name)));
    long samples = samples(file, s);
    return new Summary(text(file, s, "spec"), s.path("title").asText(text(file, s, "spec")), samples,
        number(file, s, "seed"), s.path("design").asText("mc"), checked(file, outputs(file, field(file, s, "outputs")), samples), byOutcome, invalid);
  }

  public static Compared compared(Path folder) throws IOException {
    Path file = folder.resolve(ResultFiles.COMPARE);
    JsonNode c = tree(file);
    List<String> specs = new ArrayList<>();
    field(file, c, "specs").forEach(n -> specs.add(n.asText()));
    if (specs.size() < 2) {
      throw new InputException(file + ": specs: a comparison names at least two specs (got " + specs.size()
          + "); the folder is damaged: write it again with meek");
    }
    Map<String, List<OutputSummary>> bySpec = new LinkedHashMap<>();
    specs.forEach(spec -> bySpec.put(spec, new ArrayList<>()));
    for (Iterator<Map.Entry<String, JsonNode>> it = field(file, c, "outputs").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      for (String spec : specs) {
        if (e.getValue().has(spec)) {
          bySpec.get(spec).add(output(file, e.getKey(), e.getValue().get(spec)));
        }
      }
    }
    Map<String, List<OutputSummary>> differences = new LinkedHashMap<>();
    field(file, c, "differences").fields().forEachRemaining(e -> differences.put(e.getKey(), outputs(file, e.getValue())));
    long samples = samples(file, c);
    bySpec.values().forEach(list -> checked(file, list, samples));
    differences.values().forEach(list -> checked(file, list, samples));
    return new Compared(specs, samples, number(file, c, "seed"), bySpec, differences);
  }

  public static Batched batched(Path folder) throws IOException {
    Path file = folder.resolve(ResultFiles.BATCH);
    JsonNode b = tree(file);
    List<BatchEntry> runs = new ArrayList<>();
    long samples = samples(file, b);
    for (JsonNode run : field(file, b, "runs")) {
      runs.add(new BatchEntry(text(file, run, "name"), text(file, run, "title"), checked(file, outputs(file, field(file, run, "outputs")), samples)));
    }
    return new Batched(samples, number(file, b, "seed"), runs);
  }

  private static JsonNode tree(Path file) throws IOException {
    try {
      return Json.MAPPER.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new InputException(file + ": no such file; give a folder written by meek");
    } catch (JsonProcessingException e) {
      // Jackson's own wording names its internals (feature flags, "[Source: REDACTED"): give the line and the gist
      String gist = e.getOriginalMessage().split("\n")[0].replaceFirst(":\\s*enable .*$", "").replaceFirst("\\s*\\[Source:.*$", "")
          .replaceFirst("\\s*\\(`?\\w*Feature.*$", "").strip();
      throw new InputException(file + (e.getLocation() != null ? ":" + e.getLocation().getLineNr() : "") + ": not valid JSON (" + gist
          + "); the folder is damaged: write it again with meek");
    }
  }

  private static JsonNode field(Path file, JsonNode node, String key) {
    JsonNode v = node == null ? null : node.get(key);
    if (v == null || v.isNull()) {
      throw new InputException(file + ": " + key + ": missing; the folder is damaged or not meek's: write it again with meek");
    }
    return v;
  }

  private static String text(Path file, JsonNode node, String key) {
    return field(file, node, key).asText();
  }

  /**
   * Outputs that fit their run: at least one, each counted over at most the run's draws, its infinite ones
   * among them, its start year a calendar year. A file edited by hand could say anything else; cite must not repeat it.
   */
  private static List<OutputSummary> checked(Path file, List<OutputSummary> outputs, long samples) {
    if (outputs.isEmpty()) {
      throw new InputException(file + ": outputs: none; the folder is damaged: write it again with meek");
    }
    for (OutputSummary o : outputs) {
      String name = o.output().name();
      if (o.n() < 0 || o.n() > samples || o.infinite() < 0 || o.infinite() > o.n()) {
        throw new InputException(file + ": " + name + ": counts " + o.n() + " draws (" + o.infinite() + " infinite) of " + samples
            + "; the folder is damaged: write it again with meek");
      }
      double after = o.output().startYear();
      if (!Double.isNaN(after) && !(Math.abs(after) <= 9999)) {
        throw new InputException(file + ": " + name + ".after_year: " + after + " is no calendar year; the folder is damaged: write it again with meek");
      }
    }
    return outputs;
  }

  /** The draws of a run: at least one. */
  private static long samples(Path file, JsonNode node) {
    long n = number(file, node, "samples");
    if (n < 1) {
      throw new InputException(file + ": samples: " + n + " draws; the folder is damaged: write it again with meek");
    }
    return n;
  }

  private static long number(Path file, JsonNode node, String key) {
    JsonNode v = field(file, node, key);
    if (v.isNumber() && !v.isIntegralNumber() && v.asDouble() == Math.rint(v.asDouble()) && Math.abs(v.asDouble()) < 9e18) {
      return (long) v.asDouble(); // 2e3 and 2000.0 are whole numbers too
    }
    if (!v.isIntegralNumber()) {
      throw new InputException(file + ": " + key + ": not a whole number (got " + v + "); the folder is damaged: write it again with meek");
    }
    return v.asLong();
  }

  private static List<OutputSummary> outputs(Path file, JsonNode outputs) {
    List<OutputSummary> list = new ArrayList<>();
    outputs.fields().forEachRemaining(e -> list.add(output(file, e.getKey(), e.getValue())));
    return list;
  }

  /** One output's block, as {@link Json#output} writes it; a calendar year is an output without a unit. */
  private static OutputSummary output(Path file, String name, JsonNode o) {
    String unit = o.path("unit").asText("");
    List<QuantileEstimate> quantiles = new ArrayList<>();
    JsonNode ci = o.path("ci95");
    JsonNode signs = o.path("quantiles_infinite"); // a paired difference's −∞ quantiles (compare.json)
    double previous = Double.NEGATIVE_INFINITY;
    for (double p : QuantileSummarizer.PROBABILITIES) {
      String key = QuantileEstimate.key(p);
      if (o.has(key)) {
        JsonNode pair = ci.path(key);
        double v = "-inf".equals(signs.path(key).asText()) ? Double.NEGATIVE_INFINITY : value(file, name + "." + key, o.get(key));
        // a null lower end is +∞ under a value of +∞ ("never", with confidence), else unbounded below (too few draws)
        double lo = pair.path(0).isNull() && v != Double.POSITIVE_INFINITY ? Double.NEGATIVE_INFINITY : value(file, name + ".ci95." + key, pair.path(0));
        double hi = value(file, name + ".ci95." + key, pair.path(1));
        // quantiles rise with p and each lies in its interval: anything else is a damaged file, not a result to cite
        if (v < previous || lo > v || hi < v) {
          throw new InputException(file + ": " + name + "." + key + ": " + (v < previous ? "below the quantile before it" : "outside its own 95% interval")
              + "; the folder is damaged: write it again with meek");
        }
        previous = v;
        quantiles.add(new QuantileEstimate(p, v, lo, hi));
      }
    }
    double after = o.has("after_year") ? value(file, name + ".after_year", o.get("after_year")) : Double.NaN;
    return new OutputSummary(new ScalarOutput(name, unit, "", unit.isEmpty(), after), number(file, o, "n"), o.path("n_infinite").asLong(0),
        moment(o.path("mean")), moment(o.path("sd")), quantiles);
  }

  /** A quantile: null is "never" (+∞). */
  private static double value(Path file, String key, JsonNode n) {
    if (n.isNull()) {
      return Double.POSITIVE_INFINITY;
    }
    if (!n.isNumber()) {
      throw new InputException(file + ": " + key + ": not a number (got " + n + "); the folder is damaged: write it again with meek");
    }
    return n.asDouble();
  }

  private static double moment(JsonNode n) {
    return n.isNumber() ? n.asDouble() : Double.NaN;
  }
}
