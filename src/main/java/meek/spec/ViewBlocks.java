package meek.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoublePredicate;
import meek.distributions.ConstantParameter;
import meek.distributions.ParameterDistribution;
import meek.model.BenchmarkView;
import meek.model.InferenceView;
import meek.model.Metric;
import meek.model.TokensView;
import meek.model.ViewOptions;

/**
 * The optional blocks of the views besides the loss gap (docs/MODEL.md §4–6): {@code benchmark:},
 * {@code discrimination:} and {@code inference:}. Their coefficients become parameters named as the model's
 * views name them ("benchmark.k", …), so any may be a distribution; what the paper left unstated has the
 * view's documented default. A constant outside its domain is an error here; a drawn value outside it is
 * an invalid draw.
 */
final class ViewBlocks {

  /** The top-level keys of these blocks. */
  static final Set<String> KEYS = Set.of(BenchmarkView.BLOCK, TokensView.BLOCK, InferenceView.BLOCK);

  /** The keys of an inference: block. */
  static final Set<String> INFERENCE_KEYS = Set.of("baseline_year", "g_inf", "C_inf0", "N0", "C_sota0");

  /** The keys of a discrimination: block: its coefficients and the calendar years to report. */
  static final Set<String> DISCRIMINATION_KEYS = discriminationKeys();

  private static Set<String> discriminationKeys() {
    Set<String> keys = new HashSet<>(TokensView.PARAMETERS);
    keys.add("years");
    return Set.copyOf(keys);
  }

  /** What --metric needs of a spec for a view: "a benchmark: block in the spec (L_mid, k". */
  static String needed(Metric metric) {
    switch (metric) {
      case BENCHMARK:
        return "a benchmark: block in the spec (L_mid, k";
      case TOKENS:
        return "a discrimination: block in the spec (epsilon, slowdown";
      case INFERENCE:
        return "an inference: block in the spec (g_inf, C_inf0 or N0, C_sota0";
      case INFERENCE_BENCHMARK:
        return "both a benchmark: block (L_mid, k) and an inference: block in the spec (g_inf, C_inf0 or N0, C_sota0";
      default:
        throw new IllegalArgumentException(metric.key() + " needs no block");
    }
  }

  private final Where cx;
  private final DistributionParser parser;
  private final Map<String, ParameterDistribution> dists;

  /** @param dists receives each block's parameters, in order */
  ViewBlocks(Where cx, DistributionParser parser, Map<String, ParameterDistribution> dists) {
    this.cx = cx;
    this.parser = parser;
    this.dists = dists;
  }

  /**
   * The options of every view the spec configures, in {@link Metric} order.
   *
   * @param schedules receives g_inf's boundaries when it follows a schedule
   */
  List<ViewOptions> read(JsonNode root, double baseline, Map<String, double[]> schedules) {
    List<ViewOptions> views = new ArrayList<>();
    if (root.has(BenchmarkView.BLOCK)) {
      views.add(benchmark(root.get(BenchmarkView.BLOCK)));
    }
    if (root.has(TokensView.BLOCK)) {
      views.add(discrimination(root.get(TokensView.BLOCK), baseline));
    }
    if (root.has(InferenceView.BLOCK)) {
      views.add(inference(root.get(InferenceView.BLOCK), schedules));
    }
    return views;
  }

  private BenchmarkView.Options benchmark(JsonNode bench) {
    if (!bench.isObject()) {
      throw cx.error("benchmark", "must be a mapping", "e.g. benchmark: {L_mid: 2.0, k: 8}");
    }
    cx.checkKeys(bench, "benchmark", new HashSet<>(BenchmarkView.PARAMETERS), "a benchmark coefficient");
    for (String k : BenchmarkView.PARAMETERS) {
      JsonNode v = bench.get(k);
      if (v == null && !BenchmarkView.DEFAULTS.containsKey(k)) {
        throw cx.error("benchmark", "missing '" + k + "' (the paper's fitted value was lost)",
            "give it, e.g. from a fit of the sigmoid to scores (L_mid: loss at the midpoint, k: steepness > 0)");
      }
      String name = BenchmarkView.parameter(k);
      dists.put(name, v == null ? new ConstantParameter(BenchmarkView.DEFAULTS.get(k)) : parser.parse(v, name));
    }
    double floor = dists.get(BenchmarkView.parameter("floor")).median();
    double ceiling = dists.get(BenchmarkView.parameter("ceiling")).median();
    constantIn(BenchmarkView.parameter("floor"), BenchmarkView.domain("floor")::contains, "must lie in [0, 1)",
        "e.g. floor: 0.25 for four choices");
    constantIn(BenchmarkView.parameter("ceiling"), v -> BenchmarkView.domain("ceiling").contains(v) && v > floor,
        "must lie in (floor, 1]", "e.g. ceiling: 1.0");
    constantIn(BenchmarkView.parameter("k"), BenchmarkView.domain("k")::contains, "must be > 0 (lower loss, higher score)", "e.g. k: 8");
    constantIn(BenchmarkView.parameter("steps"), BenchmarkView.domain("steps")::contains, "must be >= 1 (a task of p steps)", "e.g. steps: 1");
    if (!(ceiling > floor)) {
      throw cx.error("benchmark.ceiling", "must be above floor", "e.g. floor: 0.25, ceiling: 1.0");
    }
    return new BenchmarkView.Options();
  }

