package meek.model;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.numbers.rootfinder.BrentSolver;

/**
 * The benchmark gap's maximum along a loss path (docs/MODEL.md §4: it peaks at a different time than the loss
 * gap, with no closed form): the best of a log grid (t = 0 and 1e-3 … 1e3 years), refined to where the
 * analytic slope crosses zero with Brent's method (Commons Numbers) between the grid neighbours. A maximum
 * at the grid's far end means the gap still grows after 1000 years: time +∞, and the peak reported is the
 * gap at 1000 years. One per evaluator: a search allocates nothing.
 */
final class BenchmarkPeak {

  /** Grid points after t = 0, log-spaced from 1e-3 to 1e3 years. */
  static final int PEAK_GRID = 64;
  private static final double[] GRID = grid();

  private final BrentSolver solver = new BrentSolver(1e-12, 1e-14, 0);
  private final Slope slope = new Slope();

  private static double[] grid() {
    double[] g = new double[PEAK_GRID + 1];
    for (int j = 1; j <= PEAK_GRID; j++) {
      g[j] = 1e-3 * Math.pow(1e6, (j - 1) / (double) (PEAK_GRID - 1));
    }
    return g;
  }

  /**
   * Writes the peak's time at {@code out[time]} and its value (points) at {@code out[peak]}: NaN for both
   * when the gap is never positive, +∞ and the gap at 1000 years when it still grows there.
   *
   * @param c the sigmoid's coefficients (floor, ceiling, L_mid, k, steps)
   */
  void find(LossPath path, double l0, double[] c, double[] out, int time, int peak) {
    int best = 0;
    double bestGap = 0;
    for (int j = 1; j < GRID.length; j++) {
      double t = GRID[j];
      double g = BenchmarkMap.gapPoints(path.meek(t), path.sota(t), l0, c);
      if (g > bestGap) {
        bestGap = g;
        best = j;
      }
    }
    if (best == 0) { // never positive: no advantage on the benchmark
      out[time] = Double.NaN;
      out[peak] = Double.NaN;
      return;
    }
    if (best == GRID.length - 1) {
      out[time] = Double.POSITIVE_INFINITY;
      out[peak] = bestGap;
      return;
    }
    slope.set(path, l0, c);
    double lo = GRID[best - 1];
    double hi = GRID[best + 1];
    double t = GRID[best];
    if (slope.applyAsDouble(lo) > 0 && slope.applyAsDouble(hi) < 0) {
      t = solver.findRoot(slope, lo, hi);
    }
    double value = BenchmarkMap.gapPoints(path.meek(t), path.sota(t), l0, c);
    if (value < bestGap) { // the slope's root was a lesser turn: keep the grid's best
      t = GRID[best];
      value = bestGap;
    }
    out[time] = t;
    out[peak] = value;
  }

  /** d(benchmark gap)/dt of one draw, mutable so one instance serves every draw of a block. */
  private static final class Slope implements DoubleUnaryOperator {
    private LossPath path;
    private double l0;
    private double[] c;

    void set(LossPath path, double l0, double[] c) {
      this.path = path;
      this.l0 = l0;
      this.c = c;
    }

    @Override
    public double applyAsDouble(double t) {
      return BenchmarkMap.gapSlope(path.meek(t), path.meekSlope(t), path.sota(t), path.sotaSlope(t), l0, c);
    }
  }
}
