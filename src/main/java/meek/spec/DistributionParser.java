package meek.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import meek.InputException;
import meek.distributions.ConstantParameter;
import meek.distributions.ContinuousParameter;
import meek.distributions.EmpiricalParameter;
import meek.distributions.MixtureParameter;
import meek.distributions.ParameterDistribution;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * One parameter's value in a spec → a {@link ParameterDistribution}. The forms are documented in
 * {@code distributions/README.md}; every problem becomes a one-line {@link InputException}.
 */
final class DistributionParser {

  private static final Pattern QUANTILE_KEY = Pattern.compile("p(\\d+(?:\\.\\d+)?)");
  /** The forms a {@code dist:} may name, each with the keys it takes. */
  enum Form {
    CONSTANT("constant", "value"),
    NORMAL("normal", "mean", "sd", "min", "max"),
    LOGNORMAL("lognormal", "p5", "p95", "median", "gsd", "mu", "sigma", "min", "max"),
    UNIFORM("uniform", "min", "max"),
    LOGUNIFORM("loguniform", "min", "max"),
    TRIANGULAR("triangular", "min", "mode", "max"),
    PERT("pert", "min", "mode", "max", "lambda"),
    BETA("beta", "a", "b", "min", "max"),
    GAMMA("gamma", "shape", "scale", "rate", "min", "max"),
    STUDENT_T("student_t", "location", "scale", "dof", "min", "max"),
    EMPIRICAL("empirical", "values", "file", "column", "min", "max"),
    MIXTURE("mixture", "components", "weights", "min", "max");

    /** Every form's name, sorted, for messages. */
    static final Set<String> NAMES = new TreeSet<>(Arrays.stream(values()).map(f -> f.key).toList());

    final String key;
    final Set<String> keys;

    Form(String key, String... keys) {
      this.key = key;
      this.keys = Set.of(keys);
    }

    /** Whether min/max are the family's own bounds or scaling, not a truncation. */
    boolean ownBounds() {
      return this == UNIFORM || this == LOGUNIFORM || this == TRIANGULAR || this == PERT || this == BETA;
    }

    /** Whether the form may be given by any two percentiles (p10, p90, …). */
    boolean takesPercentiles() {
      return this == NORMAL || this == LOGNORMAL;
    }

    static Form byKey(String key) {
      for (Form f : values()) {
        if (f.key.equals(key)) {
          return f;
        }
      }
      return null;
    }
  }

  /** A number written as text: YAML 1.1 reads 3.0e19 so (the schema's "number" pattern is the same). */
  private static final Pattern TEXT_NUMBER = Pattern.compile("[-+]?[0-9_]*(\\.[0-9_]*)?([eE][-+]?[0-9][0-9_]*)?");

  private static final Map<String, Double> SHORTHAND = Map.of("ci80", 0.80, "ci90", 0.90, "ci95", 0.95);

  private final Where where;
  /** The data files the spec's empirical laws read, in order. */
  private final List<Path> files = new ArrayList<>();

  DistributionParser(Where where) {
    this.where = where;
  }

  /** The data files read so far. */
  List<Path> files() {
    return List.copyOf(files);
  }

