package meek.model;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.numbers.rootfinder.BrentSolver;

/**
 * The training-loss gap between a meek and a SOTA model (paper §2, eqs 1–4; docs/MODEL.md §1).
 *
 * <pre>
 *   ΔL(t) = K·(G^(−αt) − (G·g_inv)^(−αt)),   K = A·C0^(−α),  G = g_alg·g_hw
 * </pre>
 *
 * <p>With a = ln G and c = ln g_inv the gap is {@code K·e^(−αat)·(1 − e^(−αct))}. Its shape depends only on
 * ρ = c/a: in the dimensionless time u = αat it is {@code φ(u) = e^(−u)·(1 − e^(−ρu))}, with its maximum at
 * u* = ln(1+ρ)/ρ. Everything here is written in that form, with {@code log1p}/{@code expm1}, so that a → 0+
 * (huge t*) and small t keep full precision.
 *
 * <p>Functions on primitives, for hot loops. Times with no closed form (the fall below a fraction of the
 * peak) use Brent's method from Commons Numbers, on a bracket known in closed form.
 */
public final class TrainingGap {

  private TrainingGap() {}

  /** K = A·C0^(−α): the gap's scale in nats. */
  public static double scaleK(double a, double alpha, double c0) {
    return a * Math.exp(-alpha * Math.log(c0));
  }

  /** Classifies the draw by the signs of ln g_inv and ln G (parameters assumed valid). */
  public static GapOutcome classify(double lnG, double lnGinv) {
    if (!(lnGinv > 0)) {
      return GapOutcome.NO_ADVANTAGE;
    }
    return lnG > 0 ? GapOutcome.CONVERGES : GapOutcome.NEVER_CONVERGES;
  }

  /** ΔL(t) = K·e^(−rate·t)·(1 − e^(−excess·t)) with rate = α·ln G and excess = α·ln g_inv. */
  public static double gap(double k, double rate, double excess, double t) {
    return k * Math.exp(-rate * t) * oneMinusExpNeg(excess * t);
  }

  /** u* = ln(1+ρ)/ρ, the dimensionless time of the maximum (ρ &gt; 0). */
  public static double peakU(double rho) {
    return log1p(rho) / rho;
  }

  /** φ(u*) = ΔL* ÷ K = (ρ/(1+ρ))·(1+ρ)^(−1/ρ) (docs/MODEL.md §1: (1 − a/b)·(a/b)^(a/(b−a))). */
  public static double peakFraction(double rho) {
    return rho / (1 + rho) * Math.exp(-log1p(rho) / rho);
  }

  /** φ(u) = e^(−u)·(1 − e^(−ρu)), the gap in units of K at dimensionless time u. */
  public static double shape(double rho, double u) {
    return Math.exp(-u) * oneMinusExpNeg(rho * u);
  }

  /**
   * 1 − e^(−x) to full relative precision. {@code Math.expm1} and {@code Math.log1p} are not JIT intrinsics
   * (they run StrictMath's Java code, about 3× the cost of {@code Math.exp}, and showed in profiles), so they
   * are used only where cancellation needs them: below 0.5, where 1 − e^(−x) &lt; 0.4. Above, the rounding
   * of e^(−x) costs at most 1.1e-16 absolute, under 3e-16 relative.
   */
  static double oneMinusExpNeg(double x) {
    return x < 0.5 ? -Math.expm1(-x) : 1 - Math.exp(-x);
  }

  /** ln(1 + x), by {@code Math.log1p} only below 0.5 (see {@link #oneMinusExpNeg}): 1 + x rounds within 1.1e-16 relative, ln(1.5) &gt; 0.4. */
  static double log1p(double x) {
    return x < 0.5 ? Math.log1p(x) : Math.log(1 + x);
  }

  /**
   * Finds the fall of φ below a fraction of its peak. For the fractions the model reports (½ and 1/10) the
   * root u_f(ρ) is read off a cubic spline over ln ρ (Commons Math, built once from Brent solves) whose error
   * is bounded once for the whole table, not checked per draw: {@code RootTableErrorBoundTest} compares the
   * spline with Brent's roots at 32 points per piece and adds a Lipschitz bound for the points between, and
   * the bound stays below {@link #CERTIFIED_RELATIVE_ERROR} (the per-draw check it replaces cost 4 exp, about
   * 80 ns of 500 per draw). Where the table does not cover ρ, Brent's method (Commons Numbers) solves on the
   * closed-form bracket. One instance per thread or block: a solve allocates nothing.
   */
  public static final class ConvergenceSolver {

    /** The table's roots are within this relative distance of the true root (proved for the table by a test). */
    public static final double CERTIFIED_RELATIVE_ERROR = 1e-9;

    // u is dimensionless and O(1..100); 1e-13 in u is far below any reported precision.
    private final BrentSolver solver = new BrentSolver(1e-13, 1e-14, 0);
    private final Shape shape = new Shape();
    private long certified;
    private long solved;
    /** u*, φ(u*) and ln ρ of the last ρ seen: a draw asks for t*, the peak and two fractions of the same ρ. */
    private double lastRho = Double.NaN;
    private double lastPeakU;
    private double lastPeakFraction;
    private double lastLnRho;

    private void remember(double rho) {
      if (rho != lastRho) {
        lastRho = rho;
        lastPeakU = TrainingGap.peakU(rho);
        // = peakFraction(rho), whose exponent is −u*: written with u* so that ln(1+ρ) is taken once
        lastPeakFraction = rho / (1 + rho) * Math.exp(-lastPeakU);
        lastLnRho = Math.log(rho);
      }
    }

