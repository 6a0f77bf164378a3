package meek.stats;

/**
 * A sample quantile with a confidence interval for the true quantile.
 *
 * @param p the probability (0.5 for the median)
 * @param value the sample quantile (+∞ when it falls among "never" values)
 * @param ciLower lower end of the confidence interval (order statistic)
 * @param ciUpper upper end of the confidence interval (order statistic)
 */
public record QuantileEstimate(double p, double value, double ciLower, double ciUpper) {

  /** The key used in JSON and CSV: p5, p50, p99, p2.5 … */
  public String key() {
    return key(p);
  }

  public static String key(double p) {
    double pct = p * 100;
    return "p" + (pct == Math.rint(pct) ? String.valueOf((long) pct) : String.valueOf(pct));
  }
}
