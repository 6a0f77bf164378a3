package meek.distributions;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.apache.commons.statistics.distribution.LogNormalDistribution;
import org.apache.commons.statistics.distribution.LogUniformDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.distribution.TriangularDistribution;
import org.apache.commons.statistics.distribution.TruncatedNormalDistribution;
import org.apache.commons.statistics.distribution.UniformContinuousDistribution;

/**
 * A parameter X = g(Y) where Y follows a Commons Statistics distribution and g(y) = shift + scale·y,
 * followed by exp when on a log scale: an increasing map, so quantiles and CDFs carry over exactly. This is
 * how a scaled beta, a located and scaled Student t, a PERT and a truncated lognormal (the exponential of a
 * truncated normal) are built from library distributions.
 *
 * <p>Use the factories; they validate their arguments and throw {@link IllegalArgumentException} naming
 * the bad value, which the spec reader turns into a one-line error.
 */
public final class ContinuousParameter implements ParameterDistribution {

  private final ContinuousDistribution y;
  private final double shift;
  private final double scale;
  private final boolean logScale;
  /** The normal behind an untruncated normal or lognormal, so that truncation can use the exact truncated normal. */
  private final Normal normal;
  /** Which of Y's inverse functions is exact here (see {@link Tail}). */
  private final Tail tail;
  private final Map<String, Object> description;

  /** A normal law of X (or, for a lognormal, of ln X). */
  private record Normal(double mu, double sigma, boolean ofLog) {}

  /**
   * Where a truncated normal's interval lies. Commons Statistics 1.3's truncated normal inverts only one
   * side exactly when the interval sits far in a tail (measured: on [8, ∞) its inverse CDF gives 8.0766 for
   * the median, whose CDF is 0.465, and +∞ for p = 0.99, and its sampler draws +∞, while its inverse survival
   * function is right), so quantiles and draws go through the side away from the mean.
   */
  private enum Tail { NONE, UPPER, LOWER }

  private ContinuousParameter(
      ContinuousDistribution y, double shift, double scale, boolean logScale, Normal normal, Tail tail, Map<String, Object> description) {
    this.y = y;
    this.shift = shift;
    this.scale = scale;
    this.logScale = logScale;
    this.normal = normal;
    this.tail = tail;
    this.description = Collections.unmodifiableMap(new LinkedHashMap<>(description));
  }

  private static ContinuousParameter plain(ContinuousDistribution d, Map<String, Object> description) {
    return new ContinuousParameter(d, 0, 1, false, null, Tail.NONE, description);
  }

  private static ContinuousParameter scaled(ContinuousDistribution d, double shift, double scale, Map<String, Object> description) {
    return new ContinuousParameter(d, shift, scale, false, null, Tail.NONE, description);
  }

  /** [lo, hi] in words for messages, an open end as ∞: "[5.0, ∞)". */
  static String bounds(double lower, double upper) {
    return (lower == Double.NEGATIVE_INFINITY ? "(−∞" : "[" + lower) + ", " + (upper == Double.POSITIVE_INFINITY ? "∞)" : upper + "]");
  }

  /** Normal(mean, sd). */
  public static ContinuousParameter normal(double mean, double sd) {
    require(sd > 0 && Double.isFinite(sd), "sd must be a positive number (got %s)", sd);
    require(Double.isFinite(mean), "mean must be a finite number (got %s)", mean);
    return new ContinuousParameter(NormalDistribution.of(mean, sd), 0, 1, false, new Normal(mean, sd, false), Tail.NONE,
        header("normal", "mean", mean, "sd", sd));
  }

  /** Lognormal: ln X ~ Normal(mu, sigma). */
  public static ContinuousParameter lognormal(double mu, double sigma) {
    require(sigma > 0 && Double.isFinite(sigma), "sigma must be a positive number (got %s)", sigma);
    require(Double.isFinite(mu), "mu must be a finite number (got %s)", mu);
    Map<String, Object> d = header("lognormal", "mu", mu, "sigma", sigma);
    d.put("median", Math.exp(mu));
    d.put("gsd", Math.exp(sigma));
    return new ContinuousParameter(LogNormalDistribution.of(mu, sigma), 0, 1, false, new Normal(mu, sigma, true), Tail.NONE, d);
  }

  /** Uniform on [min, max]. */
  public static ContinuousParameter uniform(double min, double max) {
    requireRange("uniform", min, max);
    return plain(UniformContinuousDistribution.of(min, max), header("uniform", "min", min, "max", max));
  }

