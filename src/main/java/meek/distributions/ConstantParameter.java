package meek.distributions;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/** A parameter fixed at one value (a bare number in a spec). */
public record ConstantParameter(double value) implements ParameterDistribution {

  @Override
  public ContinuousSampler sampler(UniformRandomProvider rng) {
    return () -> value;
  }

  @Override
  public double quantile(double p) {
    return value;
  }

  @Override
  public double cdf(double x) {
    return x >= value ? 1 : 0;
  }

  @Override
  public double mean() {
    return value;
  }

  @Override
  public boolean isConstant() {
    return true;
  }

  @Override
  public ParameterDistribution truncate(double lower, double upper) {
    if (!(value >= lower && value <= upper)) {
      throw new IllegalArgumentException(
          String.format("the constant %s lies outside [%s, %s]", value, lower, upper));
    }
    return this;
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("dist", "constant");
    d.put("value", value);
    return d;
  }
}
