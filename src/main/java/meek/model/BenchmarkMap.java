package meek.model;

/**
 * The benchmark view (paper §3.1, eqs 6–7; docs/MODEL.md §4): a sigmoid map of loss to a score,
 *
 * <pre>
 *   Perf(L)   = floor + (ceiling − floor) / (1 + exp(k·(L − L_mid)))
 *   Perf_p(L) = Perf(L)^p           (a task of p steps, each needing a correct answer)
 * </pre>
 *
 * and the benchmark gap Perf_p(L_sota(t)) − Perf_p(L_meek(t)), in percentage points.
 */
public final class BenchmarkMap {

  private BenchmarkMap() {}

  /** Perf_p(L), a score in [0, 1]. */
  public static double score(double loss, double floor, double ceiling, double lMid, double k, double steps) {
    double perf = floor + (ceiling - floor) / (1 + Math.exp(k * (loss - lMid)));
    return steps == 1 ? perf : Math.pow(perf, steps);
  }

  /** d Perf_p / dL. */
  public static double slope(double loss, double floor, double ceiling, double lMid, double k, double steps) {
    double e = Math.exp(k * (loss - lMid));
    double perf = floor + (ceiling - floor) / (1 + e);
    double dPerf = -(ceiling - floor) * k * e / ((1 + e) * (1 + e));
    return steps == 1 ? dPerf : steps * Math.pow(perf, steps - 1) * dPerf;
  }

  /** The gap in points from the two losses' excesses over L0. */
  public static double gapPoints(double meekExcess, double sotaExcess, double l0, double[] c) {
    return 100 * (score(l0 + sotaExcess, c[0], c[1], c[2], c[3], c[4]) - score(l0 + meekExcess, c[0], c[1], c[2], c[3], c[4]));
  }

  /** d/dt of the gap in points, from the excesses and their time derivatives. */
  public static double gapSlope(double meekExcess, double dMeek, double sotaExcess, double dSota, double l0, double[] c) {
    return 100 * (slope(l0 + sotaExcess, c[0], c[1], c[2], c[3], c[4]) * dSota
        - slope(l0 + meekExcess, c[0], c[1], c[2], c[3], c[4]) * dMeek);
  }

}