  /** Log-uniform on [min, max]: ln X uniform. */
  public static ContinuousParameter loguniform(double min, double max) {
    requireRange("loguniform", min, max);
    require(min > 0, "loguniform needs min > 0 (got %s)", min);
    return plain(LogUniformDistribution.of(min, max), header("loguniform", "min", min, "max", max));
  }

  /** Triangular on [min, max] with the given mode. */
  public static ContinuousParameter triangular(double min, double mode, double max) {
    requireRange("triangular", min, max);
    require(mode >= min && mode <= max, "triangular needs min <= mode <= max (got mode %s)", mode);
    Map<String, Object> d = header("triangular", "min", min, "max", max);
    d.put("mode", mode);
    return plain(TriangularDistribution.of(min, mode, max), d);
  }

  /** Beta-PERT on [min, max] with the given mode: min + (max − min)·Beta(1 + λ(mode−min)/(max−min), 1 + λ(max−mode)/(max−min)). */
  public static ContinuousParameter pert(double min, double mode, double max, double lambda) {
    requireRange("pert", min, max);
    require(mode >= min && mode <= max, "pert needs min <= mode <= max (got mode %s)", mode);
    require(lambda > 0 && Double.isFinite(lambda), "pert needs lambda > 0 (got %s)", lambda);
    double width = max - min;
    double a = 1 + lambda * (mode - min) / width;
    double b = 1 + lambda * (max - mode) / width;
    Map<String, Object> d = header("pert", "min", min, "max", max);
    d.put("mode", mode);
    d.put("lambda", lambda);
    d.put("beta_a", a);
    d.put("beta_b", b);
    return scaled(BetaDistribution.of(a, b), min, width, d);
  }

  /** Beta(a, b) scaled to [min, max] (default [0, 1]). */
  public static ContinuousParameter beta(double a, double b, double min, double max) {
    require(a > 0 && Double.isFinite(a), "beta needs a > 0 (got %s)", a);
    require(b > 0 && Double.isFinite(b), "beta needs b > 0 (got %s)", b);
    requireRange("beta", min, max);
    Map<String, Object> d = header("beta", "a", a, "b", b);
    d.put("min", min);
    d.put("max", max);
    return scaled(BetaDistribution.of(a, b), min, max - min, d);
  }

  /** Gamma with the given shape and scale. */
  public static ContinuousParameter gamma(double shape, double scale) {
    require(shape > 0 && Double.isFinite(shape), "gamma needs shape > 0 (got %s)", shape);
    require(scale > 0 && Double.isFinite(scale), "gamma needs scale > 0 (got %s)", scale);
    return plain(GammaDistribution.of(shape, scale), header("gamma", "shape", shape, "scale", scale));
  }

  /** location + scale·T with T a Student t of the given degrees of freedom. */
  public static ContinuousParameter studentT(double location, double scale, double dof) {
    require(Double.isFinite(location), "student_t needs a finite location (got %s)", location);
    require(scale > 0 && Double.isFinite(scale), "student_t needs scale > 0 (got %s)", scale);
    require(dof > 0, "student_t needs dof > 0 (got %s)", dof);
    Map<String, Object> d = header("student_t", "location", location, "scale", scale);
    d.put("dof", dof);
    return scaled(TDistribution.of(dof), location, scale, d);
  }

  @Override
  public ParameterDistribution truncate(double lower, double upper) {
    require(!Double.isNaN(lower) && !Double.isNaN(upper), "min and max must be numbers");
    require(lower < upper, "min must be < max (got min %s, max %s)", lower, upper);
    if (lower == Double.NEGATIVE_INFINITY && upper == Double.POSITIVE_INFINITY) {
      return this;
    }
    if (normal == null) {
      return TruncatedParameter.of(this, lower, upper);
    }
    // normal or lognormal: Commons Statistics' truncated normal, inverted on its exact side
    boolean log = normal.ofLog();
    require(!(log && upper <= 0), "a lognormal is positive: max must be > 0 (got %s)", upper);
    double lo = log ? (lower > 0 ? Math.log(lower) : Double.NEGATIVE_INFINITY) : lower;
    double hi = log ? Math.log(upper) : upper;
    double mass = NormalDistribution.of(normal.mu(), normal.sigma()).probability(lo, hi);
    require(mass > 0, "truncation to %s leaves no probability mass; widen min/max or move the distribution", bounds(lower, upper));
    Map<String, Object> d = new LinkedHashMap<>(description);
    if (lower > Double.NEGATIVE_INFINITY) {
      d.put("min", lower);
    }
    if (upper < Double.POSITIVE_INFINITY) {
      d.put("max", upper);
    }
    d.put("mass_kept", mass);
    Tail tail = lo > normal.mu() ? Tail.UPPER : hi < normal.mu() ? Tail.LOWER : Tail.NONE;
    return new ContinuousParameter(TruncatedNormalDistribution.of(normal.mu(), normal.sigma(), lo, hi), 0, 1, log, null, tail, d);
  }

