package meek.model;

import java.util.Arrays;
import java.util.List;

/**
 * The training-loss gap (docs/MODEL.md §1, paper §2, eqs 1–4; with schedules §7), the view every run reports:
 * draws α, A, L0, C0, g_alg, g_hw, g_inv (and the later segments of any scheduled rate) and reports t*, its
 * calendar year, ΔL*, the time of steepest decline and the times at which the gap falls below half and a
 * tenth of its peak (with their calendar years). It runs first and fills the {@link LossDraw} the other
 * views read.
 */
public final class LossView implements View {

  public static final String ALPHA = "alpha";
  public static final String A = "A";
  public static final String L0 = "L0";
  public static final String C0 = "C0";
  public static final String G_ALG = "g_alg";
  public static final String G_HW = "g_hw";
  public static final String G_INV = "g_inv";

  /** The parameters every spec must give, in draw order. */
  public static final List<String> PARAMETERS = List.of(ALPHA, A, L0, C0, G_ALG, G_HW, G_INV);

  /** The growth rates that may follow a schedule. */
  public static final List<String> GROWTH_RATES = List.of(G_ALG, G_HW, G_INV);

  public static final ScalarOutput INFLECTION_TIME =
      new ScalarOutput("inflection_time_years", "years", "time of the peak loss gap (t*)", false);
  public static final ScalarOutput INFLECTION_YEAR =
      new ScalarOutput("inflection_year", "", "calendar year of the peak loss gap", true);
  public static final ScalarOutput PEAK_GAP = new ScalarOutput("peak_gap_nats", "nats", "peak loss gap (ΔL*)", false);
  public static final ScalarOutput STEEPEST_DECLINE_TIME =
      new ScalarOutput("steepest_decline_time_years", "years", "time the gap shrinks fastest (2·t*)", false);
  public static final ScalarOutput HALF_GAP_TIME =
      new ScalarOutput("half_gap_time_years", "years", "time the gap falls below half its peak", false);
  public static final ScalarOutput TENTH_GAP_TIME =
      new ScalarOutput("tenth_gap_time_years", "years", "time the gap falls below a tenth of its peak", false);
  public static final ScalarOutput HALF_GAP_YEAR =
      new ScalarOutput("half_gap_year", "", "calendar year the gap falls below half its peak", true);
  public static final ScalarOutput TENTH_GAP_YEAR =
      new ScalarOutput("tenth_gap_year", "", "calendar year the gap falls below a tenth of its peak", true);

  /** The domain of each of {@link #PARAMETERS}. */
  public static Domain domain(String parameter) {
    return parameter.equals(L0) ? Domain.FINITE : Domain.POSITIVE;
  }

  private final double baselineYear;
  private final int alpha;
  private final int a;
  private final int l0;
  private final int c0;
  private final int gAlg;
  private final int gHw;
  private final int gInv;
  /** Per growth rate (alg, hw, inv), the parameter holding its value in each merged segment. */
  private final int[][] rateParameter;
  private final int first;
  private final int outputs;
  private final int peakOut;
  /** State columns: K, α·ln G, α·ln g_inv, L0; with schedules also α and each merged segment's s_a and s_b. */
  final int kColumn;
  final int rateColumn;
  final int excessColumn;
  final int l0Column;
  final int alphaColumn;
  final int saColumn;
  final int sbColumn;
  /** The merged segment boundaries of every schedule; null with constant rates. */
  final double[] merged;

  LossView(Layout layout, ModelConfig config) {
    this.baselineYear = config.baselineYear();
    alpha = layout.parameter(ALPHA, domain(ALPHA));
    a = layout.parameter(A, domain(A));
    l0 = layout.parameter(L0, domain(L0));
    c0 = layout.parameter(C0, domain(C0));
    gAlg = layout.parameter(G_ALG, domain(G_ALG));
    gHw = layout.parameter(G_HW, domain(G_HW));
    gInv = layout.parameter(G_INV, domain(G_INV));
    Schedules schedules = config.schedules();
    merged = schedules.isEmpty() ? null : schedules.merged();
    int[] base = {gAlg, gHw, gInv};
    rateParameter = new int[3][];
    for (int r = 0; r < 3; r++) {
      String rate = GROWTH_RATES.get(r);
      int firstSegment = layout.parameters.size();
      for (int i = 1; i <= schedules.of(rate).length; i++) {
        layout.parameter(Schedules.segmentName(rate, i), Domain.POSITIVE);
      }
      rateParameter[r] = merged == null ? new int[] {base[r]} : schedules.activeParameters(merged, rate, base[r], firstSegment);
    }
    first = layout.duration(INFLECTION_TIME, baselineYear);
    layout.yearOutput(INFLECTION_YEAR, first, baselineYear);
    peakOut = layout.output(PEAK_GAP);
    layout.duration(STEEPEST_DECLINE_TIME, baselineYear);
    int half = layout.duration(HALF_GAP_TIME, baselineYear);
    int tenth = layout.duration(TENTH_GAP_TIME, baselineYear);
    layout.yearOutput(HALF_GAP_YEAR, half, baselineYear);
    layout.yearOutput(TENTH_GAP_YEAR, tenth, baselineYear);
    outputs = layout.outputs.size() - first;
    kColumn = layout.state(1);
    rateColumn = layout.state(1);
    excessColumn = layout.state(1);
    l0Column = layout.state(1);
    int segments = segments();
    alphaColumn = merged == null ? -1 : layout.state(1);
    saColumn = merged == null ? -1 : layout.state(segments);
    sbColumn = merged == null ? -1 : layout.state(segments);
  }

