package meek.stats;

import meek.model.ScalarOutput;
import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * The paired difference A − B of one output over the draws where both exist, two runs having drawn with
 * common random numbers (draw i of each from the same random numbers).
 *
 * @param summary its quantiles (with confidence intervals), mean and sd
 * @param bothNever draws where both are +∞ ("never"), left out
 * @param pAGreater the share of draws with A &gt; B
 * @param pLower lower end of its exact 95% (Clopper–Pearson) interval
 * @param pUpper upper end
 */
public record PairedDifference(OutputSummary summary, long bothNever, double pAGreater, double pLower, double pUpper) {

  /** The paired difference of two columns of per-draw values (NaN: not defined for that draw). */
  public static PairedDifference of(ScalarOutput output, double[] a, double[] b) {
    double[] d = new double[a.length];
    long bothNever = 0;
    long defined = 0;
    long greater = 0;
    for (int i = 0; i < a.length; i++) {
      double x = a[i];
      double y = b[i];
      if (Double.isNaN(x) || Double.isNaN(y)) {
        d[i] = Double.NaN;
        continue;
      }
      if (x == Double.POSITIVE_INFINITY && y == Double.POSITIVE_INFINITY) {
        bothNever++;
        d[i] = Double.NaN;
        continue;
      }
      d[i] = x - y;
      defined++;
      if (x > y) {
        greater++;
      }
    }
    ScalarOutput name = new ScalarOutput(output.name(), output.unit(), "difference in " + output.description(), false);
    OutputSummary summary = QuantileSummarizer.summarize(name, d);
    double p = defined == 0 ? Double.NaN : (double) greater / defined;
    double lo = greater == 0 ? 0 : BetaDistribution.of(greater, defined - greater + 1).inverseCumulativeProbability(0.025);
    double hi = greater == defined ? 1 : BetaDistribution.of(greater + 1, defined - greater).inverseCumulativeProbability(0.975);
    return new PairedDifference(summary, bothNever, p, defined == 0 ? Double.NaN : lo, defined == 0 ? Double.NaN : hi);
  }
}
