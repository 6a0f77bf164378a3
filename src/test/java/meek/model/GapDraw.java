package meek.model;

/**
 * One parameter set of the loss gap with its closed forms as methods (tests' readable form of
 * {@link TrainingGap}'s functions on primitives).
 */
record GapDraw(double k, double alpha, double lnG, double lnGinv) {

  /** From the paper's parameters (A, α, C0 and the three yearly growth factors). */
  static GapDraw of(double a, double alpha, double c0, double gAlg, double gHw, double gInv) {
    return new GapDraw(TrainingGap.scaleK(a, alpha, c0), alpha, Math.log(gAlg) + Math.log(gHw), Math.log(gInv));
  }

  /** This draw's outcome. */
  GapOutcome outcome() {
    return TrainingGap.classify(lnG, lnGinv);
  }

  /** ΔL(t) in nats. */
  double gapAt(double t) {
    return TrainingGap.gap(k, alpha * lnG, alpha * lnGinv, t);
  }

  /**
   * t* = ln(b/a)/(α·ln g_inv) (paper eq 4), written as TrainingGap.log1p(c/a)/(α·c). +∞ when G ≤ 1; NaN when the SOTA
   * model has no advantage (there is no peak).
   */
  double inflectionTime() {
    switch (outcome()) {
      case CONVERGES:
        return TrainingGap.log1p(lnGinv / lnG) / (alpha * lnGinv);
      case NEVER_CONVERGES:
        return Double.POSITIVE_INFINITY;
      default:
        return Double.NaN;
    }
  }

  /** ΔL* = ΔL(t*). For G ≤ 1 the supremum: K when G = 1, +∞ when G &lt; 1. NaN without advantage. */
  double peakGap() {
    switch (outcome()) {
      case CONVERGES:
        return k * TrainingGap.peakFraction(lnGinv / lnG);
      case NEVER_CONVERGES:
        return lnG == 0 ? k : Double.POSITIVE_INFINITY;
      default:
        return Double.NaN;
    }
  }

  /** Where ΔL'' = 0 after the peak, i.e. where the gap shrinks fastest: exactly 2·t*. */
  double steepestDeclineTime() {
    return 2 * inflectionTime();
  }

  /** The time after t* at which the gap first falls to {@code fraction} of its peak (0 &lt; f &lt; 1). */
  double timeBelowFractionOfPeak(double fraction) {
    switch (outcome()) {
      case CONVERGES:
        return new TrainingGap.ConvergenceSolver().timeBelowFractionOfPeak(alpha * lnG, lnGinv / lnG, fraction);
      case NEVER_CONVERGES:
        return Double.POSITIVE_INFINITY;
      default:
        return Double.NaN;
    }
  }
}
