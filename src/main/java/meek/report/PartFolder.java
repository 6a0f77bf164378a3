package meek.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import meek.Build;
import meek.InputException;
import meek.model.Metric;
import meek.run.MergedRun;
import meek.run.RunAggregates;
import meek.run.RunOptions;
import meek.sampling.MonteCarloEngine;
import meek.spec.Spec;

/**
 * A part folder ({@code meek run --part I/K}): {@value #DATA}, the part's aggregates in the binary format of
 * {@link RunAggregates#FORMAT}, and manifest.json (kind "part"): the run it belongs to (spec and data files
 * with their SHA-256, seed, samples, design, quantile mode, fans, views, meek's version), the part's block
 * range, and the SHA-256 of {@value #DATA}. {@code meek merge} reads these back and refuses parts that do
 * not belong together, overlap, leave blocks out, or no longer match their checksum.
 */
public final class PartFolder {

  /** The part's numbers. */
  public static final String DATA = "part.bin";

  private PartFolder() {}

  /**
   * What a part records of its run.
   *
   * @param specFile the spec as given on the command line
   * @param metrics the views asked for with --metric, or null (all the spec configures)
   */
  public record Info(Spec spec, Path specFile, List<Metric> metrics, RunOptions options, int part, int parts, String version,
      Instant started, double computeSeconds) {}

