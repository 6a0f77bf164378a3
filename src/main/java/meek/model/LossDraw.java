package meek.model;

/**
 * What the loss view knows of the draw being evaluated, for the views evaluated after it: the scale, the
 * rates, the outcome and the peak, and the loss path (constant rates, or the loaded schedule). Mutable: one
 * per evaluator, refilled for every draw, so a draw allocates nothing.
 */
final class LossDraw {
  GapOutcome outcome;
  /** α, A and L0 as drawn. */
  double alpha;
  double a;
  double l0;
  /** K = A·C0^(−α), ln G = ln(g_alg·g_hw) and ln g_inv (constant rates: of segment 0). */
  double k;
  double lnG;
  double lnGinv;
  /** α·ln G and α·ln g_inv. */
  double rate;
  double excess;
  /** ΔL* (NaN without advantage). */
  double peakGap;
  /** With schedules: loaded with this draw; null with constant rates. */
  final ScheduledGap schedule;
  private final LossPath.Constant constant = new LossPath.Constant();
  private final LossPath scheduled;

  LossDraw(ScheduledGap schedule) {
    this.schedule = schedule;
    this.scheduled = schedule == null ? null : new LossPath.Scheduled(schedule);
  }

  /** The loss gap at t. */
  double gap(double t) {
    return schedule != null ? schedule.gap(t) : TrainingGap.gap(k, rate, excess, t);
  }

  /** The meek and SOTA losses above L0 over time. */
  LossPath path() {
    if (schedule != null) {
      return scheduled;
    }
    constant.set(k, rate, excess);
    return constant;
  }
}
