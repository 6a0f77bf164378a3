package meek.model;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Growth rates given as piecewise-constant schedules (docs/MODEL.md §7; paper appendix B): per rate, the
 * boundaries of its segments in years after the baseline. Segment 0's rate is the parameter itself
 * ("g_inv"); segment i &gt; 0 is the parameter {@link #segmentName}("g_inv", i). The model works on the merged
 * grid of every rate's boundaries, inside each of whose segments every rate is constant.
 *
 * @param boundaries rate parameter ("g_inv", "inference.g_inf") → its boundaries, increasing and positive
 */
public record Schedules(Map<String, double[]> boundaries) {

  /** Constant rates. */
  public static final Schedules NONE = new Schedules(Map.of());

  public Schedules {
    Map<String, double[]> copy = new LinkedHashMap<>();
    boundaries.forEach((rate, b) -> copy.put(rate, b.clone()));
    boundaries = Collections.unmodifiableMap(copy);
  }

  /** The parameter holding a scheduled rate in its segment i ≥ 1: "g_inv.1", "inference.g_inf.2". */
  public static String segmentName(String rate, int segment) {
    return rate + "." + segment;
  }

  public boolean isEmpty() {
    return boundaries.isEmpty();
  }

  /** A rate's boundaries (none when it is constant). */
  public double[] of(String rate) {
    double[] b = boundaries.get(rate);
    return b == null ? new double[0] : b.clone();
  }

  /** The same schedules without those of the given rates. */
  public Schedules without(Collection<String> rates) {
    Map<String, double[]> kept = new LinkedHashMap<>(boundaries);
    kept.keySet().removeAll(rates);
    return new Schedules(kept);
  }

  /** Every rate's boundaries, merged and sorted. */
  double[] merged() {
    TreeSet<Double> cuts = new TreeSet<>();
    boundaries.values().forEach(b -> Arrays.stream(b).forEach(cuts::add));
    return cuts.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * For each segment of the merged grid, the parameter holding a rate's value there.
   *
   * @param base the index of the rate's own parameter (segment 0)
   * @param first the index of its segment 1 (its later segments follow in order)
   */
  int[] activeParameters(double[] merged, String rate, int base, int first) {
    double[] own = of(rate);
    int[] out = new int[merged.length + 1];
    for (int seg = 0; seg <= merged.length; seg++) {
      double segStart = seg == 0 ? 0 : merged[seg - 1];
      int active = 0;
      while (active < own.length && segStart >= own[active]) {
        active++;
      }
      out[seg] = active == 0 ? base : first + active - 1;
    }
    return out;
  }
}
