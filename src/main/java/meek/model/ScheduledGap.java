package meek.model;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.numbers.rootfinder.BrentSolver;

/**
 * The training gap when growth rates follow piecewise-constant schedules (docs/MODEL.md §7; paper appendix B).
 * With boundaries τ_0 = 0 &lt; τ_1 &lt; … and, on segment i, log-growth slopes s_a = ln(g_alg·g_hw) and
 * s_b = s_a + ln g_inv, the meek and SOTA log-compute grow piecewise linearly:
 *
 * <pre>
 *   ΔL(t) = K·(e^(−α·a(t)) − e^(−α·b(t))),   a(t) = Σ s_a·(time in each segment), b likewise
 * </pre>
 *
 * Inside a segment ΔL = P·e^(−α·s_a·u) − Q·e^(−α·s_b·u) (u = t − τ_i), the constant-rate shape, so its
 * stationary point and its inflection are closed forms; the peak is the best of those and the boundaries,
 * and a crossing is found by Brent's method (Commons Numbers) on a monotone piece that brackets it. With a
 * single segment everything reduces to {@link TrainingGap}. One instance per thread: it keeps scratch.
 */
public final class ScheduledGap {

  private final double[] bounds; // τ_1 … τ_{m−1}; the last segment is open
  private final double[] start; // τ_i of each segment
  private final double[] a0; // a(τ_i)
  private final double[] b0; // b(τ_i)
  private double[] sa;
  private double[] sb;
  private double alpha;
  private double k;
  private final BrentSolver solver = new BrentSolver(1e-13, 1e-14, 0);
  private final Level level = new Level();

  /** @param bounds the segment boundaries after 0, increasing (empty: one segment, constant rates) */
  public ScheduledGap(double[] bounds) {
    this.bounds = bounds.clone();
    int m = bounds.length + 1;
    start = new double[m];
    a0 = new double[m];
    b0 = new double[m];
    for (int i = 1; i < m; i++) {
      start[i] = bounds[i - 1];
    }
  }

  /** Loads one draw: K, α and each segment's slopes s_a and s_b. */
  public void set(double k, double alpha, double[] sa, double[] sb) {
    this.k = k;
    this.alpha = alpha;
    this.sa = sa;
    this.sb = sb;
    for (int i = 1; i < start.length; i++) {
      double len = start[i] - start[i - 1];
      a0[i] = a0[i - 1] + sa[i - 1] * len;
      b0[i] = b0[i - 1] + sb[i - 1] * len;
    }
  }

  private int segmentOf(double t) {
    int i = 0;
    while (i < bounds.length && t >= bounds[i]) {
      i++;
    }
    return i;
  }

  /** ΔL(t). */
  public double gap(double t) {
    int i = segmentOf(t);
    double u = t - start[i];
    return k * (Math.exp(-alpha * (a0[i] + sa[i] * u)) - Math.exp(-alpha * (b0[i] + sb[i] * u)));
  }

  /** K·e^(−α·a(t)): the meek model's loss above L0. */
  public double meekExcess(double t) {
    int i = segmentOf(t);
    return k * Math.exp(-alpha * (a0[i] + sa[i] * (t - start[i])));
  }

  /** K·e^(−α·b(t)): the SOTA model's loss above L0. */
  public double sotaExcess(double t) {
    int i = segmentOf(t);
    return k * Math.exp(-alpha * (b0[i] + sb[i] * (t - start[i])));
  }

  /** d/dt of {@link #meekExcess} (from the right). */
  public double meekExcessSlope(double t) {
    return -alpha * sa[segmentOf(t)] * meekExcess(t);
  }

  /** d/dt of {@link #sotaExcess} (from the right). */
  public double sotaExcessSlope(double t) {
    return -alpha * sb[segmentOf(t)] * sotaExcess(t);
  }

