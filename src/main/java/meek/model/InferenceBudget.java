package meek.model;

/**
 * Inference budgets (paper §4, eqs 9–12; docs/MODEL.md §6). A meek user with a fixed inference budget runs the
 * largest model it affords; prices at fixed capability fall g_inf-fold a year, so the runnable size grows
 * g_inf-fold and, trained compute-optimally (C = 120·N²), its compute g_inf²-fold:
 *
 * <pre>
 *   C_meek_inf(t) = C_inf0 · g_inf^(2t)            L_meek_inf(t) = max(L(C_meek_inf(t)), L_sota(t))
 *   L_sota(t)     = L(C_sota0 · (G·g_inv)^t)         gap(t) = L_meek_inf(t) − L_sota(t) ≥ 0
 * </pre>
 *
 * The gap closes at t_c = ln(C_sota0 / C_inf0) / (2·ln g_inf − ln(G·g_inv)) when g_inf² &gt; G·g_inv and
 * C_inf0 &lt; C_sota0; it is closed from the start when C_inf0 ≥ C_sota0, and never closes otherwise.
 */
public final class InferenceBudget {

  private InferenceBudget() {}

  /** Compute embodied by a compute-optimally trained model of n parameters (D = 20N, C = 6ND). */
  public static double computeOfParameters(double n) {
    return 120 * n * n;
  }

  /** t_c in years: 0 when already caught up, +∞ when never. */
  public static double catchUpYears(double cInf0, double cSota0, double lnGinf, double lnGGinv) {
    if (cInf0 >= cSota0) {
      return 0;
    }
    double closing = 2 * lnGinf - lnGGinv;
    if (!(closing > 0)) {
      return Double.POSITIVE_INFINITY;
    }
    return Math.log(cSota0 / cInf0) / closing;
  }

}
