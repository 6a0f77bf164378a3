package meek.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import meek.InputException;
import meek.distributions.ParameterDistribution;
import meek.model.Domain;
import meek.model.LossView;
import meek.model.ModelConfig;
import meek.model.Schedules;
import meek.model.ViewOptions;

/**
 * Reads a spec file. The accepted shape (every key in {@code distributions/README.md}):
 *
 * <pre>
 * name: chinchilla           # optional, default: the file name
 * title: …                   # optional, default: the name
 * baseline_year: 2019        # optional, default 2019
 * horizon_years: 30          # optional, default 30
 * step_years: 0.25           # optional, default 0.25
 * params:                    # every parameter of the loss gap ({@link LossView#PARAMETERS})
 *   alpha: {dist: normal, mean: 0.155, sd: 0.01}
 *   A: 1070                  # a bare number is a constant
 * benchmark: …               # optional views ({@link ViewBlocks}), correlations ({@link CorrelationsReader})
 * </pre>
 */
public final class SpecReader {

  /** Every top-level key a spec may have (the schema in schema/spec.schema.json names the same, tested). */
  static final Set<String> TOP_KEYS = topKeys();

  private static Set<String> topKeys() {
    Set<String> keys = new HashSet<>(Set.of("name", "title", "baseline_year", "horizon_years", "step_years", "params", "correlations"));
    keys.addAll(ViewBlocks.KEYS);
    return Set.copyOf(keys);
  }

  /** The largest |calendar year| a spec may name: years print with four digits and a decimal. */
  static final double MAX_YEAR = 9999;

  /** Reads and validates a spec file. */
  public Spec read(Path file) {
    return read(SpecFile.read(file, "presets are in distributions/"));
  }

  /**
   * Reads and validates a spec given as bytes (composed by a batch).
   *
   * @param file the name errors and the spec's {@code source} give it
   */
  public Spec read(Path file, byte[] bytes) {
    return read(SpecFile.of(file, bytes));
  }

  Spec read(SpecFile f) {
    Path file = f.file();
    Where cx = f.where();
    JsonNode root = f.root();
    if (root == null || !root.isObject()) {
      throw new InputException(file + ": a spec must be a YAML mapping with at least a 'params:' block; see distributions/README.md");
    }
    if (!root.has("params") && (root.has("base") || root.has("grid") || root.has("runs"))) {
      throw new InputException(file + ": is a batch file (base:, grid: or runs:), not a spec; run it with meek batch " + file);
    }
    cx.checkKeys(root, "", TOP_KEYS, "a top-level key");
    String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    // without name:, the file's name is made safe ("my spec (1).yaml" → my-spec-1); a name: given must be safe
    String name = text(cx, root, "name", SafeName.fromStem(stem));
    if (name == null) {
      throw new InputException(file + ": its file name gives no usable results-folder name; add a line name: my-analysis ("
          + SafeName.FIX + ")");
    }
    if (!SafeName.ok(name)) {
      throw cx.error("name", "'" + name + "' cannot name a results folder", SafeName.FIX);
    }
    String title = text(cx, root, "title", name);
    DistributionParser parser = new DistributionParser(cx);
    double baseline = number(parser, root, "baseline_year", 2019);
    double horizon = number(parser, root, "horizon_years", 30);
    double step = number(parser, root, "step_years", 0.25);
    if (!(Math.abs(baseline) <= MAX_YEAR)) { // 1e18 left no room between years in a double, and charts failed
      throw cx.error("baseline_year", "must be a calendar year between -" + (int) MAX_YEAR + " and " + (int) MAX_YEAR + " (got "
          + baseline + ")", "e.g. baseline_year: 2019");
    }
    if (!(horizon >= 0.01) || Double.isInfinite(horizon)) { // 1e-13 left charts no range to draw
      throw cx.error("horizon_years", "must be at least 0.01 years (got " + horizon + ")", "e.g. horizon_years: 30");
    }
    if (!(step >= 1e-4) || step > horizon) {
      throw cx.error("step_years", "must be at least 0.0001 and at most horizon_years (got " + step + ")", "e.g. step_years: 0.25");
    }
    double steps = horizon / step;
    if (Math.abs(steps - Math.rint(steps)) > 1e-9 * steps || steps + 1 > Spec.MAX_FAN_STEPS) {
      throw cx.error(
          "step_years",
          "horizon_years (" + horizon + ") must be a whole multiple of step_years (" + step + "), with at most " + (Spec.MAX_FAN_STEPS - 1) + " steps",
          "e.g. horizon_years: 30 with step_years: 0.25");
    }
    Map<String, ParameterDistribution> dists = new LinkedHashMap<>();
    Map<String, double[]> schedules = new LinkedHashMap<>();
    readParams(cx, parser, root.get("params"), dists, schedules);
    List<ViewOptions> views = new ViewBlocks(cx, parser, dists).read(root, baseline, schedules);
    var correlations = new CorrelationsReader(cx).read(root.get("correlations"), dists);
    ModelConfig model = new ModelConfig(baseline, new Schedules(schedules), views);
    List<Path> inputs = new ArrayList<>(List.of(file));
    inputs.addAll(parser.files());
    return new Spec(file, Spec.text(f.bytes()), f.sha256(), name, title, horizon, step, dists, correlations, model, inputs);
  }

