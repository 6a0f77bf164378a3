package meek.spec;

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
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import meek.distributions.ConstantParameter;
import meek.distributions.ContinuousParameter;
import meek.distributions.ParameterDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.text.similarity.LevenshteinDistance;

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
      Set.of("name", "title", "baseline_year", "horizon_years", "step_years", "params");
  private static final Pattern QUANTILE_KEY = Pattern.compile("p(\\d+(?:\\.\\d+)?)");
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Map<String, Set<String>> DIST_KEYS =
      Map.of(
          "constant", Set.of("value"),
          "normal", Set.of("mean", "sd", "min", "max"),
          "lognormal", Set.of("p5", "p95", "median", "gsd", "mu", "sigma", "min", "max"),
          "uniform", Set.of("min", "max"),
          "triangular", Set.of("min", "mode", "max"));

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
      throw new SpecException(file + ": no such file; check the path (presets are in distributions/)");
    } catch (IOException e) {
      throw new SpecException(file + ": cannot be read (" + e.getMessage() + ")");
    }
    Context cx = new Context(file, lineIndex(file, bytes));
    JsonNode root = parse(file, bytes);
    if (root == null || !root.isObject()) {
      throw new SpecException(
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
    for (String p : requiredParameters) {
      dists.put(p, distribution(cx, params.get(p), "params." + p));
    }
    return new Spec(file, sha256(bytes), name, title, baseline, horizon, step, dists);
  }

  /** Parses one parameter value: a number (a constant) or a mapping with {@code dist:}. */
  ParameterDistribution distribution(Context cx, JsonNode node, String key) {
    if (!node.isObject()) {
      return new ConstantParameter(asNumber(cx, node, key));
    }
    JsonNode distNode = node.get("dist");
    if (distNode == null) {
      throw cx.error(key, "a distribution needs 'dist:'", "add dist: one of " + String.join(", ", new TreeMap<>(DIST_KEYS).keySet()));
    }
    String dist = distNode.asText();
    Set<String> allowed = DIST_KEYS.get(dist);
    if (allowed == null) {
      throw cx.error(
          key + ".dist",
          "unknown distribution '" + dist + "'",
          suggestion(dist, DIST_KEYS.keySet(), "use one of " + String.join(", ", new TreeMap<>(DIST_KEYS).keySet())));
    }
    Map<String, Double> v = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      if (k.equals("dist")) {
        continue;
      }
      boolean quantileKey = QUANTILE_KEY.matcher(k).matches() && (dist.equals("lognormal") || dist.equals("normal"));
      if (!allowed.contains(k) && !quantileKey) {
        throw cx.error(
            key + "." + k,
            "unknown key for a " + dist + " distribution",
            suggestion(k, allowed, "valid keys: " + String.join(", ", new TreeMap<>(toMap(allowed)).keySet())));
      }
      v.put(k, asNumber(cx, e.getValue(), key + "." + k));
    }
    try {
      return build(cx, key, dist, v);
    } catch (IllegalArgumentException e) {
      throw cx.error(key, e.getMessage(), "see distributions/README.md for the forms of '" + dist + "'");
    }
  }

  private ParameterDistribution build(Context cx, String key, String dist, Map<String, Double> v) {
    double lower = v.getOrDefault("min", Double.NEGATIVE_INFINITY);
    double upper = v.getOrDefault("max", Double.POSITIVE_INFINITY);
    switch (dist) {
      case "constant":
        return new ConstantParameter(need(cx, key, v, "value"));
      case "uniform":
        return ContinuousParameter.uniform(need(cx, key, v, "min"), need(cx, key, v, "max"));
      case "triangular":
        return ContinuousParameter.triangular(
            need(cx, key, v, "min"), need(cx, key, v, "mode"), need(cx, key, v, "max"));
      case "normal":
        {
          if (v.containsKey("mean") || v.containsKey("sd")) {
            onlyOneForm(cx, key, v, "mean", "sd");
            return ContinuousParameter.normal(need(cx, key, v, "mean"), need(cx, key, v, "sd"), lower, upper);
          }
          double[] ms = fromQuantiles(cx, key, v, false);
          return ContinuousParameter.normal(ms[0], ms[1], lower, upper);
        }
      case "lognormal":
        {
          double[] ms;
          if (v.containsKey("median") || v.containsKey("gsd")) {
            onlyOneForm(cx, key, v, "median", "gsd");
            double median = need(cx, key, v, "median");
            double gsd = need(cx, key, v, "gsd");
            if (!(median > 0)) {
              throw cx.error(key + ".median", "a lognormal's median must be > 0 (got " + median + ")", "give a positive median");
            }
            if (!(gsd > 1)) {
              throw cx.error(key + ".gsd", "the geometric standard deviation must be > 1 (got " + gsd + ")", "e.g. gsd: 1.5");
            }
            ms = new double[] {Math.log(median), Math.log(gsd)};
          } else if (v.containsKey("mu") || v.containsKey("sigma")) {
            onlyOneForm(cx, key, v, "mu", "sigma");
            ms = new double[] {need(cx, key, v, "mu"), need(cx, key, v, "sigma")};
          } else {
            ms = fromQuantiles(cx, key, v, true);
          }
          return ContinuousParameter.lognormal(ms[0], ms[1], lower, upper);
        }
      default:
        throw new IllegalStateException(dist);
    }
  }

  /**
   * Location and scale from two quantiles, e.g. {p5: 2, p95: 4}: for a lognormal, mu and sigma of ln X.
   */
  private static double[] fromQuantiles(Context cx, String key, Map<String, Double> v, boolean log) {
    List<double[]> q = new ArrayList<>(); // {probability, value, key index}
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, Double> e : new TreeMap<>(v).entrySet()) {
      Matcher m = QUANTILE_KEY.matcher(e.getKey());
      if (m.matches()) {
        double pct = Double.parseDouble(m.group(1));
        if (!(pct > 0 && pct < 100)) {
          throw cx.error(key + "." + e.getKey(), "a percentile key must lie strictly between p0 and p100", "e.g. p5 and p95");
        }
        q.add(new double[] {pct / 100, e.getValue()});
        names.add(e.getKey());
      }
    }
    String forms = log ? "p5 and p95, median and gsd, or mu and sigma" : "mean and sd, or two percentiles such as p5 and p95";
    if (q.size() != 2) {
      throw cx.error(key, "needs exactly one parameter pair: " + forms + " (got " + (q.isEmpty() ? "none" : String.join(", ", names)) + ")", "give one pair");
    }
    double[] lo = q.get(0)[0] < q.get(1)[0] ? q.get(0) : q.get(1);
    double[] hi = lo == q.get(0) ? q.get(1) : q.get(0);
    String loKey = names.get(q.indexOf(lo));
    String hiKey = names.get(q.indexOf(hi));
    if (lo[0] == hi[0]) {
      throw cx.error(key, "two percentile keys name the same percentile", "give two different percentiles, e.g. p5 and p95");
    }
    if (log && !(lo[1] > 0)) {
      throw cx.error(key + "." + loKey, "a lognormal's percentiles must be > 0 (got " + lo[1] + ")", "use a normal for values that can be <= 0");
    }
    if (!(lo[1] < hi[1])) {
      throw cx.error(key, loKey + " must be < " + hiKey + " (got " + lo[1] + " and " + hi[1] + ")", "swap or correct them");
    }
    NormalDistribution std = NormalDistribution.of(0, 1);
    double zLo = std.inverseCumulativeProbability(lo[0]);
    double zHi = std.inverseCumulativeProbability(hi[0]);
    double xLo = log ? Math.log(lo[1]) : lo[1];
    double xHi = log ? Math.log(hi[1]) : hi[1];
    double scale = (xHi - xLo) / (zHi - zLo);
    return new double[] {xLo - scale * zLo, scale};
  }

  private static void onlyOneForm(Context cx, String key, Map<String, Double> v, String a, String b) {
    for (String k : v.keySet()) {
      if (!k.equals(a) && !k.equals(b) && !k.equals("min") && !k.equals("max")) {
        throw cx.error(key + "." + k, "mixes two ways of giving the distribution (" + a + "/" + b + " and " + k + ")", "keep one pair");
      }
    }
  }

  private static double need(Context cx, String key, Map<String, Double> v, String k) {
    Double x = v.get(k);
    if (x == null) {
      throw cx.error(key, "missing '" + k + "'", "add " + k + ": <number>");
    }
    return x;
  }

  private static double asNumber(Context cx, JsonNode node, String key) {
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isTextual()) {
      // YAML 1.1 reads 3.0e19 (no sign in the exponent) as text; accept anything Java reads as a number.
      String s = node.asText().trim().replace("_", "");
      try {
        if (!s.matches("(?i).*(nan|infinity).*")) {
          return Double.parseDouble(s);
        }
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw cx.error(key, "must be a number (got " + (node.isContainerNode() ? "a " + node.getNodeType().toString().toLowerCase() : "'" + node.asText() + "'") + ")", "write a plain number such as 0.155 or 3.0e19");
  }

  private static double number(Context cx, JsonNode root, String key, double fallback) {
    JsonNode n = root.get(key);
    return n == null || n.isNull() ? fallback : asNumber(cx, n, key);
  }

  private static String text(Context cx, JsonNode root, String key, String fallback) {
    JsonNode n = root.get(key);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isValueNode()) {
      throw cx.error(key, "must be a single line of text", "e.g. " + key + ": my-analysis");
    }
    return n.asText();
  }

  private static void checkKeys(Context cx, JsonNode node, String prefix, Set<String> allowed, String what) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        String path = prefix.isEmpty() ? k : prefix + "." + k;
        throw cx.error(path, "unknown key, not " + what, suggestion(k, allowed, "valid: " + String.join(", ", new TreeMap<>(toMap(allowed)).keySet())));
      }
    }
  }

  /** "did you mean 'X'?" when a valid key is within a couple of edits, else the fallback. */
  static String suggestion(String given, Collection<String> valid, String fallback) {
    LevenshteinDistance lev = LevenshteinDistance.getDefaultInstance();
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String v : new TreeMap<>(toMap(valid)).keySet()) {
      int d = lev.apply(given.toLowerCase(), v.toLowerCase());
      if (d < bestDistance) {
        best = v;
        bestDistance = d;
      }
    }
    boolean close = best != null && bestDistance <= Math.max(2, best.length() / 3);
    return close ? "did you mean '" + best + "'?" : fallback;
  }

  private static Map<String, Boolean> toMap(Collection<String> keys) {
    Map<String, Boolean> m = new HashMap<>();
    keys.forEach(k -> m.put(k, true));
    return m;
  }

  private static JsonNode parse(Path file, byte[] bytes) {
    try {
      return yamlMapper().readTree(bytes);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      String why = e.getOriginalMessage().split("\n")[0];
      throw new SpecException(file + (line > 0 ? ":" + line : "") + ": invalid YAML: " + why + "; check indentation, colons and quotes");
    } catch (IOException e) {
      throw new SpecException(file + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  private static ObjectMapper yamlMapper() {
    ObjectMapper m = new ObjectMapper(new YAMLFactory());
    m.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return m;
  }

  /** Line of every key, by dotted path ("params.alpha.sd"), read from the token stream. */
  private static Map<String, Integer> lineIndex(Path file, byte[] bytes) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser p = new YAMLFactory().createParser(bytes)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME) {
          String path = p.getParsingContext().pathAsPointer().toString().substring(1).replace('/', '.');
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

  private static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Where a problem is: the file and the line of each key. */
  static final class Context {
    private final Path file;
    private final Map<String, Integer> lines;

    Context(Path file, Map<String, Integer> lines) {
      this.file = file;
      this.lines = lines;
    }

    SpecException error(String key, String what, String fix) {
      Integer line = null;
      for (String k = key; line == null && !k.isEmpty(); k = k.contains(".") ? k.substring(0, k.lastIndexOf('.')) : "") {
        line = lines.get(k);
      }
      String where = file + (line != null ? ":" + line : "");
      return new SpecException(where + ": " + (key.isEmpty() ? "" : key + ": ") + what + "; " + fix);
    }
  }
}
