package meek.distributions;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * Resampling of observed values: each draw is one of the values, all equally likely (the empirical
 * distribution). Its quantile function is the inverse of the empirical CDF, x₍⌊p·n⌋₊₁₎.
 */
public final class EmpiricalParameter implements ParameterDistribution {

  private final double[] sorted;
  private final String source;

  private EmpiricalParameter(double[] sorted, String source) {
    this.sorted = sorted;
    this.source = source;
  }

  /** @param source where the values came from ("inline" or "file.csv:column"), for manifests */
  public static EmpiricalParameter of(double[] values, String source) {
    ContinuousParameter.require(values.length > 0, "empirical needs at least one value");
    for (double v : values) {
      ContinuousParameter.require(Double.isFinite(v), "empirical values must be finite numbers (got %s)", v);
    }
    double[] s = values.clone();
    Arrays.sort(s);
    return new EmpiricalParameter(s, source);
  }

  @Override
  public ContinuousSampler sampler(UniformRandomProvider rng) {
    return () -> sorted[rng.nextInt(sorted.length)];
  }

  @Override
  public double quantile(double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
  }

  @Override
  public double cdf(double x) {
    int i = Arrays.binarySearch(sorted, x);
    if (i < 0) {
      return (double) (-i - 1) / sorted.length;
    }
    while (i + 1 < sorted.length && sorted[i + 1] == x) {
      i++;
    }
    return (double) (i + 1) / sorted.length;
  }

  @Override
  public double mean() {
    return Arrays.stream(sorted).sum() / sorted.length;
  }

  @Override
  public boolean isConstant() {
    return false;
  }

  /** Truncation keeps the values inside [lower, upper]. */
  @Override
  public ParameterDistribution truncate(double lower, double upper) {
    ContinuousParameter.require(lower < upper, "min must be < max (got min %s, max %s)", lower, upper);
    double[] kept = Arrays.stream(sorted).filter(v -> v >= lower && v <= upper).toArray();
    ContinuousParameter.require(kept.length > 0, "no empirical value lies in %s; widen min/max", ContinuousParameter.bounds(lower, upper));
    return new EmpiricalParameter(kept, source);
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("dist", "empirical");
    d.put("source", source);
    d.put("values", sorted.length);
    d.put("min", sorted[0]);
    d.put("max", sorted[sorted.length - 1]);
    return d;
  }
}
