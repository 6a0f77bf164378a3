package meek.stats;

import java.util.List;
import meek.model.ScalarOutput;

/**
 * The distribution of one scalar output across draws.
 *
 * @param output which output
 * @param n draws for which the output exists (those with no SOTA advantage have no peak, for example)
 * @param infinite how many of those n are +∞ ("never")
 * @param mean mean over the n draws (+∞ if any is infinite)
 * @param sd standard deviation over the n draws (NaN if any is infinite or n &lt; 2)
 * @param quantiles the reported quantiles, each with its confidence interval
 */
public record OutputSummary(
    ScalarOutput output, long n, long infinite, double mean, double sd, List<QuantileEstimate> quantiles) {

  /** The estimate at probability p, which must be one of the reported ones. */
  public QuantileEstimate at(double p) {
    for (QuantileEstimate q : quantiles) {
      if (q.p() == p) {
        return q;
      }
    }
    throw new IllegalArgumentException("not a reported quantile: " + p);
  }

  /**
   * The same distribution shifted by c, as another output (a calendar year from its duration): x ↦ c + x is
   * monotone, so every order statistic, quantile and interval moves by c and the spread stays.
   */
  public OutputSummary shifted(ScalarOutput as, double c) {
    return new OutputSummary(as, n, infinite, mean + c, sd,
        quantiles.stream().map(q -> new QuantileEstimate(q.p(), q.value() + c, q.ciLower() + c, q.ciUpper() + c)).toList());
  }
}
