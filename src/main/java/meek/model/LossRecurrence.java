package meek.model;

/**
 * The constant-rate loss path on a fan's time grid by multiplicative recurrence: the meek model's loss above
 * L0, K·e^(−rate·t_j), and the SOTA model's, K·e^(−(rate+excess)·t_j), advance by one multiplication a step,
 * two {@code exp} per draw instead of two per point (relative error below 1e-13 after 120 steps, checked
 * against the closed form in the tests). Carrying the losses themselves, not the two exponentials, saves a
 * load and a multiplication per point. One per fan evaluator.
 */
final class LossRecurrence {
  final double[] meek;
  final double[] sota;
  private final double[] meekStep;
  private final double[] sotaStep;

  LossRecurrence(int capacity) {
    meek = new double[capacity];
    sota = new double[capacity];
    meekStep = new double[capacity];
    sotaStep = new double[capacity];
  }

  /**
   * Starts at t = 0 for draws i &lt; count: the meek model's loss above L0 at meekScale, the SOTA model's at
   * sotaScale (the same K, or the SOTA's own start), with their α·ln G and α·ln g_inv.
   */
  void begin(double[] meekScale, double[] sotaScale, double[] rate, double[] excess, int count, double step) {
    for (int i = 0; i < count; i++) {
      double meekFactor = Math.exp(-rate[i] * step);
      meek[i] = meekScale[i];
      sota[i] = sotaScale[i];
      meekStep[i] = meekFactor;
      sotaStep[i] = meekFactor * Math.exp(-excess[i] * step);
    }
  }

  /** Moves draw i one step on. */
  void advance(int i) {
    meek[i] *= meekStep[i];
    sota[i] *= sotaStep[i];
  }
}