  /** The loss gap's parameters, in {@link LossView#PARAMETERS} order; a growth rate may follow a schedule. */
  private static void readParams(Where cx, DistributionParser parser, JsonNode params, Map<String, ParameterDistribution> dists,
      Map<String, double[]> schedules) {
    List<String> required = LossView.PARAMETERS;
    if (params == null || !params.isObject()) {
      throw cx.error(
          params == null ? "" : "params",
          params == null ? "no 'params:' block" : "'params' must be a mapping of parameter names",
          "add params: with " + String.join(", ", required));
    }
    cx.checkKeys(params, "params", Set.copyOf(required), "a parameter");
    List<String> missing = new ArrayList<>();
    for (String p : required) {
      if (!params.has(p)) {
        missing.add(p);
      }
    }
    if (!missing.isEmpty()) {
      throw cx.error(
          "params",
          "missing required parameter" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing),
          "give each a number or a distribution, e.g. " + missing.get(0) + ": {dist: normal, mean: …, sd: …}");
    }
    Map<String, ParameterDistribution> laterSegments = new LinkedHashMap<>();
    ScheduleParser scheduleParser = new ScheduleParser(cx, parser);
    for (String p : required) {
      JsonNode v = params.get(p);
      if (v.isArray() && LossView.GROWTH_RATES.contains(p)) {
        schedules.put(p, scheduleParser.read(v, p, "params." + p, dists, laterSegments));
      } else {
        dists.put(p, parser.parse(v, "params." + p));
      }
    }
    // later segments' rates come after the required parameters, so a spec without schedules is unchanged
    dists.putAll(laterSegments);
    for (Map.Entry<String, ParameterDistribution> e : dists.entrySet()) {
      String name = e.getKey();
      Domain domain = required.contains(name) ? LossView.domain(name) : Domain.POSITIVE; // a later segment's rate
      ParameterDistribution d = e.getValue();
      String key = required.contains(name) ? "params." + name : "params." + name.substring(0, name.indexOf('.'));
      if (d.isConstant() && !domain.contains(d.median())) {
        // every draw would be invalid: an error now, not an empty run
        throw cx.error(key, name + " = " + d.median() + " lies outside its domain " + domain, "give a value in " + domain);
      }
      if (!d.isConstant() && domain == Domain.POSITIVE && !(d.quantile(1 - 1e-12) > 0)) {
        throw cx.error(key, "every value of " + name + "'s distribution is <= 0, outside its domain " + domain
            + ", so every draw would be invalid", "move the distribution into " + domain);
      }
    }
  }

  private static double number(DistributionParser parser, JsonNode root, String key, double fallback) {
    JsonNode n = root.get(key);
    return n == null || n.isNull() ? fallback : parser.number(n, key);
  }

  private static String text(Where cx, JsonNode root, String key, String fallback) {
    JsonNode n = root.get(key);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isValueNode()) {
      throw cx.error(key, "must be a single line of text", "e.g. " + key + ": my-analysis");
    }
    String text = n.asText();
    // a newline would start a new section of summary.md; control characters make the charts' SVG invalid
    if (text.codePoints().anyMatch(Character::isISOControl) || text.length() > 300) {
      throw cx.error(key, text.length() > 300 ? "is " + text.length() + " characters long; at most 300 fit a chart's title"
          : "must be a single line of text without control characters", "e.g. " + key + ": Chinchilla priors, 2025 update");
    }
    return text;
  }
}