  ParameterDistribution parse(JsonNode node, String key) {
    if (!node.isObject()) {
      return new ConstantParameter(number(node, key));
    }
    Map<String, JsonNode> fields = fields(node);
    JsonNode distNode = fields.remove("dist");
    if (distNode == null) {
      return shorthand(fields, key);
    }
    String dist = distNode.asText();
    Form form = Form.byKey(dist);
    if (form == null) {
      throw where.error(key + ".dist", "unknown distribution '" + dist + "'",
          Suggest.closest(dist, Form.NAMES, "use one of " + String.join(", ", Form.NAMES)));
    }
    Set<String> allowed = form.keys;
    for (String k : fields.keySet()) {
      if (!allowed.contains(k) && !k.equals("truncate") && !(form.takesPercentiles() && QUANTILE_KEY.matcher(k).matches())) {
        throw where.error(key + "." + k, "unknown key for a " + dist + " distribution",
            Suggest.closest(k, allowed, "valid keys: " + String.join(", ", new TreeSet<>(allowed))));
      }
    }
    double lower = fields.containsKey("min") ? number(fields.get("min"), key + ".min") : Double.NEGATIVE_INFINITY;
    double upper = fields.containsKey("max") ? number(fields.get("max"), key + ".max") : Double.POSITIVE_INFINITY;
    double[] cut = truncation(fields, key);
    try {
      ParameterDistribution d = build(form, fields, key);
      d = form.ownBounds() ? d : d.truncate(lower, upper);
      return cut == null ? d : d.truncate(cut[0], cut[1]);
    } catch (IllegalArgumentException e) {
      throw where.error(key, e.getMessage(), "see distributions/README.md for the forms of '" + dist + "'");
    }
  }

  private ParameterDistribution build(Form form, Map<String, JsonNode> f, String key) {
    switch (form) {
      case CONSTANT:
        return new ConstantParameter(need(f, key, "value"));
      case UNIFORM:
        return ContinuousParameter.uniform(need(f, key, "min"), need(f, key, "max"));
      case LOGUNIFORM:
        return ContinuousParameter.loguniform(need(f, key, "min"), need(f, key, "max"));
      case TRIANGULAR:
        return ContinuousParameter.triangular(need(f, key, "min"), need(f, key, "mode"), need(f, key, "max"));
      case PERT:
        return ContinuousParameter.pert(need(f, key, "min"), need(f, key, "mode"), need(f, key, "max"), optional(f, key, "lambda", 4));
      case BETA:
        return ContinuousParameter.beta(need(f, key, "a"), need(f, key, "b"), optional(f, key, "min", 0), optional(f, key, "max", 1));
      case GAMMA:
        {
          if (f.containsKey("scale") == f.containsKey("rate")) {
            throw where.error(key, "gamma needs exactly one of scale and rate", "add shape: and scale: (or rate:)");
          }
          double scale = f.containsKey("scale") ? need(f, key, "scale") : 1 / need(f, key, "rate");
          return ContinuousParameter.gamma(need(f, key, "shape"), scale);
        }
      case STUDENT_T:
        return ContinuousParameter.studentT(need(f, key, "location"), need(f, key, "scale"), need(f, key, "dof"));
      case NORMAL:
        if (f.containsKey("mean") || f.containsKey("sd")) {
          onlyOneForm(f, key, "mean", "sd");
          return ContinuousParameter.normal(need(f, key, "mean"), need(f, key, "sd"));
        }
        {
          double[] ms = fromPercentiles(f, key, false);
          return ContinuousParameter.normal(ms[0], ms[1]);
        }
      case LOGNORMAL:
        if (f.containsKey("median") || f.containsKey("gsd")) {
          onlyOneForm(f, key, "median", "gsd");
          double median = need(f, key, "median");
          double gsd = need(f, key, "gsd");
          if (!(median > 0)) {
            throw where.error(key + ".median", "a lognormal's median must be > 0 (got " + median + ")", "give a positive median");
          }
          if (!(gsd > 1)) {
            throw where.error(key + ".gsd", "the geometric standard deviation must be > 1 (got " + gsd + ")", "e.g. gsd: 1.5");
          }
          return ContinuousParameter.lognormal(Math.log(median), Math.log(gsd));
        }
        if (f.containsKey("mu") || f.containsKey("sigma")) {
          onlyOneForm(f, key, "mu", "sigma");
          return ContinuousParameter.lognormal(need(f, key, "mu"), need(f, key, "sigma"));
        }
        {
          double[] ms = fromPercentiles(f, key, true);
          return ContinuousParameter.lognormal(ms[0], ms[1]);
        }
      case EMPIRICAL:
        return empirical(f, key);
      case MIXTURE:
        return mixture(f, key);
      default:
        throw new IllegalStateException(form.key);
    }
  }

