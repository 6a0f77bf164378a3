package meek.model;

/**
 * Chinchilla's parametric loss L(N, D) = E + A/N^α + B/D^β (Hoffmann et al. 2022, approach 3: E = 1.69,
 * A = 406.4, B = 410.7, α = 0.34, β = 0.28; docs/MODEL.md §2), used to give published models a loss from their
 * parameter and token counts (following Owen 2024) so that benchmark scores can be mapped to loss.
 */
public final class ChinchillaLoss {

  public static final double E = 1.69;
  public static final double A = 406.4;
  public static final double B = 410.7;
  public static final double ALPHA = 0.34;
  public static final double BETA = 0.28;

  private ChinchillaLoss() {}

  /** L(N, D) in nats per token. */
  public static double loss(double parameters, double tokens) {
    return E + A / Math.pow(parameters, ALPHA) + B / Math.pow(tokens, BETA);
  }
}
