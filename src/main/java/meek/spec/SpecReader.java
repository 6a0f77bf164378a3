package meek.spec;

import meek.distributions.Correlations;
import meek.InputException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import meek.distributions.ParameterDistribution;
import meek.model.Metrics;

/**
 * Reads a spec file. The accepted shape (see {@code distributions/README.md}):
 *
 * <pre>
 * name: chinchilla           # optional, default: the file name
 * title: …                   # optional, default: the name
 * baseline_year: 2019        # optional, default 2019
 * horizon_years: 30          # optional, default 30
 * step_years: 0.25           # optional, default 0.25
 * params:                    # every parameter the model needs
 *   alpha: {dist: normal, mean: 0.155, sd: 0.01}
 *   A: 1070                  # a bare number is a constant
 * </pre>
 */
public final class SpecReader {

  private static final Set<String> TOP_KEYS =
      Set.of("name", "title", "baseline_year", "horizon_years", "step_years", "params", "correlations", "benchmark", "discrimination", "inference");
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private final List<String> requiredParameters;

  /** @param requiredParameters the model's parameters, in the order the spec's map will follow */
  public SpecReader(List<String> requiredParameters) {
    this.requiredParameters = List.copyOf(requiredParameters);
  }

  /** Reads and validates a spec file. */
  public Spec read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InputException(file + ": no such file; check the path (presets are in distributions/)");
    } catch (IOException e) {
      throw new InputException(file + ": cannot be read (" + e.getMessage() + ")");
    }
    return read(file, bytes);
  }

  /**
   * Reads and validates a spec given as bytes (e.g. composed by a batch).
   *
   * @param file the name errors and the spec's {@code source} give it
   */
  public Spec read(Path file, byte[] bytes) {
    Where cx = new Where(file, lineIndex(file, bytes));
    JsonNode root = parse(file, bytes);
    if (root == null || !root.isObject()) {
      throw new InputException(
          file + ": a spec must be a YAML mapping with at least a 'params:' block; see distributions/README.md");
    }
    checkKeys(cx, root, "", TOP_KEYS, "a top-level key");
    String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    String name = text(cx, root, "name", stem);
    if (!SAFE_NAME.matcher(name).matches()) {
      throw cx.error("name", "'" + name + "' cannot name a results folder", "use letters, digits, '.', '_' or '-'");
    }
    String title = text(cx, root, "title", name);
    double baseline = number(cx, root, "baseline_year", 2019);
    double horizon = number(cx, root, "horizon_years", 30);
    double step = number(cx, root, "step_years", 0.25);
    if (!(horizon > 0) || Double.isInfinite(horizon)) {
      throw cx.error("horizon_years", "must be a positive number of years (got " + horizon + ")", "e.g. horizon_years: 30");
    }
    if (!(step > 0) || step > horizon) {
      throw cx.error("step_years", "must be > 0 and <= horizon_years (got " + step + ")", "e.g. step_years: 0.25");
    }
    double steps = horizon / step;
    if (Math.abs(steps - Math.rint(steps)) > 1e-9 * steps || steps + 1 > Spec.MAX_FAN_STEPS) {
      throw cx.error(
          "step_years",
          "horizon_years (" + horizon + ") must be a whole multiple of step_years (" + step + "), with at most " + (Spec.MAX_FAN_STEPS - 1) + " steps",
          "e.g. horizon_years: 30 with step_years: 0.25");
    }
    JsonNode params = root.get("params");
    if (params == null || !params.isObject()) {
      throw cx.error(
          params == null ? "" : "params",
          params == null ? "no 'params:' block" : "'params' must be a mapping of parameter names",
          "add params: with " + String.join(", ", requiredParameters));
    }
    checkKeys(cx, params, "params", Set.copyOf(requiredParameters), "a parameter");
    List<String> missing = new ArrayList<>();
    for (String p : requiredParameters) {
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
    Map<String, ParameterDistribution> dists = new LinkedHashMap<>();
    Map<String, double[]> schedules = new LinkedHashMap<>();
    Map<String, ParameterDistribution> laterSegments = new HashMap<>();
    DistributionParser parser = new DistributionParser(cx);
    for (String p : requiredParameters) {
      JsonNode v = params.get(p);
      if (v.isArray() && SCHEDULABLE.contains(p)) {
        schedules.put(p, schedule(cx, parser, v, p, dists, laterSegments));
      } else {
        dists.put(p, parser.parse(v, "params." + p));
      }
    }
    // later segments' rates come after the required parameters, so a spec without schedules is unchanged
    for (Map.Entry<String, double[]> e : schedules.entrySet()) {
      for (int i = 1; i <= e.getValue().length; i++) {
        dists.put(e.getKey() + "." + i, laterSegments.get(e.getKey() + "." + i));
      }
    }
    Metrics metrics = metrics(cx, root, parser, dists, baseline, schedules);
    Correlations correlations = correlations(cx, root.get("correlations"), dists);
    return new Spec(file, sha256(bytes), name, title, baseline, horizon, step, dists, correlations, schedules, metrics);
  }

  /** Growth rates that may be given as piecewise schedules. */
  private static final Set<String> SCHEDULABLE = Set.of("g_alg", "g_hw", "g_inv");

  /**
   * A schedule: [{until: T1, rate: r1}, {until: T2, rate: r2}, …, {rate: rn}] with T1 &lt; T2 &lt; … (years after
   * the baseline); rates may be distributions. Segment 0's rate is the parameter itself; later ones are
   * named "g_inv.1" and so on.
   */
  private double[] schedule(Where cx, DistributionParser parser, JsonNode list, String p,
      Map<String, ParameterDistribution> dists, Map<String, ParameterDistribution> laterSegments) {
    String key = p.contains(".") ? p : "params." + p;
    if (list.isEmpty()) {
      throw cx.error(key, "an empty schedule", "give segments, e.g. [{until: 5, rate: 3.6}, {rate: 1.0}]");
    }
    double[] bounds = new double[list.size() - 1];
    for (int i = 0; i < list.size(); i++) {
      JsonNode seg = list.get(i);
      String k = key + "[" + i + "]";
      if (!seg.isObject()) {
        throw cx.error(k, "a segment must be a mapping {until: T, rate: r}", "e.g. [{until: 5, rate: 3.6}, {rate: 1.0}]");
      }
      checkKeys(cx, seg, k, Set.of("until", "rate"), "a schedule key");
      if (!seg.has("rate")) {
        throw cx.error(k, "missing 'rate'", "add rate: <number or distribution>");
      }
      boolean last = i == list.size() - 1;
      if (last && seg.has("until")) {
        throw cx.error(k + ".until", "the last segment runs on for ever and takes no 'until'", "drop until: from the last segment");
      }
      if (!last) {
        if (!seg.has("until")) {
          throw cx.error(k, "every segment but the last needs 'until' (years after the baseline)", "e.g. {until: 5, rate: 3.6}");
        }
        bounds[i] = parser.number(seg.get("until"), k + ".until");
        double previous = i == 0 ? 0 : bounds[i - 1];
        if (!(bounds[i] > previous)) {
          throw cx.error(k + ".until", "segments must be in order without overlap: until " + bounds[i]
              + " is not after " + previous, "give increasing until: values, each > 0");
        }
      }
      ParameterDistribution rate = parser.parse(seg.get("rate"), k + ".rate");
      if (i == 0) {
        dists.put(p, rate);
      } else {
        laterSegments.put(p + "." + i, rate);
      }
    }
    return bounds;
  }

  /**
   * The optional {@code benchmark:} and {@code discrimination:} blocks (MODEL.md §4–5). Their coefficients
   * become parameters named "benchmark.floor" and so on, so any may be a distribution; what the paper left
   * unstated has a documented default (floor 0.25 for four-choice MMLU, ceiling 1, steps 1, epsilon 0.05,
   * slowdown 1).
   */
  private Metrics metrics(Where cx, JsonNode root, DistributionParser parser, Map<String, ParameterDistribution> dists,
      double baseline, Map<String, double[]> schedules) {
    JsonNode bench = root.get("benchmark");
    if (bench != null) {
      if (!bench.isObject()) {
        throw cx.error("benchmark", "must be a mapping", "e.g. benchmark: {L_mid: 2.0, k: 8}");
      }
      checkKeys(cx, bench, "benchmark", Set.copyOf(Metrics.BENCHMARK_PARAMETERS), "a benchmark coefficient");
      Map<String, Double> defaults = Map.of("floor", 0.25, "ceiling", 1.0, "steps", 1.0);
      for (String k : Metrics.BENCHMARK_PARAMETERS) {
        JsonNode v = bench.get(k);
        if (v == null && !defaults.containsKey(k)) {
          throw cx.error("benchmark", "missing '" + k + "' (the paper's fitted value was lost)",
              "give it, e.g. from a fit of the sigmoid to scores (L_mid: loss at the midpoint, k: steepness > 0)");
        }
        ParameterDistribution d = v == null ? new meek.distributions.ConstantParameter(defaults.get(k)) : parser.parse(v, "benchmark." + k);
        dists.put("benchmark." + k, d);
      }
      double floor = dists.get("benchmark.floor").median();
      double ceiling = dists.get("benchmark.ceiling").median();
      constantIn(cx, dists, "benchmark.floor", v -> v >= 0 && v < 1, "must lie in [0, 1)", "e.g. floor: 0.25 for four choices");
      constantIn(cx, dists, "benchmark.ceiling", v -> v > floor && v <= 1, "must lie in (floor, 1]", "e.g. ceiling: 1.0");
      constantIn(cx, dists, "benchmark.k", v -> v > 0, "must be > 0 (lower loss, higher score)", "e.g. k: 8");
      constantIn(cx, dists, "benchmark.steps", v -> v >= 1, "must be >= 1 (a task of p steps)", "e.g. steps: 1");
      if (!(ceiling > floor)) {
        throw cx.error("benchmark.ceiling", "must be above floor", "e.g. floor: 0.25, ceiling: 1.0");
      }
    }
    JsonNode disc = root.get("discrimination");
    List<Double> years = new ArrayList<>();
    if (disc != null) {
      if (!disc.isObject()) {
        throw cx.error("discrimination", "must be a mapping", "e.g. discrimination: {epsilon: 0.05, slowdown: 1}");
      }
      checkKeys(cx, disc, "discrimination", Set.of("epsilon", "slowdown", "years"), "a discrimination key");
      Map<String, Double> defaults = Map.of("epsilon", 0.05, "slowdown", 1.0);
      for (String k : Metrics.DISCRIMINATION_PARAMETERS) {
        JsonNode v = disc.get(k);
        dists.put("discrimination." + k, v == null ? new meek.distributions.ConstantParameter(defaults.get(k)) : parser.parse(v, "discrimination." + k));
      }
      constantIn(cx, dists, "discrimination.epsilon", v -> v > 0 && v < 0.5, "must lie in (0, 0.5): the error rate of each decision", "e.g. epsilon: 0.05");
      constantIn(cx, dists, "discrimination.slowdown", v -> v >= 1, "must be >= 1 (the Bayes slowdown)", "e.g. slowdown: 1");
      JsonNode y = disc.get("years");
      if (y != null) {
        if (!y.isArray()) {
          throw cx.error("discrimination.years", "must be a list of calendar years", "e.g. years: [2025, 2030]");
        }
        for (int i = 0; i < y.size(); i++) {
          double year = parser.number(y.get(i), "discrimination.years[" + i + "]");
          if (year < baseline) {
            throw cx.error("discrimination.years[" + i + "]", "is before the baseline year " + baseline, "give years from the baseline on");
          }
          years.add(year);
        }
      }
    }
    JsonNode inf = root.get("inference");
    boolean fromParameters = false;
    double inferenceBaseline = 0;
    if (inf != null) {
      if (!inf.isObject()) {
        throw cx.error("inference", "must be a mapping", "e.g. inference: {baseline_year: 2025, g_inf: 9, N0: 8e9, C_sota0: 5e25}");
      }
      checkKeys(cx, inf, "inference", Set.of("baseline_year", "g_inf", "C_inf0", "N0", "C_sota0"), "an inference key");
      if (inf.has("C_inf0") == inf.has("N0")) {
        throw cx.error("inference", "give exactly one of C_inf0 (the meek model's compute, FLOP) and N0 (its parameters)",
            "e.g. N0: 8.0e9 for an 8B-parameter model (C = 120·N0²)");
      }
      fromParameters = inf.has("N0");
      if (!inf.has("baseline_year")) {
        throw cx.error("inference", "missing 'baseline_year' (the year of its start values)", "e.g. baseline_year: 2025");
      }
      inferenceBaseline = parser.number(inf.get("baseline_year"), "inference.baseline_year");
      for (String k : Metrics.inferenceParameters(fromParameters)) {
        if (!inf.has(k)) {
          throw cx.error("inference", "missing '" + k + "'", "see distributions/README.md (inference)");
        }
        if (k.equals("g_inf") && inf.get(k).isArray()) { // g_inf is a growth rate: it may follow a schedule
          Map<String, ParameterDistribution> later = new HashMap<>();
          double[] bounds = schedule(cx, parser, inf.get(k), "inference.g_inf", dists, later);
          schedules.put("inference.g_inf", bounds);
          for (int i = 1; i <= bounds.length; i++) {
            dists.put("inference.g_inf." + i, later.get("inference.g_inf." + i));
          }
        } else {
          dists.put("inference." + k, parser.parse(inf.get(k), "inference." + k));
        }
        constantIn(cx, dists, "inference." + k, v -> v > 0, "must be > 0", "give a positive number");
      }
    }
    return new Metrics(bench != null, disc != null, years, inf != null, fromParameters, inferenceBaseline);
  }

  /** A constant coefficient must satisfy the rule (a distribution's bad draws are counted as invalid instead). */
  private static void constantIn(Where cx, Map<String, ParameterDistribution> dists, String key,
      java.util.function.DoublePredicate ok, String what, String fix) {
    ParameterDistribution d = dists.get(key);
    if (d.isConstant() && !ok.test(d.median())) {
      throw cx.error(key, what + " (got " + d.median() + ")", fix);
    }
  }

  /**
   * The correlations block: a list of {between: [a, b], rho: r}, or a mapping {pairs: [...], repair:
   * nearest}.
   */
  private Correlations correlations(Where cx, JsonNode node, Map<String, ParameterDistribution> dists) {
    if (node == null || node.isNull()) {
      return Correlations.NONE;
    }
    boolean repair = false;
    JsonNode pairs = node;
    String prefix = "correlations";
    if (node.isObject()) {
      checkKeys(cx, node, "correlations", Set.of("pairs", "repair"), "a correlations key");
      JsonNode r = node.get("repair");
      if (r != null) {
        if (!r.asText().equals("nearest")) {
          throw cx.error("correlations.repair", "unknown repair '" + r.asText() + "'", "the only repair is 'nearest'");
        }
        repair = true;
      }
      pairs = node.get("pairs");
      prefix = "correlations.pairs";
    }
    if (pairs == null || !pairs.isArray() || pairs.isEmpty()) {
      throw cx.error(prefix, "must be a list of pairs", "e.g. - {between: [g_alg, g_hw], rho: 0.3}");
    }
    List<String[]> given = new ArrayList<>();
    List<Double> rhos = new ArrayList<>();
    DistributionParser numbers = new DistributionParser(cx);
    for (int i = 0; i < pairs.size(); i++) {
      String key = prefix + "[" + i + "]";
      JsonNode pair = pairs.get(i);
      if (!pair.isObject()) {
        throw cx.error(key, "must be a mapping {between: [a, b], rho: r}", "e.g. - {between: [g_alg, g_hw], rho: 0.3}");
      }
      checkKeys(cx, pair, key, Set.of("between", "rho"), "a correlation key");
      JsonNode between = pair.get("between");
      if (between == null || !between.isArray() || between.size() != 2) {
        throw cx.error(key + ".between", "must name two parameters", "e.g. between: [g_alg, g_hw]");
      }
      String a = between.get(0).asText();
      String b = between.get(1).asText();
      for (String name : new String[] {a, b}) {
        if (!dists.containsKey(name)) {
          throw cx.error(key + ".between", "'" + name + "' is not a parameter", Suggest.closest(name, dists.keySet(), "parameters: " + String.join(", ", dists.keySet())));
        }
        if (dists.get(name).isConstant()) {
          throw cx.error(key + ".between", "'" + name + "' is a constant and cannot be correlated", "give it a distribution or drop the pair");
        }
      }
      if (a.equals(b)) {
        throw cx.error(key + ".between", "names '" + a + "' twice", "name two different parameters");
      }
      if (pair.get("rho") == null) {
        throw cx.error(key, "missing 'rho'", "add rho: <rank correlation in [-1, 1]>");
      }
      double rho = numbers.number(pair.get("rho"), key + ".rho");
      if (!(rho >= -1 && rho <= 1)) {
        throw cx.error(key + ".rho", "a correlation must lie in [-1, 1] (got " + rho + ")", "e.g. rho: 0.3");
      }
      for (String[] g : given) {
        if ((g[0].equals(a) && g[1].equals(b)) || (g[0].equals(b) && g[1].equals(a))) {
          throw cx.error(key, "the pair " + a + ", " + b + " is given twice", "keep one");
        }
      }
      given.add(new String[] {a, b});
      rhos.add(rho);
    }
    List<String> names = new ArrayList<>();
    for (String p : requiredParameters) {
      for (String[] g : given) {
        if ((g[0].equals(p) || g[1].equals(p)) && !names.contains(p)) {
          names.add(p);
        }
      }
    }
    double[][] spearman = new double[names.size()][names.size()];
    for (int i = 0; i < names.size(); i++) {
      spearman[i][i] = 1;
    }
    for (int k = 0; k < given.size(); k++) {
      int i = names.indexOf(given.get(k)[0]);
      int j = names.indexOf(given.get(k)[1]);
      spearman[i][j] = rhos.get(k);
      spearman[j][i] = rhos.get(k);
    }
    try {
      return Correlations.of(names, spearman, repair);
    } catch (IllegalStateException e) {
      throw cx.error("correlations", e.getMessage(), "lower the correlations that conflict, or add repair: nearest (correlations: {repair: nearest, pairs: [...]})");
    }
  }

  private static double number(Where cx, JsonNode root, String key, double fallback) {
    JsonNode n = root.get(key);
    return n == null || n.isNull() ? fallback : new DistributionParser(cx).number(n, key);
  }

  private static String text(Where cx, JsonNode root, String key, String fallback) {
    JsonNode n = root.get(key);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isValueNode()) {
      throw cx.error(key, "must be a single line of text", "e.g. " + key + ": my-analysis");
    }
    return n.asText();
  }

  private static void checkKeys(Where cx, JsonNode node, String prefix, Set<String> allowed, String what) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        String path = prefix.isEmpty() ? k : prefix + "." + k;
        throw cx.error(path, "unknown key, not " + what, Suggest.closest(k, allowed, "valid: " + String.join(", ", new java.util.TreeSet<>(allowed))));
      }
    }
  }

  static JsonNode parse(Path file, byte[] bytes) {
    try {
      return yamlMapper().readTree(bytes);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      String why = e.getOriginalMessage().split("\n")[0];
      throw new InputException(file + (line > 0 ? ":" + line : "") + ": invalid YAML: " + why + "; check indentation, colons and quotes");
    } catch (IOException e) {
      throw new InputException(file + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  static ObjectMapper yamlMapper() {
    ObjectMapper m = new ObjectMapper(new YAMLFactory());
    m.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return m;
  }

  /** Line of every key, by dotted path ("params.alpha.sd"), read from the token stream. */
  static Map<String, Integer> lineIndex(Path file, byte[] bytes) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser p = new YAMLFactory().createParser(bytes)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME) {
          // "/correlations/0/rho" → "correlations[0].rho", the form used in messages
          String path = p.getParsingContext().pathAsPointer().toString().substring(1).replace('/', '.')
              .replaceAll("\\.(\\d+)(?=\\.|$)", "[$1]");
          lines.putIfAbsent(path, p.currentTokenLocation().getLineNr());
        }
      }
    } catch (JsonParseException e) {
      // reported with its line by parse()
    } catch (IOException e) {
      // likewise
    }
    return lines;
  }

  static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