  private TokensView.Options discrimination(JsonNode disc, double baseline) {
    if (!disc.isObject()) {
      throw cx.error("discrimination", "must be a mapping", "e.g. discrimination: {epsilon: 0.05, slowdown: 1}");
    }
    cx.checkKeys(disc, "discrimination", DISCRIMINATION_KEYS, "a discrimination key");
    for (String k : TokensView.PARAMETERS) {
      JsonNode v = disc.get(k);
      String name = TokensView.parameter(k);
      dists.put(name, v == null ? new ConstantParameter(TokensView.DEFAULTS.get(k)) : parser.parse(v, name));
    }
    constantIn(TokensView.parameter("epsilon"), TokensView.domain("epsilon")::contains,
        "must lie in (0, 0.5): the error rate of each decision", "e.g. epsilon: 0.05");
    constantIn(TokensView.parameter("slowdown"), TokensView.domain("slowdown")::contains, "must be >= 1 (the Bayes slowdown)",
        "e.g. slowdown: 1");
    List<Double> years = new ArrayList<>();
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
        if (years.contains(year)) {
          throw cx.error("discrimination.years[" + i + "]", (year == Math.rint(year) ? String.valueOf((long) year) : String.valueOf(year)) + " is listed twice", "give each year once");
        }
        years.add(year);
      }
    }
    return new TokensView.Options(years);
  }

  private InferenceView.Options inference(JsonNode inf, Map<String, double[]> schedules) {
    if (!inf.isObject()) {
      throw cx.error("inference", "must be a mapping", "e.g. inference: {baseline_year: 2025, g_inf: 9, N0: 8e9, C_sota0: 5e25}");
    }
    cx.checkKeys(inf, "inference", INFERENCE_KEYS, "an inference key");
    if (inf.has("C_inf0") == inf.has("N0")) {
      throw cx.error("inference", "give exactly one of C_inf0 (the meek model's compute, FLOP) and N0 (its parameters)",
          "e.g. N0: 8.0e9 for an 8B-parameter model (C = 120·N0²)");
    }
    boolean fromParameters = inf.has("N0");
    if (!inf.has("baseline_year")) {
      throw cx.error("inference", "missing 'baseline_year' (the year of its start values)", "e.g. baseline_year: 2025");
    }
    double baseline = parser.number(inf.get("baseline_year"), "inference.baseline_year");
    if (!(Math.abs(baseline) <= SpecReader.MAX_YEAR)) {
      throw cx.error("inference.baseline_year", "must be a calendar year between -9999 and 9999 (got " + baseline + ")", "e.g. baseline_year: 2025");
    }
    for (String k : InferenceView.parameters(fromParameters)) {
      if (!inf.has(k)) {
        throw cx.error("inference", "missing '" + k + "'", "see distributions/README.md (inference)");
      }
      String name = InferenceView.parameter(k);
      if (name.equals(InferenceView.G_INF) && inf.get(k).isArray()) { // g_inf is a growth rate: it may follow a schedule
        Map<String, ParameterDistribution> later = new LinkedHashMap<>();
        schedules.put(name, new ScheduleParser(cx, parser).read(inf.get(k), name, name, dists, later));
        dists.putAll(later);
      } else {
        dists.put(name, parser.parse(inf.get(k), name));
      }
      constantIn(name, InferenceView.domain(k)::contains, "must be > 0", "give a positive number");
    }
    return new InferenceView.Options(baseline, fromParameters);
  }

  /** A constant coefficient must satisfy the rule (a distribution's bad draws are counted as invalid instead). */
  private void constantIn(String key, DoublePredicate ok, String what, String fix) {
    ParameterDistribution d = dists.get(key);
    if (d.isConstant() && !ok.test(d.median())) {
      throw cx.error(key, what + " (got " + d.median() + ")", fix);
    }
  }
}
