package meek.model;

/**
 * Telling two models apart (paper §3.2, appendix A; docs/MODEL.md §5): with Wald's sequential test at symmetric
 * error ε, the per-token expected log-likelihood ratio is the loss gap in nats, so an ideal observer needs
 *
 * <pre>
 *   E[N](t) = s · (1 − 2ε)·ln((1 − ε)/ε) / |ΔL(t)|
 * </pre>
 *
 * tokens on average, s ≥ 1 being a "Bayes slowdown" (Barnett & Besiroglu 2023).
 */
public final class Discrimination {

  private Discrimination() {}

  /** The numerator s·(1 − 2ε)·ln((1 − ε)/ε), in nats (2.650·s at ε = 0.05). */
  public static double nats(double epsilon, double slowdown) {
    return slowdown * (1 - 2 * epsilon) * Math.log((1 - epsilon) / epsilon);
  }

  /** E[N] for a loss gap (+∞ when the gap is zero). */
  public static double tokens(double nats, double gap) {
    return nats / Math.abs(gap);
  }
}
