package meek.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import meek.model.GapOutcome;
import meek.model.MonteCarloModel;
import meek.model.ScalarOutput;
import meek.sampling.Block;

/**
 * The quantities a sensitivity analysis explains: every scalar output of the model that is not a calendar
 * year (a year is its duration shifted, so it has the same drivers), then the loss gap at chosen times.
 * Values per draw: NaN where an output is not defined (and for invalid draws), +∞ for "never".
 */
public final class SensitivityOutputs {

  /** The names of the gap-at-a-year outputs start so: gap_2024_nats. */
  public static final String GAP_PREFIX = "gap_";

  private final MonteCarloModel model;
  private final int[] scalarIndex;
  private final double[] gapTimes;
  private final List<ScalarOutput> outputs;

  /**
   * @param gapYears calendar years at which the loss gap is an output (may be empty)
   */
  public SensitivityOutputs(MonteCarloModel model, double baselineYear, double[] gapYears) {
    this.model = model;
    List<ScalarOutput> all = model.outputs();
    List<ScalarOutput> kept = new ArrayList<>();
    List<Integer> index = new ArrayList<>();
    for (int k = 0; k < all.size(); k++) {
      if (!all.get(k).calendarYear()) {
        kept.add(all.get(k));
        index.add(k);
      }
    }
    scalarIndex = index.stream().mapToInt(Integer::intValue).toArray();
    gapTimes = new double[gapYears.length];
    for (int y = 0; y < gapYears.length; y++) {
      gapTimes[y] = gapYears[y] - baselineYear;
      String year = gapYears[y] == Math.rint(gapYears[y]) ? Long.toString((long) gapYears[y]) : Double.toString(gapYears[y]);
      kept.add(new ScalarOutput(GAP_PREFIX + year + "_nats", "nats", "loss gap in " + year, false));
    }
    outputs = List.copyOf(kept);
  }

  public List<ScalarOutput> outputs() {
    return outputs;
  }

  public int size() {
    return outputs.size();
  }

  /** Per-thread scratch for {@link #fromBlock}. */
  public final class Scratch {
    private final MonteCarloModel.FanEvaluator fan;
    private final double[] gap;

    private Scratch(int capacity) {
      fan = model.newFanEvaluator(0, capacity);
      gap = new double[capacity];
    }
  }

  public Scratch newScratch(int capacity) {
    return new Scratch(capacity);
  }

  /**
   * Writes the outputs of a finished block: {@code out[output][offset + i]} for its draws i.
   */
  public void fromBlock(Block b, Scratch scratch, double[][] out, int offset) {
    int n = b.size();
    for (int k = 0; k < scalarIndex.length; k++) {
      System.arraycopy(b.scalars()[scalarIndex[k]], 0, out[k], offset, n);
    }
    for (int y = 0; y < gapTimes.length; y++) {
      // the fan evaluator steps from t = 0, so a step of t reaches t on its second call
      scratch.fan.begin(b.state(), b.valid(), gapTimes[y]);
      scratch.fan.next(scratch.gap);
      scratch.fan.next(scratch.gap);
      double[] column = out[scalarIndex.length + y];
      for (int i = 0, v = 0; i < n; i++) {
        column[offset + i] = b.outcome(i) == GapOutcome.INVALID ? Double.NaN : scratch.gap[v++];
      }
    }
  }

  /** Evaluates one parameter vector (for one-at-a-time analyses). */
  public double[] evaluate(double[] params) {
    MonteCarloModel.Evaluator evaluator = model.newEvaluator();
    double[] state = new double[model.stateWidth()];
    double[] scalars = new double[model.outputs().size()];
    double[] out = new double[size()];
    if (evaluator.evaluate(params, state, scalars) == GapOutcome.INVALID) {
      Arrays.fill(out, Double.NaN);
      return out;
    }
    for (int k = 0; k < scalarIndex.length; k++) {
      out[k] = scalars[scalarIndex[k]];
    }
    double[][] columns = new double[state.length][1];
    for (int c = 0; c < state.length; c++) {
      columns[c][0] = state[c];
    }
    Scratch scratch = newScratch(1);
    for (int y = 0; y < gapTimes.length; y++) {
      scratch.fan.begin(columns, 1, gapTimes[y]);
      scratch.fan.next(scratch.gap);
      scratch.fan.next(scratch.gap);
      out[scalarIndex.length + y] = scratch.gap[0];
    }
    return out;
  }
}
