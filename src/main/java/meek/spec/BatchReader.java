package meek.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import meek.InputException;
import meek.model.LossView;

/**
 * Reads a batch file: a base spec plus a grid or a list of parameter overrides.
 *
 * <pre>
 *   base: ../chinchilla.yaml        # relative to the batch file
 *   grid:                           # every combination
 *     g_inv: [1.5, 2.5, 3.6, 5, 10]
 *     alpha: [{dist: normal, mean: 0.155, sd: 0.01}, {dist: normal, mean: 0.05, sd: 0.005}]
 *   # or
 *   runs:                           # one run per item; an item may name itself and change its base
 *     - {name: chinchilla}
 *     - {name: kaplan, base: ../kaplan.yaml}
 *     - {g_inv: 5}
 * </pre>
 *
 * Every run is composed (the base's YAML with its params replaced) and validated before anything runs.
 */
public final class BatchReader {

  /** Every top-level key a batch may have (as schema/batch.schema.json, tested). */
  static final Set<String> TOP_KEYS = Set.of("name", "title", "base", "grid", "runs");
  private static final Pattern UNSAFE = Pattern.compile("[^\\p{L}\\p{N}._-]+");
  private static final int MAX_RUNS = 10_000;

  /** The files a batch writes beside its runs' folders: no run may be named like one. */
  private static final Set<String> INDEX_FILES =
      Set.of("batch.json", "batch.csv", "batch.md", "forest.png", "forest.svg", "report.html", "manifest.json");