  /**
   * {@code truncate: [lo, hi]}, accepted by every form (use null or .inf for an open end): the way to
   * truncate a family whose min/max are its own bounds (uniform, loguniform, triangular, pert, beta).
   */
  private double[] truncation(Map<String, JsonNode> f, String key) {
    JsonNode t = f.get("truncate");
    if (t == null) {
      return null;
    }
    if (!t.isArray() || t.size() != 2) {
      throw where.error(key + ".truncate", "must be a pair [lo, hi]", "e.g. truncate: [2, 8] (null for an open end)");
    }
    double lo = t.get(0).isNull() ? Double.NEGATIVE_INFINITY : number(t.get(0), key + ".truncate[0]");
    double hi = t.get(1).isNull() ? Double.POSITIVE_INFINITY : number(t.get(1), key + ".truncate[1]");
    return new double[] {lo, hi};
  }

  /** {ci90: [lo, hi]}: a lognormal with those 5th and 95th percentiles when lo > 0, else a normal. */
  private ParameterDistribution shorthand(Map<String, JsonNode> f, String key) {
    String form = null;
    for (String k : f.keySet()) {
      if (SHORTHAND.containsKey(k)) {
        if (form != null) {
          throw where.error(key + "." + k, "gives two intervals (" + form + " and " + k + ")", "keep one");
        }
        form = k;
      } else if (!k.equals("min") && !k.equals("max") && !k.equals("truncate")) {
        throw where.error(key + "." + k, "a distribution needs 'dist:' (or the shorthand ci90: [lo, hi])",
            Suggest.closest(k, SHORTHAND.keySet(), "add dist: one of " + String.join(", ", Form.NAMES)));
      }
    }
    if (form == null) {
      throw where.error(key, "a distribution needs 'dist:'", "add dist: one of " + String.join(", ", Form.NAMES) + ", or write ci90: [lo, hi]");
    }
    JsonNode pair = f.get(form);
    if (!pair.isArray() || pair.size() != 2) {
      throw where.error(key + "." + form, "must be a pair [lo, hi]", "e.g. " + form + ": [2.0, 4.0]");
    }
    double lo = number(pair.get(0), key + "." + form + "[0]");
    double hi = number(pair.get(1), key + "." + form + "[1]");
    if (!(lo < hi)) {
      throw where.error(key + "." + form, "lo must be < hi (got " + lo + " and " + hi + ")", "swap or correct them");
    }
    double tail = (1 - SHORTHAND.get(form)) / 2;
    double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(1 - tail);
    double lower = f.containsKey("min") ? number(f.get("min"), key + ".min") : Double.NEGATIVE_INFINITY;
    double upper = f.containsKey("max") ? number(f.get("max"), key + ".max") : Double.POSITIVE_INFINITY;
    try {
      ParameterDistribution d = lo > 0
          ? ContinuousParameter.lognormal((Math.log(lo) + Math.log(hi)) / 2, (Math.log(hi) - Math.log(lo)) / (2 * z))
          : ContinuousParameter.normal((lo + hi) / 2, (hi - lo) / (2 * z));
      double[] cut = truncation(f, key);
      d = d.truncate(lower, upper);
      return cut == null ? d : d.truncate(cut[0], cut[1]);
    } catch (IllegalArgumentException e) {
      throw where.error(key, e.getMessage(), "see distributions/README.md");
    }
  }

