package meek.stats;

/**
 * The fan chart's numbers: at each time step, the quantiles of the gap across draws and its mean.
 *
 * @param times years since the baseline
 * @param years calendar years
 * @param quantiles {@code quantiles[step][k]} at {@link QuantileSummarizer#PROBABILITIES}[k]
 * @param means the mean gap at each step
 * @param draws how many draws each step summarises (valid draws)
 * @param metric which quantity this fan charts
 * @param relativeAccuracy each quantile is within this relative error of a sample value at rank
 *     ⌊p·(n−1)⌋ (DDSketch's guarantee); the means are exact
 * @param clamped values beyond the bins' range (|gap| beyond the bin of 2^30, about 1.07e9), counted at the range's end
 */
public record FanData(
    double[] times,
    double[] years,
    double[][] quantiles,
    double[] means,
    long draws,
    meek.model.Metric metric,
    double relativeAccuracy,
    long clamped) {

  /** The quantile at probability p (one of the reported ones) for every step. */
  public double[] band(double p) {
    int k = -1;
    for (int i = 0; i < QuantileSummarizer.PROBABILITIES.length; i++) {
      if (QuantileSummarizer.PROBABILITIES[i] == p) {
        k = i;
      }
    }
    if (k < 0) {
      throw new IllegalArgumentException("not a reported quantile: " + p);
    }
    double[] out = new double[times.length];
    for (int j = 0; j < times.length; j++) {
      out[j] = quantiles[j][k];
    }
    return out;
  }
}
