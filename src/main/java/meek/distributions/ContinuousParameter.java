package meek.distributions;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.LogNormalDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TriangularDistribution;
import org.apache.commons.statistics.distribution.TruncatedNormalDistribution;
import org.apache.commons.statistics.distribution.UniformContinuousDistribution;

/**
 * A parameter drawn from a Commons Statistics distribution, optionally on a log scale (the parameter is
 * {@code exp} of a draw), which is how a truncated lognormal is built exactly: as the exponential of a
 * truncated normal.
 *
 * <p>Use the factories; they validate their arguments and throw {@link IllegalArgumentException} naming
 * the bad value, which the spec reader turns into a one-line error.
 */
public final class ContinuousParameter implements ParameterDistribution {

  private final ContinuousDistribution distribution;
  private final boolean logScale;
  private final Map<String, Object> description;

  private ContinuousParameter(
      ContinuousDistribution distribution, boolean logScale, Map<String, Object> description) {
    this.distribution = distribution;
    this.logScale = logScale;
    this.description = Collections.unmodifiableMap(new LinkedHashMap<>(description));
  }

  /** Normal(mean, sd), truncated to [lower, upper] (use ±∞ for no bound). */
  public static ContinuousParameter normal(double mean, double sd, double lower, double upper) {
    require(sd > 0 && Double.isFinite(sd), "sd must be a positive number (got %s)", sd);
    require(Double.isFinite(mean), "mean must be a finite number (got %s)", mean);
    checkBounds(lower, upper);
    Map<String, Object> d = header("normal");
    d.put("mean", mean);
    d.put("sd", sd);
    NormalDistribution parent = NormalDistribution.of(mean, sd);
    if (isTruncated(lower, upper)) {
      checkMass(parent.probability(lower, upper), lower, upper);
      putBounds(d, lower, upper);
      return new ContinuousParameter(
          TruncatedNormalDistribution.of(mean, sd, lower, upper), false, d);
    }
    return new ContinuousParameter(parent, false, d);
  }

  /** Lognormal: ln X ~ Normal(mu, sigma); truncated to [lower, upper] on the natural scale. */
  public static ContinuousParameter lognormal(double mu, double sigma, double lower, double upper) {
    require(sigma > 0 && Double.isFinite(sigma), "sigma must be a positive number (got %s)", sigma);
    require(Double.isFinite(mu), "mu must be a finite number (got %s)", mu);
    checkBounds(lower, upper);
    require(!(upper <= 0), "a lognormal is positive: max must be > 0 (got %s)", upper);
    Map<String, Object> d = header("lognormal");
    d.put("mu", mu);
    d.put("sigma", sigma);
    d.put("median", Math.exp(mu));
    d.put("gsd", Math.exp(sigma));
    boolean truncated = lower > 0 || upper < Double.POSITIVE_INFINITY;
    if (truncated) {
      double logLower = lower > 0 ? Math.log(lower) : Double.NEGATIVE_INFINITY;
      double logUpper = Math.log(upper);
      checkMass(NormalDistribution.of(mu, sigma).probability(logLower, logUpper), lower, upper);
      putBounds(d, lower, upper);
      return new ContinuousParameter(
          TruncatedNormalDistribution.of(mu, sigma, logLower, logUpper), true, d);
    }
    return new ContinuousParameter(LogNormalDistribution.of(mu, sigma), false, d);
  }

  /** Uniform on [min, max]. */
  public static ContinuousParameter uniform(double min, double max) {
    require(
        Double.isFinite(min) && Double.isFinite(max) && min < max,
        "uniform needs finite min < max (got min %s, max %s)",
        min,
        max);
    Map<String, Object> d = header("uniform");
    d.put("min", min);
    d.put("max", max);
    return new ContinuousParameter(UniformContinuousDistribution.of(min, max), false, d);
  }

  /** Triangular on [min, max] with the given mode. */
  public static ContinuousParameter triangular(double min, double mode, double max) {
    require(
        Double.isFinite(min) && Double.isFinite(max) && min < max,
        "triangular needs finite min < max (got min %s, max %s)",
        min,
        max);
    require(
        mode >= min && mode <= max, "triangular needs min <= mode <= max (got mode %s)", mode);
    Map<String, Object> d = header("triangular");
    d.put("min", min);
    d.put("mode", mode);
    d.put("max", max);
    return new ContinuousParameter(TriangularDistribution.of(min, mode, max), false, d);
  }

  @Override
  public ContinuousSampler sampler(UniformRandomProvider rng) {
    ContinuousDistribution.Sampler s = distribution.createSampler(rng);
    return logScale ? () -> Math.exp(s.sample()) : s::sample;
  }

  @Override
  public double quantile(double p) {
    double q = distribution.inverseCumulativeProbability(p);
    return logScale ? Math.exp(q) : q;
  }

  @Override
  public boolean isConstant() {
    return false;
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>(description);
    d.put("p5", quantile(0.05));
    d.put("p50", quantile(0.5));
    d.put("p95", quantile(0.95));
    return d;
  }

  private static Map<String, Object> header(String family) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("dist", family);
    return d;
  }

  private static boolean isTruncated(double lower, double upper) {
    return lower > Double.NEGATIVE_INFINITY || upper < Double.POSITIVE_INFINITY;
  }

  private static void checkBounds(double lower, double upper) {
    require(!Double.isNaN(lower) && !Double.isNaN(upper), "min and max must be numbers");
    require(lower < upper, "min must be < max (got min %s, max %s)", lower, upper);
  }

  private static void checkMass(double mass, double lower, double upper) {
    require(
        mass > 0,
        "truncation to [%s, %s] leaves no probability mass; widen min/max or move the distribution",
        lower,
        upper);
  }

  private static void putBounds(Map<String, Object> d, double lower, double upper) {
    if (lower > Double.NEGATIVE_INFINITY) {
      d.put("min", lower);
    }
    if (upper < Double.POSITIVE_INFINITY) {
      d.put("max", upper);
    }
  }

  private static void require(boolean ok, String format, Object... args) {
    if (!ok) {
      throw new IllegalArgumentException(String.format(format, args));
    }
  }
}
