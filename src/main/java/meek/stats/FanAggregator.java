package meek.stats;

import meek.model.GapOutcome;
import meek.model.MonteCarloModel;
import meek.sampling.Parallel;
import meek.sampling.SampleSet;
import org.apache.commons.statistics.descriptive.Mean;

/**
 * Exact per-step quantiles of the gap across draws. The gap is evaluated from each draw's stored state a
 * few time steps at a time ({@link #ROWS_AT_ONCE} rows of N doubles), so memory holds the per-draw state
 * plus a handful of rows, never the whole steps × draws table.
 */
public final class FanAggregator {

  /** Time steps evaluated and summarised together; bounds the fan's extra memory to this many × N doubles. */
  public static final int ROWS_AT_ONCE = 8;

  private FanAggregator() {}

  /** Extra bytes the fan needs for n draws. */
  public static long bytesFor(long n) {
    return ROWS_AT_ONCE * 8L * n + 4L * n;
  }

  public static FanData aggregate(
      MonteCarloModel model, SampleSet set, double[] times, double baselineYear, Parallel parallel) {
    int[] valid = validDraws(set);
    int n = valid.length;
    int steps = times.length;
    double[][] quantiles = new double[steps][];
    double[] means = new double[steps];
    double[][] rows = new double[Math.min(ROWS_AT_ONCE, steps)][n];
    double[][] state = set.state();
    for (int first = 0; first < steps; first += rows.length) {
      int start = first;
      int count = Math.min(rows.length, steps - first);
      parallel.forEach(
          count,
          r -> {
            double t = times[start + r];
            double[] row = rows[r];
            for (int i = 0; i < n; i++) {
              row[i] = model.fanValue(state, valid[i], t);
            }
            means[start + r] = n == 0 ? Double.NaN : Mean.of(row).getAsDouble();
            quantiles[start + r] = n == 0 ? nans() : QuantileSummarizer.quantilesInPlace(row, n);
          });
    }
    double[] years = new double[steps];
    for (int j = 0; j < steps; j++) {
      years[j] = baselineYear + times[j];
    }
    return new FanData(times.clone(), years, quantiles, means, n, model.fanUnit());
  }

  private static double[] nans() {
    double[] q = new double[QuantileSummarizer.PROBABILITIES.length];
    java.util.Arrays.fill(q, Double.NaN);
    return q;
  }

  private static int[] validDraws(SampleSet set) {
    int n = set.size() - (int) set.count(GapOutcome.INVALID);
    int[] valid = new int[n];
    int k = 0;
    for (int i = 0; i < set.size(); i++) {
      if (set.outcome(i) != GapOutcome.INVALID) {
        valid[k++] = i;
      }
    }
    return valid;
  }
}
