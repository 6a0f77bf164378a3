package meek.distributions;

/** Moments computed from a quantile function, where no closed form is at hand. */
final class Moments {

  /** Equal-probability cells of the midpoint rule: bounded work (one quantile each), whatever the tails. */
  static final int CELLS = 1 << 16;

  private Moments() {}

  /**
   * E[X] = ∫₀¹ Q(u) du by the midpoint rule on {@link #CELLS} equal-probability cells: exact for the body,
   * with an error from the outermost cells that is below 1e-4 relative for the tails met in practice (a
   * test checks it against sample means). Only displayed (validate, manifests); the model never uses it.
   */
  static double meanFromQuantiles(ParameterDistribution d) {
    double sum = 0;
    for (int i = 0; i < CELLS; i++) {
      sum += d.quantile((i + 0.5) / CELLS);
    }
    return sum / CELLS;
  }
}