  public Batch read(Path file) {
    SpecFile f = SpecFile.read(file, "batches are in distributions/batches/");
    Where cx = f.where();
    JsonNode root = f.root();
    if (root == null || !root.isObject()) {
      throw new InputException(file + ": a batch must be a YAML mapping with 'base:' and 'grid:' or 'runs:'; see distributions/batches/");
    }
    if (root.has("params") && !root.has("base") && !root.has("grid") && !root.has("runs")) {
      throw new InputException(file + ": is a spec (it has params:), not a batch; run it with meek run " + file);
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!TOP_KEYS.contains(k)) {
        throw cx.error(k, "unknown key, not a batch key", Suggest.closest(k, TOP_KEYS, "valid: base, grid, runs, name, title"));
      }
    }
    String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    String fallback = SafeName.fromStem(stem);
    String name = root.path("name").asText(fallback == null ? stem : fallback);
    if (!SafeName.ok(name)) {
      throw cx.error("name", "'" + name + "' cannot name a results folder", SafeName.FIX);
    }
    String title = root.path("title").asText(name);
    if (title.codePoints().anyMatch(Character::isISOControl) || title.length() > 300) {
      throw cx.error("title", "must be one line of at most 300 characters without control characters", "e.g. title: Investment growth");
    }
    if (root.has("grid") == root.has("runs")) {
      throw cx.error(root.has("grid") ? "runs" : "", root.has("grid") ? "give either grid: or runs:, not both" : "no 'grid:' or 'runs:'",
          "e.g. grid: {g_inv: [2.5, 3.6, 5]} for every combination, or runs: [{g_inv: 5}, {alpha: 0.05}]");
    }
    Path dir = file.toAbsolutePath().getParent();
    Path base = root.has("base") ? resolveBase(cx, dir, root.get("base"), "base") : null;
    List<Batch.Run> runs = root.has("grid") ? grid(cx, root.get("grid"), base) : runs(cx, root.get("runs"), dir, base);
    Set<String> names = new HashSet<>();
    for (Batch.Run r : runs) {
      if (INDEX_FILES.contains(r.name())) { // its folder would take the place of the batch's own index file
        throw cx.error(root.has("grid") ? "grid" : "runs", "a run named '" + r.name() + "' would collide with the batch's " + r.name(),
            "name it otherwise, e.g. name: " + r.name().replace('.', '-'));
      }
      if (!names.add(r.name())) {
        throw cx.error(root.has("grid") ? "grid" : "runs", "two runs would share the folder name '" + r.name() + "'",
            "give the runs distinct values, or name: each item of runs:");
      }
    }
    return new Batch(file, name, title, root.has("grid") ? "grid" : "runs", List.copyOf(runs), Spec.text(f.bytes()));
  }

  /** Every combination of a grid's values, the last key varying fastest. */
  private static List<Batch.Run> grid(Where cx, JsonNode grid, Path base) {
    List<Batch.Run> runs = new ArrayList<>();
    if (base == null) {
      throw cx.error("", "no 'base:' spec for the grid", "e.g. base: ../chinchilla.yaml (relative to the batch file)");
    }
    if (!grid.isObject() || grid.isEmpty()) {
      throw cx.error("grid", "is empty", "give at least one parameter and its values, e.g. grid: {g_inv: [2.5, 3.6, 5]}");
    }
    List<String> keys = new ArrayList<>();
    List<List<JsonNode>> values = new ArrayList<>();
    BaseSpec baseSpec = baseSpec(base);
    ObjectNode baseTree = baseSpec.tree();
    long combinations = 1;
    for (Iterator<Map.Entry<String, JsonNode>> it = grid.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = "grid." + e.getKey();
      checkParameter(cx, key, e.getKey(), baseTree, base);
      if (!e.getValue().isArray() || e.getValue().isEmpty()) {
        throw cx.error(key, "must be a non-empty list of values", "e.g. " + e.getKey() + ": [2.5, 3.6, 5] (a schedule or distribution per item)");
      }
      List<JsonNode> vs = new ArrayList<>();
      for (int i = 0; i < e.getValue().size(); i++) {
        checkValue(cx, key + "[" + i + "]", e.getKey(), e.getValue().get(i));
        vs.add(e.getValue().get(i));
      }
      keys.add(e.getKey());
      values.add(vs);
      combinations *= vs.size();
    }
    if (combinations > MAX_RUNS) {
      throw cx.error("grid", "makes " + combinations + " runs, more than " + MAX_RUNS, "split the batch or use fewer values");
    }
    int[] at = new int[keys.size()];
    for (long c = 0; c < combinations; c++) {
      Map<String, JsonNode> overrides = new LinkedHashMap<>();
      for (int k = 0; k < keys.size(); k++) {
        overrides.put(keys.get(k), values.get(k).get(at[k]));
      }
      runs.add(compose(cx, "grid", baseSpec, null, overrides));
      for (int k = keys.size() - 1; k >= 0 && ++at[k] == values.get(k).size(); k--) {
        at[k] = 0;
      }
    }
    return runs;
  }

  /** One run per item of a list, each with its own overrides, name and base. */
  private static List<Batch.Run> runs(Where cx, JsonNode list, Path dir, Path base) {
    List<Batch.Run> runs = new ArrayList<>();
    if (!list.isArray() || list.isEmpty()) {
      throw cx.error("runs", list.isArray() || list.isNull() ? "is empty" : "must be a list (- item per run), not " + (list.isObject() ? "a mapping" : Where.quoted(list)), "give a list of runs, e.g. runs: [{g_inv: 5}, {name: kaplan, base: ../kaplan.yaml}]");
    }
    for (int i = 0; i < list.size(); i++) {
      String key = "runs[" + i + "]";
      JsonNode item = list.get(i);
      if (!item.isObject()) {
        throw cx.error(key, "must be a mapping of overrides", "e.g. {g_inv: 5} or {name: kaplan, base: ../kaplan.yaml}");
      }
      Path itemBase = item.has("base") ? resolveBase(cx, dir, item.get("base"), key + ".base") : base;
      if (itemBase == null) {
        throw cx.error(key, "has no base spec", "give base: at the top of the batch or in the item");
      }
      BaseSpec baseSpec = baseSpec(itemBase);
      ObjectNode baseTree = baseSpec.tree();
      Map<String, JsonNode> overrides = new LinkedHashMap<>();
      String given = null;
      for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals("base")) {
          continue;
        }
        if (e.getKey().equals("name")) {
          given = e.getValue().asText();
          if (!SafeName.ok(given)) {
            throw cx.error(key + ".name", "'" + given + "' cannot name a results folder", SafeName.FIX);
          }
          continue;
        }
        checkParameter(cx, key + "." + e.getKey(), e.getKey(), baseTree, itemBase);
        checkValue(cx, key + "." + e.getKey(), e.getKey(), e.getValue());
        overrides.put(e.getKey(), e.getValue());
      }
      runs.add(compose(cx, key, baseSpec, given, overrides));
    }
    return runs;
  }

  private static Path resolveBase(Where cx, Path dir, JsonNode node, String key) {
    if (!node.isTextual()) {
      throw cx.error(key, "must be the path of a spec file", "e.g. base: ../chinchilla.yaml (relative to the batch file)");
    }
    Path p = dir.resolve(node.asText()).normalize();
    if (!Files.isRegularFile(p)) {
      throw cx.error(key, "no spec file at " + p, "the path is relative to the batch file's folder");
    }
    return p;
  }

  /** A base spec, read once: its tree to compose runs from, and its text (its comments name the sources). */
  private record BaseSpec(Path path, ObjectNode tree, String text) {}

  private static BaseSpec baseSpec(Path base) {
    SpecFile f = SpecFile.read(base, "the path is relative to the batch file's folder");
    JsonNode tree = f.root();
    if (tree == null || !tree.isObject() || !tree.path("params").isObject()) {
      throw new InputException(base + ": not a spec (no params: block); check the batch's base:");
    }
    return new BaseSpec(base, (ObjectNode) tree, Spec.text(f.bytes()));
  }

  private static void checkParameter(Where cx, String key, String parameter, ObjectNode baseTree, Path base) {
    Set<String> known = new java.util.TreeSet<>(LossView.PARAMETERS);
    baseTree.get("params").fieldNames().forEachRemaining(known::add);
    if (!known.contains(parameter)) {
      throw cx.error(key, "'" + parameter + "' is not a parameter of " + base.getFileName(),
          Suggest.closest(parameter, known, "parameters: " + String.join(", ", known)));
    }
  }

  /** A value must be a number, a distribution or (for a growth rate) a schedule; distributions are checked here, with this file's lines. */
  private static void checkValue(Where cx, String key, String parameter, JsonNode value) {
    if (value.isArray()) {
      return; // a schedule: checked when the composed spec is read
    }
    new DistributionParser(cx).parse(value, key);
  }

  private static Batch.Run compose(Where cx, String key, BaseSpec baseSpec, String given, Map<String, JsonNode> overrides) {
    Path base = baseSpec.path();
    ObjectNode tree = baseSpec.tree().deepCopy();
    ObjectNode params = (ObjectNode) tree.get("params");
    // a data file is named relative to the file that names it (the base spec, or the batch file for an
    // override); the composed spec lives elsewhere, so it names them absolutely
    absoluteFiles(tree, base.toAbsolutePath().getParent());
    Map<String, String> shown = new LinkedHashMap<>();
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : overrides.entrySet()) {
      JsonNode value = e.getValue().deepCopy();
      absoluteFiles(value, cx.file().toAbsolutePath().getParent());
      params.set(e.getKey(), value);
      shown.put(e.getKey(), flow(e.getValue()));
      parts.add(e.getKey() + "-" + label(e.getValue()));
    }
    String baseName = tree.path("name").asText(base.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
    String name = given != null ? given : parts.isEmpty() ? baseName : String.join("_", parts);
    if (name.length() > 100) {
      throw cx.error(key, "the run's folder name would be " + name.length() + " characters long", "name it: runs: [{name: short-name, …}]");
    }
    tree.put("name", baseName + "-" + name);
    String baseTitle = tree.path("title").asText(baseName);
    tree.put("title", shown.isEmpty() ? baseTitle : baseTitle + " · " + String.join(", ", shown.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).toList()));
    byte[] yaml = yaml(tree);
    Spec spec;
    try {
      spec = new SpecReader().read(Path.of(name, "spec.yaml"), yaml);
    } catch (InputException e) {
      throw new InputException(cx.file() + ": run '" + name + "' (" + key + "): " + e.getMessage());
    }
    return new Batch.Run(name, base, baseSpec.text(), shown, yaml, spec);
  }

  /** Every {@code file:} under the node (an empirical distribution's data), made absolute from {@code folder}. */
  private static void absoluteFiles(JsonNode node, Path folder) {
    if (node instanceof ObjectNode o) {
      JsonNode f = o.get("file");
      if (f != null && f.isTextual() && !Path.of(f.asText()).isAbsolute()) {
        o.put("file", folder.resolve(f.asText()).normalize().toString());
      }
    }
    node.forEach(child -> absoluteFiles(child, folder));
  }

  /** A value as it would be written inline in YAML: 3.6, {dist: normal, mean: 0.155, sd: 0.01}. */
  static String flow(JsonNode v) {
    if (v.isValueNode()) {
      return v.asText();
    }
    List<String> parts = new ArrayList<>();
    if (v.isArray()) {
      v.forEach(x -> parts.add(flow(x)));
      return "[" + String.join(", ", parts) + "]";
    }
    v.fields().forEachRemaining(e -> parts.add(e.getKey() + ": " + flow(e.getValue())));
    return "{" + String.join(", ", parts) + "}";
  }

  /** A value as a folder-name fragment: 3.6, normal-0.155-0.01. */
  static String label(JsonNode v) {
    if (v.isValueNode()) {
      return UNSAFE.matcher(v.asText()).replaceAll("-");
    }
    List<String> parts = new ArrayList<>();
    if (v.isArray()) {
      v.forEach(x -> parts.add(label(x)));
    } else {
      v.fields().forEachRemaining(e -> parts.add(label(e.getValue())));
    }
    return UNSAFE.matcher(String.join("-", parts)).replaceAll("-");
  }

  /** Writes composed specs: no "---" line, quotes only where YAML needs them. */
  private static final ObjectMapper YAML_WRITER = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build());

  private static byte[] yaml(ObjectNode tree) {
    try {
      return YAML_WRITER.writeValueAsString(tree).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
