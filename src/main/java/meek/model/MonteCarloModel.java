package meek.model;

import java.util.List;

/**
 * What the Monte Carlo engine needs from a model: the parameters it draws, the scalars it reports per
 * draw, and a compact per-draw state from which the gap can be evaluated at any time for the fan chart.
 *
 * <p>The engine calls {@link Evaluator#evaluate} once per draw with primitive arrays it owns, so a model
 * allocates nothing per sample. Scalars that do not exist for a draw (no peak without a SOTA advantage)
 * are written as NaN and counted by the aggregation; times that are never reached are +∞.
 */
public interface MonteCarloModel {

  /** Parameter names, in the order of the {@code params} vector passed to {@link Evaluator#evaluate}. */
  List<String> parameterNames();

  /** The scalars written per draw, in the order of the {@code scalars} vector. */
  List<ScalarOutput> outputs();

  /** The index of the output of that name (outputs are known by name: a model places each on its calendar), or −1. */
  default int outputIndex(String name) {
    List<ScalarOutput> all = outputs();
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * For an output that is, draw by draw, another output plus a constant (a calendar year: its duration plus
   * the baseline year), the index of that other output; else −1. Its summary is then the other's, shifted.
   */
  default int shiftedFrom(int output) {
    return -1;
  }

  /** Which outputs are not {@link #shiftedFrom} another: the columns exact quantiles must keep. */
  default boolean[] keptOutputs() {
    boolean[] kept = new boolean[outputs().size()];
    for (int k = 0; k < kept.length; k++) {
      kept[k] = shiftedFrom(k) < 0;
    }
    return kept;
  }

  /** How many outputs are not {@link #shiftedFrom} another: the columns exact quantiles must keep. */
  default int independentOutputs() {
    int n = 0;
    for (int k = 0; k < outputs().size(); k++) {
      if (shiftedFrom(k) < 0) {
        n++;
      }
    }
    return n;
  }

  /** The constant of {@link #shiftedFrom}. */
  default double shift(int output) {
    return 0;
  }

  /** The calendar year of t = 0 on fan {@code fan}'s time axis. */
  double fanBaselineYear(int fan);

  /** Number of doubles of per-draw state kept for the fans. */
  int stateWidth();

  /** The quantities charted over time; the first is the loss gap. */
  List<Metric> fans();

  /** A fresh evaluator: one per block of samples, so it may keep scratch state. */
  Evaluator newEvaluator();

  /** A fresh evaluator of fan {@code fan} (an index into {@link #fans()}) for blocks of up to {@code capacity} draws. One per thread. */
  FanEvaluator newFanEvaluator(int fan, int capacity);

  /**
   * Evaluates the gap of a block of draws on the fan's time grid t = 0, step, 2·step, …, one step at a
   * time, so that an implementation may use recurrences instead of transcendental functions per point.
   */
  interface FanEvaluator {
    /**
     * Starts a block.
     *
     * @param state {@code state[column][i]} for the block's valid draws i &lt; count (as written by evaluate)
     */
    void begin(double[][] state, int count, double step);

    /** Writes the gap at the next time step (t = 0 on the first call) of draw i into {@code out[i]}. */
    void next(double[] out);
  }

  /** Evaluates single draws. Not thread-safe; the engine gives each block its own. */
  interface Evaluator {
    /**
     * Evaluates one draw.
     *
     * @param params the drawn parameters, in {@link #parameterNames()} order
     * @param state receives {@link #stateWidth()} values for the fan
     * @param scalars receives one value per output (NaN: not defined for this outcome; +∞: never)
     * @return the draw's outcome; for {@link GapOutcome#INVALID} nothing is written
     */
    GapOutcome evaluate(double[] params, double[] state, double[] scalars);

    /** For an invalid draw, the index of the first parameter outside its domain. */
    int invalidParameter(double[] params);
  }
}
