package meek.run;

import meek.model.GapOutcome;

/**
 * Receives every block of draws as a run makes them (to write them out, say), on the worker thread that
 * made the block: blocks may arrive out of order and concurrently.
 */
public interface DrawSink {

  void accept(Draws draws);

  /**
   * One block of draws, valid only during the call.
   *
   * @param block the block's number (blocks are numbered in sample order)
   * @param from the first sample index of the block
   * @param size its draws
   * @param params {@code params[parameter][i]}: the drawn parameters of sample {@code from + i}
   * @param outcomes the outcome ordinal of each draw
   * @param scalars {@code scalars[output][i]}: NaN where not defined, +∞ for "never"
   */
  record Draws(int block, long from, int size, double[][] params, byte[] outcomes, double[][] scalars) {
    private static final GapOutcome[] OUTCOMES = GapOutcome.values();

    public GapOutcome outcome(int i) {
      return OUTCOMES[outcomes[i]];
    }
  }
}