    /** u* = ln(1+ρ)/ρ, as {@link TrainingGap#peakU}, kept for the solves of the same ρ that follow. */
    public double peakU(double rho) {
      remember(rho);
      return lastPeakU;
    }

    /** φ(u*), as {@link TrainingGap#peakFraction}, kept likewise. */
    public double peakFraction(double rho) {
      remember(rho);
      return lastPeakFraction;
    }

    /**
     * t_f for a converging draw: the table's root inside its range, else {@link #solveByBrent}.
     *
     * @param rate α·ln G (&gt; 0), converting u back to years
     * @param rho ln g_inv / ln G (&gt; 0)
     */
    public double timeBelowFractionOfPeak(double rate, double rho, double fraction) {
      RootTable table = fraction == 0.5 ? RootTable.HALF : fraction == 0.1 ? RootTable.TENTH : null;
      if (table != null && table.covers(rho)) {
        certified++;
        // ln ρ of the draw's ρ, kept from t* and the peak when they asked for it already
        return table.root(rho == lastRho ? lastLnRho : Math.log(rho)) / rate;
      }
      solved++;
      return solveByBrent(rate, rho, fraction);
    }

    /**
     * Solves φ(u) = f·φ(u*) by Brent's method on [u*, ln(1/(f·φ(u*)))]: the upper end is a valid bracket
     * because φ(u) &lt; e^(−u), so φ is already below f·φ(u*) there. Also the reference the spline is
     * checked against.
     */
    public double solveByBrent(double rate, double rho, double fraction) {
      double uPeak = peakU(rho);
      double target = fraction * peakFraction(rho);
      double uHigh = -Math.log(target);
      shape.rho = rho;
      shape.target = target;
      if (uHigh <= uPeak) {
        return uPeak / rate;
      }
      // φ(uHigh) < target mathematically; when e^(−ρ·uHigh) vanishes beside 1 they agree to rounding,
      // and then uHigh is the root to within rounding too
      double u = shape.applyAsDouble(uHigh) >= 0 ? uHigh : solver.findRoot(shape, uPeak, uHigh);
      return u / rate;
    }

    /** Roots read off the table so far (its bound holds for all of them: no per-root check remains). */
    public long certified() {
      return certified;
    }

    /** Solves that needed Brent's method so far. */
    public long solved() {
      return solved;
    }
  }

  /**
   * u_f(ρ) for one fraction f as a natural cubic spline over x = ln ρ, on knots solved by Brent's method;
   * built once, on first use.
   */
  static final class RootTable {
    /**
     * Used for ρ from 1e-3 to 1e3 (ln g_inv / ln G of any plausible prior; Brent beyond). The knots reach
     * 0.5 further in ln ρ on both sides, because a natural spline is least accurate near its ends; 1,665
     * knots, spacing 0.009 in ln ρ. Building both tables (3,330 Brent solves) takes about 20 ms of a cold start.
     */
    static final double RHO_MIN = 1e-3;
    static final double RHO_MAX = 1e3;
    private static final double X_MIN = Math.log(RHO_MIN) - 0.5;
    private static final double X_MAX = Math.log(RHO_MAX) + 0.5;
    static final int KNOTS = 1665;
    // (after the constants above: static fields initialise in textual order)
    static final RootTable HALF = new RootTable(0.5);
    static final RootTable TENTH = new RootTable(0.1);

    private final double step;
    /**
     * The spline's cubic pieces, their coefficients copied into one flat array (4 per piece, constant term
     * first): a profile showed the pieces' separate objects and arrays costing more than the arithmetic. The
     * knots are uniform, so a piece is found by division, not binary search.
     */
    private final double[] coefficients;
    private final double[] knots;

    private RootTable(double fraction) {
      this(fraction, KNOTS);
    }

    /** A table with another number of knots (the error-bound test shows a coarser one fails the bound). */
    RootTable(double fraction, int knotCount) {
      step = (X_MAX - X_MIN) / (knotCount - 1);
      double[] x = new double[knotCount];
      double[] u = new double[knotCount];
      ConvergenceSolver brent = new ConvergenceSolver();
      for (int i = 0; i < knotCount; i++) {
        x[i] = X_MIN + (X_MAX - X_MIN) * i / (knotCount - 1);
        u[i] = brent.solveByBrent(1, Math.exp(x[i]), fraction);
      }
      var spline = new org.apache.commons.math3.analysis.interpolation.SplineInterpolator().interpolate(x, u);
      var pieces = spline.getPolynomials();
      coefficients = new double[4 * pieces.length];
      for (int i = 0; i < pieces.length; i++) {
        double[] c = pieces[i].getCoefficients(); // a natural cubic spline's pieces have degree ≤ 3
        System.arraycopy(c, 0, coefficients, 4 * i, c.length);
      }
      knots = spline.getKnots();
    }

    boolean covers(double rho) {
      return rho >= RHO_MIN && rho <= RHO_MAX;
    }

    /** The knot spacing in ln ρ. */
    double step() {
      return step;
    }

    /** u_f at ρ = e^lnRho. */
    double root(double lnRho) {
      double x = Math.min(X_MAX, Math.max(X_MIN, lnRho));
      int i = Math.min(knots.length - 2, (int) ((x - X_MIN) / step));
      double h = x - knots[i]; // each piece is a polynomial in the distance from its knot (Horner's rule)
      int c = 4 * i;
      return coefficients[c] + h * (coefficients[c + 1] + h * (coefficients[c + 2] + h * coefficients[c + 3]));
    }
  }

  /** φ(u) − target, mutable so that one instance serves every solve of a block. */
  private static final class Shape implements DoubleUnaryOperator {
    double rho;
    double target;

    @Override
    public double applyAsDouble(double u) {
      return shape(rho, u) - target;
    }
  }
}