  @Override
  public String samplerFamily() {
    if (tail != Tail.NONE || shift != 0 || scale != 1 || logScale) {
      return null;
    }
    return y instanceof NormalDistribution || y instanceof LogNormalDistribution ? "normal"
        : y instanceof UniformContinuousDistribution ? "uniform" : null;
  }

  @Override
  public ContinuousSampler sampler(UniformRandomProvider rng) {
    if (tail == Tail.UPPER) { // by inversion on the survival side (1 − u lies in (0, 1]: never the open end)
      return () -> forward(y.inverseSurvivalProbability(1 - rng.nextDouble()));
    }
    ContinuousDistribution.Sampler s = y.createSampler(rng);
    if (logScale) {
      return () -> Math.exp(shift + scale * s.sample());
    }
    if (shift == 0 && scale == 1) {
      return s::sample;
    }
    return () -> shift + scale * s.sample();
  }

  /**
   * An untruncated normal or lognormal fills its column in a loop of its own: the library's samplers of these
   * laws are Commons RNG's GaussianSampler and LogNormalSampler over a ziggurat normal, mean + sd·z and
   * exp(μ + σ·z), so these loops draw the same values bit for bit (a test holds them to it); the ziggurat keeps
   * no state but the generator.
   */
  @Override
  public ColumnSampler columnSampler(UniformRandomProvider rng) {
    if (normal == null || tail != Tail.NONE || logScale || shift != 0 || scale != 1) {
      return null;
    }
    ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
    double mu = normal.mu();
    double sigma = normal.sigma();
    if (normal.ofLog()) {
      return (column, count) -> {
        for (int i = 0; i < count; i++) {
          column[i] = Math.exp(mu + sigma * z.sample());
        }
      };
    }
    return (column, count) -> {
      for (int i = 0; i < count; i++) {
        column[i] = mu + sigma * z.sample();
      }
    };
  }

  private double forward(double v) {
    double x = shift + scale * v;
    return logScale ? Math.exp(x) : x;
  }

  private double backward(double x) {
    double v = logScale ? (x > 0 ? Math.log(x) : Double.NEGATIVE_INFINITY) : x;
    return (v - shift) / scale;
  }

  @Override
  public double quantile(double p) {
    return forward(tail == Tail.UPPER ? y.inverseSurvivalProbability(1 - p) : y.inverseCumulativeProbability(p));
  }

  @Override
  public double quantileFromSurvival(double s) {
    return forward(tail == Tail.LOWER ? y.inverseCumulativeProbability(1 - s) : y.inverseSurvivalProbability(s));
  }

  @Override
  public double cdf(double x) {
    return y.cumulativeProbability(backward(x));
  }

  @Override
  public double survival(double x) {
    return y.survivalProbability(backward(x));
  }

  @Override
  public double mean() {
    if (!logScale) {
      return shift + scale * y.getMean();
    }
    return Moments.meanFromQuantiles(this);
  }

  @Override
  public boolean isConstant() {
    return false;
  }

  @Override
  public Map<String, Object> describe() {
    return new LinkedHashMap<>(description);
  }

  private static Map<String, Object> header(String family, String k1, double v1, String k2, double v2) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("dist", family);
    d.put(k1, v1);
    d.put(k2, v2);
    return d;
  }

  private static void requireRange(String family, double min, double max) {
    require(
        Double.isFinite(min) && Double.isFinite(max) && min < max,
        "%s needs finite min < max (got min %s, max %s)",
        family,
        min,
        max);
  }

  static void require(boolean ok, String format, Object... args) {
    if (!ok) {
      throw new IllegalArgumentException(String.format(format, args));
    }
  }
}
