package meek.distributions;

import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/** The distribution of one model parameter, as resolved from a spec. Immutable and thread-safe. */
public interface ParameterDistribution {

  /**
   * A sampler drawing from this distribution with the given random stream. Built once per block of
   * samples (never per sample); the sampler itself is not thread-safe.
   */
  ContinuousSampler sampler(UniformRandomProvider rng);

  /** The p-quantile (0 &lt; p &lt; 1). */
  double quantile(double p);

  /** The median: what {@code meek point} evaluates the model at. */
  default double median() {
    return quantile(0.5);
  }

  /** True for a fixed value, which consumes no random numbers. */
  boolean isConstant();

  /** The resolved form, for manifests and {@code validate}: the family, its parameters, bounds. */
  Map<String, Object> describe();
}
