package meek.model;

/**
 * The constant-rate loss path on a fan's time grid by multiplicative recurrence: m_j = e^(−rate·t_j) and
 * q_j = e^(−excess·t_j) advance by one multiplication a step, two {@code exp} per draw instead of two per
 * point (relative error below 1e-13 after 120 steps, checked against the closed form in the tests). Then
 * the meek model's loss above L0 is K·m and the SOTA model's K·m·q. One per fan evaluator.
 */
final class LossRecurrence {
  final double[] meek;
  final double[] ratio;
  private final double[] meekStep;
  private final double[] ratioStep;

  LossRecurrence(int capacity) {
    meek = new double[capacity];
    ratio = new double[capacity];
    meekStep = new double[capacity];
    ratioStep = new double[capacity];
  }

  /** Starts at t = 0 for draws i &lt; count, with their α·ln G and α·ln g_inv. */
  void begin(double[] rate, double[] excess, int count, double step) {
    for (int i = 0; i < count; i++) {
      meek[i] = 1;
      ratio[i] = 1;
      meekStep[i] = Math.exp(-rate[i] * step);
      ratioStep[i] = Math.exp(-excess[i] * step);
    }
  }

  /** Moves draw i one step on. */
  void advance(int i) {
    meek[i] *= meekStep[i];
    ratio[i] *= ratioStep[i];
  }
}
