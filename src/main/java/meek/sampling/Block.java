package meek.sampling;

import meek.model.GapOutcome;

/**
 * One finished block of draws, as its listeners see it: block-local arrays, valid only during the call.
 *
 * @param index the block's number (blocks are numbered in sample order)
 * @param from the first sample index of the block
 * @param to one past the last
 * @param params {@code params[parameter][i]}: the drawn parameters of sample {@code from + i}
 * @param scalars {@code scalars[output][i]}: NaN where not defined, +∞ for "never"
 * @param outcomes the outcome ordinal of each draw
 * @param state {@code state[column][k]} of the block's valid draws k &lt; valid, in sample order
 * @param valid how many draws were valid (not invalid)
 */
public record Block(
    int index, long from, long to, double[][] params, double[][] scalars, byte[] outcomes, double[][] state, int valid) {

  private static final GapOutcome[] OUTCOMES = GapOutcome.values();

  public int size() {
    return (int) (to - from);
  }

  public GapOutcome outcome(int i) {
    return OUTCOMES[outcomes[i]];
  }
}
