package meek.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import meek.distributions.Correlations;
import meek.distributions.ParameterDistribution;

/**
 * The {@code correlations:} block: a list of {@code {between: [a, b], rho: r}} rank correlations, or a
 * mapping {@code {pairs: [...], repair: nearest}} that accepts a repaired matrix when the pairs contradict
 * each other.
 */
final class CorrelationsReader {

  private final Where cx;

  CorrelationsReader(Where cx) {
    this.cx = cx;
  }

  /** @param dists every parameter of the spec, in the spec's order (the order of the copula) */
  Correlations read(JsonNode node, Map<String, ParameterDistribution> dists) {
    if (node == null || node.isNull()) {
      return Correlations.NONE;
    }
    boolean repair = false;
    JsonNode pairs = node;
    String prefix = "correlations";
    if (node.isObject()) {
      cx.checkKeys(node, "correlations", Set.of("pairs", "repair"), "a correlations key");
      JsonNode r = node.get("repair");
      if (r != null) {
        if (!r.asText().equals("nearest")) {
          throw cx.error("correlations.repair", "unknown repair " + Where.quoted(r), "the only repair is 'nearest'");
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
      Pair pair = pair(pairs.get(i), key, dists, numbers);
      String a = pair.a();
      String b = pair.b();
      for (String[] g : given) {
        if ((g[0].equals(a) && g[1].equals(b)) || (g[0].equals(b) && g[1].equals(a))) {
          throw cx.error(key, "the pair " + a + ", " + b + " is given twice", "keep one");
        }
      }
      given.add(new String[] {a, b});
      rhos.add(pair.rho());
    }
    // the correlated parameters in the spec's order, whichever block they come from
    List<String> names = new ArrayList<>();
    for (String p : dists.keySet()) {
      if (given.stream().anyMatch(g -> g[0].equals(p) || g[1].equals(p))) {
        names.add(p);
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
      throw cx.error("correlations", e.getMessage(),
          "lower the correlations that conflict, or add repair: nearest (correlations: {repair: nearest, pairs: [...]})");
    }
  }

  /** One {@code {between: [a, b], rho: r}}. */
  private record Pair(String a, String b, double rho) {}

  private Pair pair(JsonNode pair, String key, Map<String, ParameterDistribution> dists, DistributionParser numbers) {
    if (!pair.isObject()) {
      throw cx.error(key, "must be a mapping {between: [a, b], rho: r}", "e.g. - {between: [g_alg, g_hw], rho: 0.3}");
    }
    cx.checkKeys(pair, key, Set.of("between", "rho"), "a correlation key");
    JsonNode between = pair.get("between");
    if (between == null || !between.isArray() || between.size() != 2) {
      throw cx.error(key + ".between", "must name two parameters", "e.g. between: [g_alg, g_hw]");
    }
    String a = between.get(0).asText();
    String b = between.get(1).asText();
    for (String name : new String[] {a, b}) {
      if (!dists.containsKey(name)) {
        throw cx.error(key + ".between", "'" + name + "' is not a parameter",
            Suggest.closest(name, dists.keySet(), "parameters: " + String.join(", ", dists.keySet())));
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
    return new Pair(a, b, rho);
  }
}
