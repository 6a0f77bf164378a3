package meek.distributions;

import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * The distribution of one model parameter, as resolved from a spec. Immutable and thread-safe.
 *
 * <p>Every distribution has an exact quantile function, which is how designs (Latin hypercube, Sobol) and
 * correlations (a Gaussian copula) turn uniforms into draws; {@link #sampler} may be faster for plain Monte
 * Carlo but draws from the same law.
 */
public interface ParameterDistribution {

  /**
   * A sampler drawing from this distribution with the given random stream. Built once per block of
   * samples (never per sample); the sampler itself is not thread-safe.
   */
  default ContinuousSampler sampler(UniformRandomProvider rng) {
    return () -> quantile(rng.nextDouble());
  }

  /**
   * Laws whose {@link #sampler}s turn the same stream into comonotone draws (each a rising function of one
   * underlying variate) share a family: "normal" (normal and lognormal, both from one ziggurat normal) and
   * "uniform" (uniform: one uniform); null for any other law. A comparison keeps the samplers of a
   * parameter its specs draw from one family, and otherwise draws it through the normal in every spec.
   */
  default String samplerFamily() {
    return null;
  }

  /** The p-quantile, 0 ≤ p &lt; 1 (inverse CDF). */
  double quantile(double p);

  /** P(X ≤ x). */
  double cdf(double x);

  /** P(X &gt; x), accurate in the upper tail. */
  default double survival(double x) {
    return 1 - cdf(x);
  }

  /** The x with P(X &gt; x) = s, accurate for small s. */
  default double quantileFromSurvival(double s) {
    return quantile(1 - s);
  }

  /** The mean. */
  double mean();

  /** The median: what {@code meek point} evaluates the model at. */
  default double median() {
    return quantile(0.5);
  }

  /** True for a fixed value, which consumes no random numbers. */
  boolean isConstant();

  /** Fills a column with draws: {@code column[0 … count)}. */
  interface ColumnSampler {
    void fill(double[] column, int count);
  }

  /**
   * A loop of the law's own that fills a column from {@code rng}, the JIT compiling it for that law alone (one
   * sample() call site shared by every law's sampler is megamorphic), or null when it has none. It draws the same
   * values, in the same order, as {@link #sampler}'s sample, and keeps no state but {@code rng}: a column and
   * single draws from one stream may follow each other.
   */
  default ColumnSampler columnSampler(UniformRandomProvider rng) {
    return null;
  }

  /** The resolved form, for manifests and {@code validate}: the family, its parameters, bounds. */
  Map<String, Object> describe();

  /**
   * This distribution restricted to [lower, upper] (±∞ for no bound), exactly: drawn through the CDF,
   * never by rejection.
   *
   * @throws IllegalArgumentException if the bounds are out of order or leave no probability mass
   */
  default ParameterDistribution truncate(double lower, double upper) {
    return TruncatedParameter.of(this, lower, upper);
  }
}
