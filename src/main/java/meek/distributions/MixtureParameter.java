package meek.distributions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.numbers.rootfinder.BrentSolver;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * A mixture: with probability w_i a draw comes from component i. Its CDF is Σ w_i·F_i; its quantile is found
 * with Commons Numbers' Brent solver on the bracket [min_i Q_i(p), max_i Q_i(p)], which always holds it.
 */
public final class MixtureParameter implements ParameterDistribution {

  private static final BrentSolver SOLVER = new BrentSolver(1e-14, 1e-12, 0);

  private final ParameterDistribution[] components;
  private final double[] weights;
  private final double[] cumulative;

  private MixtureParameter(ParameterDistribution[] components, double[] weights) {
    this.components = components;
    this.weights = weights;
    this.cumulative = new double[weights.length];
    double c = 0;
    for (int i = 0; i < weights.length; i++) {
      c += weights[i];
      cumulative[i] = c;
    }
  }

  /** @param weights non-negative, summing to 1 within 1e-9 */
  public static MixtureParameter of(List<ParameterDistribution> components, double[] weights) {
    ContinuousParameter.require(!components.isEmpty(), "a mixture needs at least one component");
    ContinuousParameter.require(
        components.size() == weights.length,
        "a mixture needs one weight per component (%s components, %s weights)",
        components.size(),
        weights.length);
    double sum = 0;
    for (double w : weights) {
      ContinuousParameter.require(w >= 0 && Double.isFinite(w), "mixture weights must be >= 0 (got %s)", w);
      sum += w;
    }
    ContinuousParameter.require(Math.abs(sum - 1) <= 1e-9, "mixture weights must sum to 1 (they sum to %s)", sum);
    return new MixtureParameter(components.toArray(ParameterDistribution[]::new), weights.clone());
  }

  @Override
  public ContinuousSampler sampler(UniformRandomProvider rng) {
    ContinuousSampler[] parts = new ContinuousSampler[components.length];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = components[i].sampler(rng);
    }
    return () -> {
      double u = rng.nextDouble() * cumulative[cumulative.length - 1];
      int i = 0;
      while (i < cumulative.length - 1 && u >= cumulative[i]) {
        i++;
      }
      return parts[i].sample();
    };
  }

  @Override
  public double quantile(double p) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < components.length; i++) {
      if (weights[i] > 0) {
        double q = components[i].quantile(p);
        lo = Math.min(lo, q);
        hi = Math.max(hi, q);
      }
    }
    // Q(p) = inf{x : F(x) >= p} lies in [lo, hi]; with atoms (constant components) F may jump there
    if (lo == hi || cdf(lo) >= p) {
      return lo;
    }
    return SOLVER.findRoot(x -> cdf(x) - p, lo, hi);
  }

  /**
   * Truncating a mixture is exactly the mixture of its truncated components, reweighted by the mass each
   * keeps: w_i·P_i(lo ≤ X ≤ hi) / Σ. Sampling stays a component pick and a component draw (no root finding).
   */
  @Override
  public ParameterDistribution truncate(double lower, double upper) {
    ContinuousParameter.require(!Double.isNaN(lower) && !Double.isNaN(upper), "min and max must be numbers");
    ContinuousParameter.require(lower < upper, "min must be < max (got min %s, max %s)", lower, upper);
    if (lower == Double.NEGATIVE_INFINITY && upper == Double.POSITIVE_INFINITY) {
      return this;
    }
    List<ParameterDistribution> kept = new ArrayList<>();
    List<Double> mass = new ArrayList<>();
    double total = 0;
    for (int i = 0; i < components.length; i++) {
      ParameterDistribution c = components[i];
      double m = c.isConstant()
          ? (c.median() >= lower && c.median() <= upper ? 1 : 0)
          : Math.max(0, c.cdf(upper) - c.cdf(lower) + probabilityAt(c, lower));
      if (weights[i] > 0 && m > 0) {
        kept.add(c.truncate(lower, upper));
        mass.add(weights[i] * m);
        total += weights[i] * m;
      }
    }
    ContinuousParameter.require(total > 0, "truncation to %s leaves no probability mass; widen min/max", ContinuousParameter.bounds(lower, upper));
    double[] w = new double[kept.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = mass.get(i) / total;
    }
    // renormalised weights sum to 1 up to rounding; rescale so the constructor's check holds exactly
    double sum = 0;
    for (double x : w) {
      sum += x;
    }
    for (int i = 0; i < w.length; i++) {
      w[i] /= sum;
    }
    return new MixtureParameter(kept.toArray(ParameterDistribution[]::new), w);
  }

  /** P(X = x) for an empirical or constant component (0 for continuous ones), so a closed interval keeps its atoms. */
  private static double probabilityAt(ParameterDistribution c, double x) {
    if (c instanceof EmpiricalParameter || c.isConstant()) {
      return c.cdf(x) - c.cdf(Math.nextDown(x));
    }
    return 0;
  }

  @Override
  public double cdf(double x) {
    double c = 0;
    for (int i = 0; i < components.length; i++) {
      c += weights[i] * components[i].cdf(x);
    }
    return c;
  }

  @Override
  public double survival(double x) {
    double s = 0;
    for (int i = 0; i < components.length; i++) {
      s += weights[i] * components[i].survival(x);
    }
    return s;
  }

  @Override
  public double mean() {
    double m = 0;
    for (int i = 0; i < components.length; i++) {
      m += weights[i] * components[i].mean();
    }
    return m;
  }

  @Override
  public boolean isConstant() {
    return false;
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("dist", "mixture");
    List<Map<String, Object>> parts = new ArrayList<>();
    for (ParameterDistribution c : components) {
      parts.add(c.describe());
    }
    d.put("components", parts);
    List<Double> w = new ArrayList<>();
    for (double x : weights) {
      w.add(x);
    }
    d.put("weights", w);
    return d;
  }
}