  private ParameterDistribution empirical(Map<String, JsonNode> f, String key) {
    if (f.containsKey("values") == f.containsKey("file")) {
      throw where.error(key, "empirical needs exactly one of values: [...] and file: (with column:)", "e.g. values: [2.1, 2.8, 3.5]");
    }
    if (f.containsKey("values")) {
      JsonNode values = f.get("values");
      if (!values.isArray() || values.isEmpty()) {
        throw where.error(key + ".values", "must be a non-empty list of numbers", "e.g. values: [2.1, 2.8, 3.5]");
      }
      double[] v = new double[values.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = number(values.get(i), key + ".values[" + i + "]");
      }
      return EmpiricalParameter.of(v, "inline");
    }
    if (!f.containsKey("column")) {
      throw where.error(key, "an empirical file needs column:", "add column: <header of the column to use>");
    }
    String column = f.get("column").asText();
    Path csv = where.file().toAbsolutePath().getParent().resolve(f.get("file").asText()).normalize();
    files.add(csv);
    return EmpiricalParameter.of(readColumn(csv, column, key), f.get("file").asText() + ":" + column);
  }

  private double[] readColumn(Path csv, String column, String key) {
    try (CSVParser p = CsvInput.open(csv)) {
      if (!p.getHeaderMap().containsKey(column)) {
        throw where.error(key + ".column", csv.getFileName() + " has no column '" + column + "'",
            Suggest.closest(column, p.getHeaderMap().keySet(), "its columns: " + String.join(", ", p.getHeaderNames())));
      }
      List<Double> values = new ArrayList<>();
      for (CSVRecord rec : p) {
        CsvInput.checkWidth(csv, p, rec);
        values.add(CsvInput.number(csv, rec, column, false));
      }
      if (values.isEmpty()) {
        throw where.error(key + ".file", csv.getFileName() + " has no data rows", "add rows under the header");
      }
      return values.stream().mapToDouble(Double::doubleValue).toArray();
    } catch (NoSuchFileException e) {
      throw where.error(key + ".file", "no such file " + csv, "the path is relative to the spec's folder");
    } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException e) {
      throw where.error(key + ".file", "cannot read " + csv + " as CSV (" + CsvInput.why(e) + ")", "give a CSV file with a header row");
    }
  }

  private ParameterDistribution mixture(Map<String, JsonNode> f, String key) {
    JsonNode comps = f.get("components");
    JsonNode weights = f.get("weights");
    if (comps == null || !comps.isArray() || comps.isEmpty()) {
      throw where.error(key + ".components", "a mixture needs a list of components", "e.g. components: [{dist: normal, mean: 1, sd: 0.1}, 2.0]");
    }
    if (weights == null || !weights.isArray()) {
      throw where.error(key + ".weights", "a mixture needs weights: [...], one per component, summing to 1", "e.g. weights: [0.7, 0.3]");
    }
    List<ParameterDistribution> parts = new ArrayList<>();
    for (int i = 0; i < comps.size(); i++) {
      parts.add(parse(comps.get(i), key + ".components[" + i + "]"));
    }
    double[] w = new double[weights.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = number(weights.get(i), key + ".weights[" + i + "]");
    }
    return MixtureParameter.of(parts, w);
  }

  /** Location and scale from two percentiles, e.g. {p5: 2, p95: 4}; for a lognormal, of ln X. */
  private double[] fromPercentiles(Map<String, JsonNode> f, String key, boolean log) {
    TreeMap<Double, String> byP = new TreeMap<>();
    for (String k : f.keySet()) {
      Matcher m = QUANTILE_KEY.matcher(k);
      if (m.matches()) {
        double pct = Double.parseDouble(m.group(1));
        if (!(pct > 0 && pct < 100)) {
          throw where.error(key + "." + k, "a percentile key must lie strictly between p0 and p100", "e.g. p5 and p95");
        }
        if (byP.put(pct / 100, k) != null) {
          throw where.error(key, "two keys name the same percentile", "give two different percentiles, e.g. p5 and p95");
        }
      }
    }
    String forms = log ? "p5 and p95 (or any two percentiles), median and gsd, or mu and sigma" : "mean and sd, or two percentiles such as p5 and p95";
    if (byP.size() != 2) {
      throw where.error(key, "needs exactly one parameter pair: " + forms + " (got " + (byP.isEmpty() ? "none" : String.join(", ", byP.values())) + ")", "give one pair");
    }
    double pLo = byP.firstKey();
    double pHi = byP.lastKey();
    String loKey = byP.get(pLo);
    String hiKey = byP.get(pHi);
    double xLo = number(f.get(loKey), key + "." + loKey);
    double xHi = number(f.get(hiKey), key + "." + hiKey);
    if (log && !(xLo > 0)) {
      throw where.error(key + "." + loKey, "a lognormal's percentiles must be > 0 (got " + xLo + ")", "use a normal for values that can be <= 0");
    }
    if (!(xLo < xHi)) {
      throw where.error(key, loKey + " must be < " + hiKey + " (got " + xLo + " and " + xHi + ")", "swap or correct them");
    }
    NormalDistribution std = NormalDistribution.of(0, 1);
    double zLo = std.inverseCumulativeProbability(pLo);
    double zHi = std.inverseCumulativeProbability(pHi);
    double a = log ? Math.log(xLo) : xLo;
    double b = log ? Math.log(xHi) : xHi;
    double scale = (b - a) / (zHi - zLo);
    return new double[] {a - scale * zLo, scale};
  }

  private void onlyOneForm(Map<String, JsonNode> f, String key, String a, String b) {
    for (String k : f.keySet()) {
      if (!k.equals(a) && !k.equals(b) && !k.equals("min") && !k.equals("max")) {
        throw where.error(key + "." + k, "mixes two ways of giving the distribution (" + a + "/" + b + " and " + k + ")", "keep one pair");
      }
    }
  }

  private double need(Map<String, JsonNode> f, String key, String k) {
    JsonNode n = f.get(k);
    if (n == null) {
      throw where.error(key, "missing '" + k + "'", "add " + k + ": <number>");
    }
    return number(n, key + "." + k);
  }

  private double optional(Map<String, JsonNode> f, String key, String k, double fallback) {
    return f.containsKey(k) ? number(f.get(k), key + "." + k) : fallback;
  }

  double number(JsonNode node, String key) {
    if (node.isNumber()) {
      double v = node.asDouble();
      if (Double.isNaN(v)) { // .nan, through an alias
        throw where.error(key, "must be a finite number (got .nan)", "write a finite number such as 0.155 or 3.0e19");
      }
      if (!Double.isFinite(v)) { // 1e400 overflows to infinity (and .inf through an alias)
        throw overflow(key);
      }
      return v;
    }
    if (node.isTextual()) {
      // YAML 1.1 reads 3.0e19 (no sign in the exponent) as text; accept anything Java reads as a number
      String t = node.asText().trim();
      String s = t.replace("_", "");
      // decimal or scientific digits only (1e1_0 too), the same text schema/spec.schema.json accepts: not
      // Java's hex floats or 1f
      if (TEXT_NUMBER.matcher(t).matches() && s.matches(".*[0-9].*")) {
        try {
          double v = Double.parseDouble(s);
          if (!Double.isFinite(v)) {
            throw overflow(key);
          }
          return v;
        } catch (NumberFormatException e) {
          // reported below
        }
      }
    }
    String got = node.isArray() ? "a list" : node.isObject() ? "a mapping" : Where.quoted(node);
    throw where.error(key, "must be a number (got " + got + ")", "write a plain number such as 0.155 or 3.0e19");
  }

  /** 1e400 reads as +∞: name the key rather than report it later as outside its domain. */
  private InputException overflow(String key) {
    return where.error(key, "must be a finite number (got ±.inf, or one beyond the largest double, 1.8e308)", "write a finite number such as 0.155 or 3.0e19");
  }

  private static Map<String, JsonNode> fields(JsonNode node) {
    Map<String, JsonNode> m = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      m.put(e.getKey(), e.getValue());
    }
    return m;
  }
}