  /** Segments of the merged schedule grid (1 with constant rates). */
  int segments() {
    return merged == null ? 1 : merged.length + 1;
  }

  boolean scheduled() {
    return merged != null;
  }

  /** A fresh scratch schedule for this model's grid (null with constant rates). */
  ScheduledGap newSchedule() {
    return merged == null ? null : new ScheduledGap(merged);
  }

  @Override
  public Metric metric() {
    return Metric.LOSS;
  }

  @Override
  public double fanBaselineYear() {
    return baselineYear;
  }

  @Override
  public Evaluator newEvaluator() {
    return merged == null ? new ConstantRates() : new Scheduled();
  }

  /** Fills what every path shares: K, the rates, L0 and their state columns. */
  private void start(double[] p, LossDraw draw, double[] state) {
    draw.alpha = p[alpha];
    draw.a = p[a];
    draw.l0 = p[l0];
    draw.k = TrainingGap.scaleK(p[a], draw.alpha, p[c0]);
    draw.lnG = Math.log(p[gAlg]) + Math.log(p[gHw]);
    draw.lnGinv = Math.log(p[gInv]);
    draw.rate = draw.alpha * draw.lnG;
    draw.excess = draw.alpha * draw.lnGinv;
    state[kColumn] = draw.k;
    state[rateColumn] = draw.rate;
    state[excessColumn] = draw.excess;
    state[l0Column] = draw.l0;
  }

  /** The closed forms of docs/MODEL.md §1. */
  private final class ConstantRates implements Evaluator {
    private final TrainingGap.ConvergenceSolver solver = new TrainingGap.ConvergenceSolver();

    @Override
    public void evaluate(double[] p, LossDraw draw, double[] state, double[] out) {
      start(p, draw, state);
      double lnG = draw.lnG;
      double lnGinv = draw.lnGinv;
      draw.outcome = TrainingGap.classify(lnG, lnGinv);
      switch (draw.outcome) {
        case CONVERGES:
          double rho = lnGinv / lnG;
          double rate = draw.alpha * lnG;
          double tStar = solver.peakU(rho) / rate; // (the solver keeps u* and φ(u*) for the two solves below)
          double half = solver.timeBelowFractionOfPeak(rate, rho, 0.5);
          double tenth = solver.timeBelowFractionOfPeak(rate, rho, 0.1);
          write(out, tStar, draw.k * solver.peakFraction(rho), 2 * tStar, half, tenth);
          break;
        case NEVER_CONVERGES:
          Arrays.fill(out, first, first + outputs, Double.POSITIVE_INFINITY);
          // the supremum of the gap: K when G = 1 exactly, unbounded when G < 1
          out[peakOut] = lnG == 0 ? draw.k : Double.POSITIVE_INFINITY;
          break;
        default: // NO_ADVANTAGE: there is no peak, so none of the scalars exists
          Arrays.fill(out, first, first + outputs, Double.NaN);
          break;
      }
      draw.peakGap = out[peakOut];
    }
  }

  /** The outputs of a draw whose gap peaks and falls, in output order. */
  private void write(double[] out, double tStar, double peak, double steepest, double half, double tenth) {
    out[first] = tStar;
    out[first + 1] = baselineYear + tStar;
    out[first + 2] = peak;
    out[first + 3] = steepest;
    out[first + 4] = half;
    out[first + 5] = tenth;
    out[first + 6] = baselineYear + half;
    out[first + 7] = baselineYear + tenth;
  }

  /** The piecewise path (docs/MODEL.md §7): outcome and outputs from {@link ScheduledGap}. */
  private final class Scheduled implements Evaluator {
    private final double[] sa = new double[segments()];
    private final double[] sb = new double[segments()];

