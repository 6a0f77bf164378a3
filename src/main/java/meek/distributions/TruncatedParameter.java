package meek.distributions;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A distribution restricted to [lower, upper], drawn exactly through its CDF: u ↦ F⁻¹(F(lo) + u·(F(hi) −
 * F(lo))), worked on the survival side when the interval lies in the upper tail so that precision is kept.
 * No rejection loop, so a far-tail truncation cannot spin.
 */
final class TruncatedParameter implements ParameterDistribution {

  private final ParameterDistribution base;
  private final double lower;
  private final double upper;
  private final boolean upperTail;
  private final double from;
  private final double to;
  private final double mass;

  private TruncatedParameter(ParameterDistribution base, double lower, double upper) {
    this.base = base;
    this.lower = lower;
    this.upper = upper;
    double cdfLower = base.cdf(lower);
    // above the median, survival probabilities are the precise ones
    this.upperTail = cdfLower > 0.5;
    this.from = upperTail ? base.survival(lower) : cdfLower;
    this.to = upperTail ? base.survival(upper) : base.cdf(upper);
    this.mass = Math.abs(to - from);
  }

  static ParameterDistribution of(ParameterDistribution base, double lower, double upper) {
    ContinuousParameter.require(!Double.isNaN(lower) && !Double.isNaN(upper), "min and max must be numbers");
    ContinuousParameter.require(lower < upper, "min must be < max (got min %s, max %s)", lower, upper);
    if (lower == Double.NEGATIVE_INFINITY && upper == Double.POSITIVE_INFINITY) {
      return base;
    }
    TruncatedParameter t = new TruncatedParameter(base, lower, upper);
    ContinuousParameter.require(
        t.mass > 0,
        "truncation to %s leaves no probability mass; widen min/max or move the distribution",
        ContinuousParameter.bounds(lower, upper));
    return t;
  }

  @Override
  public double quantile(double p) {
    double x = upperTail
        ? base.quantileFromSurvival(from - p * (from - to))
        : base.quantile(from + p * (to - from));
    return Math.min(upper, Math.max(lower, x));
  }

  @Override
  public double cdf(double x) {
    if (x < lower) {
      return 0;
    }
    if (x >= upper) {
      return 1;
    }
    return upperTail ? (from - base.survival(x)) / mass : (base.cdf(x) - from) / mass;
  }

  @Override
  public double mean() {
    return Moments.meanFromQuantiles(this);
  }

  @Override
  public boolean isConstant() {
    return false;
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>(base.describe());
    if (lower > Double.NEGATIVE_INFINITY) {
      d.put("min", lower);
    }
    if (upper < Double.POSITIVE_INFINITY) {
      d.put("max", upper);
    }
    d.put("mass_kept", mass);
    return d;
  }
}
