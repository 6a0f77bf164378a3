package meek.model;

import java.util.List;

/**
 * Inference budgets (docs/MODEL.md §6; paper §4, eqs 9–12): a meek user with a fixed inference budget runs the
 * largest model it affords, whose compute grows g_inf²-fold a year, against the SOTA growing by G·g_inv from
 * today's frontier C_sota0. It reports when the runnable model catches up ({@link InferenceBudget}), in
 * years after its own start year, and the fan of the inference loss gap. Its g_inf may follow a schedule.
 */
public final class InferenceView implements View {

  /** The spec's block and the prefix of this view's parameters. */
  public static final String BLOCK = "inference";

  /** The growth of the runnable model size, the one scheduled rate of this view. */
  public static final String G_INF = parameter("g_inf");

  public static final ScalarOutput CATCH_UP_TIME = new ScalarOutput("inference_catch_up_years", "years",
      "time until the meek user's runnable model catches up with the SOTA (inference view)", false);
  public static final ScalarOutput CATCH_UP_YEAR = new ScalarOutput("inference_catch_up_year", "",
      "calendar year the meek user's runnable model catches up (inference view)", true);

  /**
   * @param baselineYear the calendar year of the start values (this view's t = 0)
   * @param fromParameters the meek start is given as a parameter count N0 (C = 120·N0²) rather than as
   *     compute C_inf0
   */
  public record Options(double baselineYear, boolean fromParameters) implements ViewOptions {
    @Override
    public Metric metric() {
      return Metric.INFERENCE;
    }

    @Override
    public List<String> schedulableRates() {
      return List.of(G_INF);
    }
  }

  /** Its parameters, in order, as the block names them, with the meek start as compute or as parameters. */
  public static List<String> parameters(boolean fromParameters) {
    return List.of("g_inf", fromParameters ? "N0" : "C_inf0", "C_sota0");
  }

  /** "inference.C_sota0" for "C_sota0". */
  public static String parameter(String name) {
    return BLOCK + "." + name;
  }

  /** Every inference parameter is a positive rate, size or compute. */
  public static Domain domain(String name) {
    if (!name.equals("g_inf") && !name.equals("N0") && !name.equals("C_inf0") && !name.equals("C_sota0")) {
      throw new IllegalArgumentException("not an inference parameter: " + name);
    }
    return Domain.POSITIVE;
  }

  private final LossView loss;
  private final Options options;
  private final int gInf;
  /** g_inf's parameter in each merged segment (with schedules). */
  private final int[] rateParameter;
  private final int out;
  private final int kColumn;
  private final int rateColumn;
  private final int sotaColumn;
  private final int segmentColumn;

  InferenceView(Layout layout, LossView loss, Schedules schedules, Options options) {
    this.loss = loss;
    this.options = options;
    gInf = layout.parameters.size();
    parameters(options.fromParameters()).forEach(name -> layout.parameter(parameter(name), domain(name)));
    int firstSegment = layout.parameters.size();
    for (int i = 1; i <= schedules.of(G_INF).length; i++) {
      layout.parameter(Schedules.segmentName(G_INF, i), Domain.POSITIVE);
    }
    rateParameter = loss.scheduled() ? schedules.activeParameters(loss.merged, G_INF, gInf, firstSegment) : null;
    out = layout.duration(CATCH_UP_TIME, options.baselineYear());
    layout.yearOutput(CATCH_UP_YEAR, out, options.baselineYear());
    kColumn = layout.state(1);
    rateColumn = layout.state(1);
    sotaColumn = layout.state(1);
    segmentColumn = loss.scheduled() ? layout.state(loss.segments()) : -1;
  }

  @Override
  public Metric metric() {
    return Metric.INFERENCE;
  }

  /** Its own start year, not the training view's baseline. */
  @Override
  public double fanBaselineYear() {
    return options.baselineYear();
  }

  @Override
  public Evaluator newEvaluator() {
    double[] infRate = rateParameter == null ? null : new double[rateParameter.length];
    return (p, draw, state, scalars) -> {
      double alpha = draw.alpha;
      double cInf0 = options.fromParameters() ? InferenceBudget.computeOfParameters(p[gInf + 1]) : p[gInf + 1];
      double cSota0 = p[gInf + 2];
      double lnGinf = Math.log(p[gInf]);
      state[kColumn] = TrainingGap.scaleK(draw.a, alpha, cInf0);
      state[rateColumn] = 2 * alpha * lnGinf;
      state[sotaColumn] = TrainingGap.scaleK(draw.a, alpha, cSota0);
      double tc;
      if (infRate != null) {
        for (int seg = 0; seg < infRate.length; seg++) {
          infRate[seg] = 2 * alpha * Math.log(p[rateParameter[seg]]);
          state[segmentColumn + seg] = infRate[seg];
        }
        tc = draw.schedule.firstLinearCrossing(alpha * Math.log(cSota0 / cInf0), infRate);
      } else {
        tc = InferenceBudget.catchUpYears(cInf0, cSota0, lnGinf, draw.lnG + draw.lnGinv);
      }
      scalars[out] = tc;
      scalars[out + 1] = options.baselineYear() + tc;
    };
  }

  /**
   * The inference gap max(0, K_inf·g_inf^(−2αt) − K_sota0·(G·g_inv)^(−αt)); the SOTA term is the loss path's
   * m·q from K_sota0 instead of K.
   */
  @Override
  public MonteCarloModel.FanEvaluator newFan(int capacity) {
    return newFan(capacity, (state, i, inferenceExcess, sotaExcess) -> Math.max(0, inferenceExcess - sotaExcess));
  }

  /** What a fan of this view's two losses shows at each point: the loss gap, or a benchmark score gap. */
  interface Shown {
    /**
     * @param inferenceExcess the runnable model's loss above L0, L(C_inf(t)) − L0 (it may lie below the SOTA's)
     * @param sotaExcess the SOTA model's, L_sota(t) − L0
     */
    double value(double[][] state, int i, double inferenceExcess, double sotaExcess);
  }

  /** This view's fan, each point {@code shown} from the two losses. */
  MonteCarloModel.FanEvaluator newFan(int capacity, Shown shown) {
    if (loss.scheduled()) {
      double[] infRate = new double[loss.segments()];
      return new LossView.ScheduledFan(loss) {
        @Override
        double value(int i, double t) {
          // the SOTA's start is its own (C_sota0) but it grows along the same schedule: scale K·e^(−α b(t))
          double sota = state[sotaColumn][i] * gap.sotaExcess(t) / state[loss.kColumn][i];
          for (int s = 0; s < infRate.length; s++) {
            infRate[s] = state[segmentColumn + s][i];
          }
          return shown.value(state, i, state[kColumn][i] * Math.exp(-gap.integral(infRate, t)), sota);
        }
      };
    }
    return new LossView.RecurrenceFan(loss, capacity) {
      private final double[] inference = new double[capacity];
      private final double[] inferenceStep = new double[capacity];

      @Override
      double[] scale() {
        return state[sotaColumn]; // the path follows the SOTA model, from its own start (its K)
      }

      @Override
      void started(double step) {
        double[] rate = state[rateColumn];
        for (int i = 0; i < count; i++) {
          inference[i] = 1;
          inferenceStep[i] = Math.exp(-rate[i] * step);
        }
      }

      @Override
      public void next(double[] row) {
        double[] kInf = state[kColumn];
        for (int i = 0; i < count; i++) {
          row[i] = shown.value(state, i, kInf[i] * inference[i], path.meek[i] * path.ratio[i]);
          inference[i] *= inferenceStep[i];
          path.advance(i);
        }
      }
    };
  }
}