    @Override
    public void evaluate(double[] p, LossDraw draw, double[] state, double[] out) {
      start(p, draw, state);
      int m = sa.length;
      for (int s = 0; s < m; s++) {
        sa[s] = Math.log(p[rateParameter[0][s]]) + Math.log(p[rateParameter[1][s]]);
        sb[s] = sa[s] + Math.log(p[rateParameter[2][s]]);
        state[saColumn + s] = sa[s];
        state[sbColumn + s] = sb[s];
      }
      state[alphaColumn] = draw.alpha;
      ScheduledGap schedule = draw.schedule;
      schedule.set(draw.k, draw.alpha, sa, sb); // (it keeps sa and sb: they stay this draw's until the next)
      double[] peak = schedule.peak();
      if (!(peak[1] > 0)) {
        Arrays.fill(out, first, first + outputs, Double.NaN);
        draw.outcome = GapOutcome.NO_ADVANTAGE;
      } else if (Double.isInfinite(peak[0])) {
        Arrays.fill(out, first, first + outputs, Double.POSITIVE_INFINITY);
        out[peakOut] = peak[1];
        draw.outcome = GapOutcome.NEVER_CONVERGES;
      } else {
        double half = schedule.firstFallTo(peak[0], 0.5 * peak[1]);
        double tenth = schedule.firstFallTo(peak[0], 0.1 * peak[1]);
        write(out, peak[0], peak[1], schedule.steepestDecline(peak[0]), half, tenth);
        draw.outcome = GapOutcome.CONVERGES;
      }
      draw.peakGap = out[peakOut];
    }
  }

  /** Loads draw i's schedule from the state columns (sa and sb are the caller's scratch, kept by the gap). */
  void load(ScheduledGap gap, double[][] state, int i, double[] sa, double[] sb) {
    for (int s = 0; s < sa.length; s++) {
      sa[s] = state[saColumn + s][i];
      sb[s] = state[sbColumn + s][i];
    }
    gap.set(state[kColumn][i], state[alphaColumn][i], sa, sb);
  }

  @Override
  public MonteCarloModel.FanEvaluator newFan(int capacity) {
    if (merged != null) {
      return new ScheduledFan(this) {
        @Override
        double value(int i, double t) {
          return gap.gap(t);
        }
      };
    }
    return new RecurrenceFan(this, capacity) {
      @Override
      public void next(double[] out) {
        for (int i = 0; i < count; i++) {
          out[i] = path.meek[i] * (1 - path.ratio[i]);
          path.advance(i);
        }
      }
    };
  }

  /**
   * A fan with constant rates, its loss path stepped by {@link LossRecurrence}: a view's fan writes
   * {@link #next} from the path and its own state columns.
   */
  abstract static class RecurrenceFan implements MonteCarloModel.FanEvaluator {
    private final LossView loss;
    final LossRecurrence path;
    double[][] state;
    int count;

    RecurrenceFan(LossView loss, int capacity) {
      this.loss = loss;
      this.path = new LossRecurrence(capacity);
    }

    @Override
    public void begin(double[][] state, int count, double step) {
      this.state = state;
      this.count = count;
      path.begin(scale(), state[loss.rateColumn], state[loss.excessColumn], count, step);
      started(step);
    }

    /** The path's scale, its loss above L0 at t = 0: the meek model's K, unless a view follows another model. */
    double[] scale() {
      return state[loss.kColumn];
    }

    /** After the path starts: a view with a recurrence of its own starts it here. */
    void started(double step) {}
  }

  /**
   * A fan under growth schedules: each point from the piecewise closed form, each draw's schedule loaded
   * from its state columns (no recurrence across segment changes).
   */
  abstract static class ScheduledFan implements MonteCarloModel.FanEvaluator {
    private final LossView loss;
    final ScheduledGap gap;
    private final double[] sa;
    private final double[] sb;
    double[][] state;
    private int count;
    private double step;
    private int j;

    ScheduledFan(LossView loss) {
      this.loss = loss;
      this.gap = loss.newSchedule();
      this.sa = new double[loss.segments()];
      this.sb = new double[loss.segments()];
    }

    @Override
    public void begin(double[][] state, int count, double step) {
      this.state = state;
      this.count = count;
      this.step = step;
      this.j = 0;
    }

    @Override
    public void next(double[] out) {
      double t = j++ * step;
      for (int i = 0; i < count; i++) {
        loss.load(gap, state, i, sa, sb);
        out[i] = value(i, t);
      }
    }

    /** Draw i's value at t, its schedule loaded into {@link #gap}. */
    abstract double value(int i, double t);
  }
}