  /** Writes a part's folder: its numbers, then the manifest that names their checksum. */
  public static void write(Publish.Folder folder, RunAggregates aggregates, Info info) throws IOException {
    MessageDigest sha = sha256();
    Path data = folder.file(DATA);
    try (OutputStream file = Files.newOutputStream(data);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new DigestOutputStream(file, sha), 1 << 16))) {
      aggregates.write(out);
    }
    ObjectNode root = Json.object();
    root.put("tool", "meek");
    root.put("kind", ResultFiles.WrittenBy.PART.key());
    root.put("format", RunAggregates.FORMAT);
    root.put("tool_version", info.version());
    root.put("tool_commit", Build.commit());
    root.put("java_version", System.getProperty("java.version"));
    root.put("spec_file", info.specFile().toString());
    root.put("spec_path", info.specFile().toAbsolutePath().normalize().toString());
    root.put("spec_sha256", info.spec().sha256());
    ArrayNode inputs = root.putArray("data_files");
    for (Path input : info.spec().inputs().subList(1, info.spec().inputs().size())) {
      ObjectNode in = inputs.addObject();
      in.put("file", input.toAbsolutePath().normalize().toString());
      in.put("sha256", sha256(input));
    }
    if (info.metrics() != null) {
      ArrayNode metrics = root.putArray("metrics");
      // in the model's order, once each: the results do not depend on how --metric listed them, so neither does the check
      info.metrics().stream().distinct().sorted().forEach(m -> metrics.add(m.key()));
    }
    RunOptions o = info.options();
    root.put("seed", o.seed());
    root.put("samples", o.samples());
    root.put("design", o.designName());
    root.put("quantiles", aggregates.exact() ? "exact" : "sketch");
    root.put("fans", o.fans());
    root.put("block_size", MonteCarloEngine.BLOCK_SIZE);
    root.put("blocks", MonteCarloEngine.blocks(o.samples()));
    root.put("part", info.part());
    root.put("parts", info.parts());
    root.put("from_block", aggregates.fromBlock());
    root.put("to_block", aggregates.toBlock());
    root.put("data_file", DATA);
    root.put("data_sha256", HexFormat.of().formatHex(sha.digest()));
    root.put("data_bytes", Files.size(data));
    root.put("threads", o.threads());
    root.put("started", info.started().toString());
    root.put("compute_seconds", info.computeSeconds());
    Json.write(root, folder.file(ResultFiles.MANIFEST));
  }

  /**
   * A part folder's manifest, read and checked on its own.
   *
   * @param folder as the user gave it
   */
  public record Manifest(Path folder, JsonNode json) {
    public String version() {
      return json.path("tool_version").asText();
    }

    public int part() {
      return json.path("part").asInt();
    }

    public int parts() {
      return json.path("parts").asInt();
    }

    public Path specPath() {
      return Path.of(json.path("spec_path").asText());
    }

    public String specSha256() {
      return json.path("spec_sha256").asText();
    }

    /** The --metric views, or null for all. */
    public List<Metric> metrics() {
      if (!json.has("metrics")) {
        return null;
      }
      List<Metric> m = new ArrayList<>();
      json.path("metrics").forEach(k -> m.add(Metric.byKey(k.asText()).orElseThrow(
          () -> new InputException(folder + ": manifest.json names a view this meek does not know (" + k.asText() + ")"))));
      return m;
    }

    /** The run's options as the part ran them (the quantile mode as it resolved), with the merge's threads. */
    public RunOptions options(int threads) {
      return new RunOptions(json.path("samples").asLong(), json.path("seed").asLong(), threads,
          meek.sampling.Design.valueOf(json.path("design").asText().toUpperCase(Locale.ROOT)),
          json.path("quantiles").asText().equals("exact") ? RunOptions.Quantiles.EXACT : RunOptions.Quantiles.SKETCH,
          json.path("fans").asBoolean());
    }

    /** What must be equal in every part of one run: all but the part's own number, range, checksum and timing. */
    String runKey() {
      ObjectNode key = json.deepCopy();
      for (String own : List.of("part", "parts", "from_block", "to_block", "data_sha256", "data_bytes", "threads", "started",
          "compute_seconds", "tool_commit", "java_version", "spec_file", "spec_path", "data_file")) {
        key.remove(own);
      }
      return key.toString();
    }
  }

  /**
   * Adds to a merged run's {@code manifest.json} the parts it was made from, in part order: each folder (as
   * given and absolute), its part number, block range, data checksum, commit, threads and compute seconds.
   */
  public static void recordParts(Path manifestFile, List<Manifest> parts) throws IOException {
    ObjectNode root = (ObjectNode) Json.MAPPER.readTree(manifestFile.toFile());
    ArrayNode from = root.putArray("merged_from");
    parts.stream().sorted(java.util.Comparator.comparingInt(Manifest::part)).forEach(m -> {
      ObjectNode p = from.addObject();
      p.put("folder", m.folder().toString());
      p.put("path", m.folder().toAbsolutePath().normalize().toString());
      for (String key : List.of("part", "parts", "from_block", "to_block", "data_sha256", "tool_commit", "threads", "started",
          "compute_seconds")) {
        if (m.json().has(key)) {
          p.set(key, m.json().get(key));
        }
      }
    });
    Json.write(root, manifestFile);
  }

  /** Whether the folder's manifest.json says it is a part of a run, of any version. */
  public static boolean isPart(Path folder) {
    JsonNode m = readManifest(folder.resolve(ResultFiles.MANIFEST));
    return m != null && "meek".equals(m.path("tool").asText()) && ResultFiles.WrittenBy.PART.key().equals(m.path("kind").asText());
  }

  /** Reads a part folder's manifest; anything but a part of meek's, of this version, is a one-line error. */
  public static Manifest manifest(Path folder, String version) {
    JsonNode m = readManifest(folder.resolve(ResultFiles.MANIFEST));
    if (Files.isRegularFile(folder)) {
      throw new InputException(folder + ": a file, not a folder; give the folders that meek run --part wrote");
    }
    if (!Files.isDirectory(folder)) {
      throw new InputException(folder + ": no such folder; give the folders that meek run --part wrote");
    }
    if (m == null || !m.isObject() || !"meek".equals(m.path("tool").asText()) || !ResultFiles.WrittenBy.PART.key().equals(m.path("kind").asText())) {
      throw new InputException(folder + ": is not a part folder of meek's (no manifest.json of kind \"part\"); give the folders that"
          + " meek run --part wrote");
    }
    if (m.path("format").asInt() != RunAggregates.FORMAT || !version.equals(m.path("tool_version").asText())) {
      throw new InputException(folder + ": was made by meek " + m.path("tool_version").asText() + " (part format " + m.path("format").asText()
          + "), this is meek " + version + " (format " + RunAggregates.FORMAT + "); merge parts with the meek that made them, or run them again");
    }
    for (String key : List.of("samples", "seed", "part", "parts", "from_block", "to_block", "blocks", "data_sha256", "spec_sha256",
        "design", "quantiles", "fans")) {
      if (!m.hasNonNull(key)) {
        throw new InputException(folder + ": manifest.json has no " + key + "; run that part again");
      }
    }
    for (String key : List.of("samples", "seed", "part", "parts", "from_block", "to_block", "blocks")) {
      if (!m.path(key).isIntegralNumber() || !m.path(key).canConvertToLong()) {
        throw new InputException(folder + ": manifest.json: " + key + " is not a whole number; run that part again");
      }
    }
    long samples = m.path("samples").asLong();
    boolean design = java.util.Arrays.stream(meek.sampling.Design.values())
        .anyMatch(d -> d.name().toLowerCase(Locale.ROOT).equals(m.path("design").asText()));
    if (samples < 1 || samples > (long) Integer.MAX_VALUE * MonteCarloEngine.BLOCK_SIZE || !design
        || !List.of("exact", "sketch").contains(m.path("quantiles").asText()) || !m.path("fans").isBoolean()
        || m.path("blocks").asLong() != MonteCarloEngine.blocks(samples) || m.path("part").asLong() < 1
        || m.path("part").asLong() > m.path("parts").asLong() || !m.path("from_block").canConvertToInt()
        || !m.path("to_block").canConvertToInt()) {
      throw new InputException(folder + ": manifest.json does not describe a part of a run (samples, design, quantiles, fans, blocks or"
          + " part out of range); run that part again");
    }
    return new Manifest(folder, m);
  }

  private static JsonNode readManifest(Path file) {
    try {
      return Json.MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      return null;
    }
  }

  /** Checks that every part belongs to the same run as the first. */
  public static void checkSameRun(List<Manifest> parts) {
    Manifest first = parts.get(0);
    for (Manifest p : parts.subList(1, parts.size())) {
      if (!p.runKey().equals(first.runKey())) {
        String difference = difference(first.json(), p.json());
        throw new InputException(p.folder() + ": is a part of another run than " + first.folder() + " (" + difference
            + "); merge the parts of one run" + (difference.startsWith("quantiles")
                ? " (--quantiles auto decides by each machine's heap: give every part the same --quantiles exact or sketch)" : ""));
      }
    }
  }

  private static String difference(JsonNode a, JsonNode b) {
    for (String key : List.of("spec_sha256", "seed", "samples", "design", "quantiles", "fans", "metrics", "data_files", "blocks",
        "block_size")) {
      if (!a.path(key).equals(b.path(key))) {
        String label = key.equals("spec_sha256") ? "another spec" : key.equals("data_files") ? "other data files"
            : key.equals("fans") ? (b.path(key).asBoolean() ? "fans, where it was run with --no-fan" : "--no-fan, where it has fans")
            : key + " " + (b.path(key).isMissingNode() ? "(all)" : b.path(key).toString()) + " where it has "
                + (a.path(key).isMissingNode() ? "(all)" : a.path(key).toString());
        return label;
      }
    }
    return "another setting";
  }

  /**
   * Checks that the spec read for the merge is the one the parts ran (and its data files are unchanged).
   *
   * @param given where it was read (--spec, or the path the part recorded)
   */
  public static void checkSpec(Manifest part, Spec spec, Path given) {
    if (!spec.sha256().equals(part.specSha256())) {
      throw new InputException(given + ": is not the spec " + part.folder() + " was run with (its SHA-256 differs); pass --spec with that"
          + " very file");
    }
    List<Path> data = spec.inputs().subList(1, spec.inputs().size());
    JsonNode recorded = part.json().path("data_files");
    for (int i = 0; i < data.size(); i++) {
      String sha = sha256(data.get(i));
      if (recorded.size() != data.size() || !sha.equals(recorded.path(i).path("sha256").asText())) {
        throw new InputException(data.get(i) + ": has changed since " + part.folder() + " was run (its SHA-256 differs); restore it, or run"
            + " the parts again");
      }
    }
  }

  /** The part, for the merge: its numbers are checked against their checksum before they are read. */
  public static MergedRun.Part part(Manifest m) {
    Path data = m.folder().resolve(DATA);
    String label = m.folder().toString();
    String again = "; run that part again (--part " + m.part() + "/" + m.parts() + ")";
    if (!Files.isRegularFile(data)) {
      throw new InputException(label + ": " + DATA + " is missing" + again);
    }
    if (!sha256(data).equals(m.json().path("data_sha256").asText())) {
      throw new InputException(label + ": " + DATA + " does not match the checksum in its manifest.json (corrupted or changed)" + again);
    }
    int from = m.json().path("from_block").asInt();
    int to = m.json().path("to_block").asInt();
    if (from < 0 || to <= from || to > m.json().path("blocks").asInt()) {
      throw new InputException(label + ": manifest.json gives blocks " + from + "–" + to + ", not a range of the run's" + again);
    }
    return new MergedRun.Part(label, m.part(), m.parts(), from, to, () -> Files.newInputStream(data));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /** Hex SHA-256 of a file's bytes (streamed). */
  static String sha256(Path file) {
    MessageDigest sha = sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new InputException(file + ": cannot be read (" + e.getMessage() + ")");
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