  /**
   * The first t ≥ 0 at which h0 − ∫r + α·b(t) ≤ 0, exactly (h is linear in each segment); +∞ if never. This is
   * the inference view's catch-up, with h0 = α·ln(C_sota0/C_inf0) and r_i = 2·α·ln g_inf in segment i.
   */
  public double firstLinearCrossing(double h0, double[] r) {
    double rIntegral = 0; // ∫ r up to the segment's start
    for (int i = 0; i < start.length; i++) {
      if (i > 0) {
        rIntegral += r[i - 1] * (start[i] - start[i - 1]);
      }
      double h = h0 - rIntegral + alpha * b0[i];
      if (h <= 0) {
        return start[i];
      }
      double slope = alpha * sb[i] - r[i];
      if (slope < 0) {
        double t = start[i] + h / -slope;
        if (t < end(i)) {
          return t;
        }
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  /** ∫₀ᵗ of a piecewise-constant rate given per segment (e.g. 2α·ln g_inf). */
  public double integral(double[] perSegment, double t) {
    int i = segmentOf(t);
    double sum = 0;
    for (int j = 0; j < i; j++) {
      sum += perSegment[j] * (start[j + 1] - start[j]);
    }
    return sum + perSegment[i] * (t - start[i]);
  }

  /** dΔL/dt from the right. */
  public double slope(double t) {
    int i = segmentOf(t);
    double u = t - start[i];
    return k * alpha * (-sa[i] * Math.exp(-alpha * (a0[i] + sa[i] * u)) + sb[i] * Math.exp(-alpha * (b0[i] + sb[i] * u)));
  }

  private double end(int i) {
    return i + 1 < start.length ? start[i + 1] : Double.POSITIVE_INFINITY;
  }

  /**
   * Where in segment i the weighted difference w_a·P·e^(−α s_a u) − w_b·Q·e^(−α s_b u) vanishes (w = s for the
   * slope, s² for the curvature), as a time; NaN if nowhere inside it.
   */
  private double turn(int i, double wa, double wb) {
    double p = k * Math.exp(-alpha * a0[i]);
    double q = k * Math.exp(-alpha * b0[i]);
    double ds = sb[i] - sa[i];
    if (ds == 0 || !(wa * p > 0) || !(wb * q > 0)) {
      return Double.NaN;
    }
    double u = Math.log(wb * q / (wa * p)) / (alpha * ds);
    double t = start[i] + u;
    return u > 0 && t < end(i) ? t : Double.NaN;
  }

  /**
   * The gap's supremum over t ≥ 0: {time, value}. Time +∞ when the last segment keeps the gap from shrinking
   * (s_a ≤ 0 there while the SOTA leads). Value ≤ 0 means the SOTA never leads.
   */
  public double[] peak() {
    double bestT = 0;
    double best = 0;
    for (int i = 0; i < start.length; i++) {
      double[] candidates = {start[i], turn(i, sa[i], sb[i])};
      for (double t : candidates) {
        if (!Double.isNaN(t)) {
          double g = gap(t);
          if (g > best) {
            best = g;
            bestT = t;
          }
        }
      }
    }
    int last = start.length - 1;
    if (sa[last] <= 0 && sb[last] > sa[last]) {
      // the last segment's gap never returns to zero: it grows, or tends to P·e^(−α s_a u) if s_a = 0
      double far = gap(start[last] + 1e6);
      if (far >= best) {
        return new double[] {Double.POSITIVE_INFINITY, sa[last] == 0 ? k * Math.exp(-alpha * a0[last]) : Double.POSITIVE_INFINITY};
      }
    }
    return new double[] {bestT, best};
  }

  /** The first time after {@code from} at which the gap falls to {@code target} (+∞ if never). */
  public double firstFallTo(double from, double target) {
    level.target = target;
    for (int i = segmentOf(from); i < start.length; i++) {
      double lo = Math.max(from, start[i]);
      double hi = end(i);
      if (hi == Double.POSITIVE_INFINITY) {
        if (sa[i] <= 0) {
          return Double.POSITIVE_INFINITY;
        }
        // the gap is below P·e^(−α s_a u), which reaches the target by then
        double p = k * Math.exp(-alpha * a0[i]);
        hi = start[i] + Math.max(0, Math.log(p / target) / (alpha * sa[i])) + 1e-9;
      }
      double turn = turn(i, sa[i], sb[i]);
      double[] cuts = Double.isNaN(turn) || turn <= lo ? new double[] {lo, hi} : new double[] {lo, turn, hi};
      for (int c = 0; c + 1 < cuts.length; c++) {
        double x = cuts[c];
        double y = cuts[c + 1];
        if (level.applyAsDouble(x) > 0 && level.applyAsDouble(y) <= 0) {
          return level.applyAsDouble(y) == 0 ? y : solver.findRoot(level, x, y);
        }
        if (level.applyAsDouble(x) <= 0) {
          return x;
        }
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  /**
   * Where the gap shrinks fastest after {@code from}: the smallest slope among each segment's inflection and
   * the segments' ends after {@code from} (the slope may jump at a boundary).
   */
  public double steepestDecline(double from) {
    double bestT = from;
    double best = slope(from);
    for (int i = segmentOf(from); i < start.length; i++) {
      double inflection = turn(i, sa[i] * sa[i], sb[i] * sb[i]);
      double[] candidates = {Math.max(from, start[i]), inflection};
      for (double t : candidates) {
        if (!Double.isNaN(t) && t >= from) {
          double s = slope(t);
          if (s < best) {
            best = s;
            bestT = t;
          }
        }
      }
      if (i + 1 < start.length) { // the left limit at the segment's end
        double t = end(i);
        double u = t - start[i];
        double s = k * alpha * (-sa[i] * Math.exp(-alpha * (a0[i] + sa[i] * u)) + sb[i] * Math.exp(-alpha * (b0[i] + sb[i] * u)));
        if (s < best) {
          best = s;
          bestT = t;
        }
      }
    }
    return bestT;
  }

  /** ΔL − target, for the solver; mutable so a solve allocates nothing. */
  private final class Level implements DoubleUnaryOperator {
    double target;

    @Override
    public double applyAsDouble(double t) {
      return gap(t) - target;
    }
  }
}
