package meek.sampling;

/**
 * Told about each finished block of draws, on the worker thread that made it, so that per-draw state can be
 * aggregated while it is in cache and then dropped: memory for the fan does not grow with N.
 */
public interface BlockListener {

  /**
   * @param block the block's index (blocks are numbered in sample order)
   * @param set the run's samples; this block's scalars are at indices [from, to)
   * @param params {@code params[parameter][i - from]}: the block's drawn parameters, valid until return
   * @param state {@code state[column][i]} of the block's valid draws i &lt; count, in sample order; only
   *     valid until this call returns
   */
  void block(int block, SampleSet set, int from, int to, double[][] params, double[][] state, int count);

  /** Tells several listeners, in order. */
  static BlockListener all(BlockListener... listeners) {
    return (block, set, from, to, params, state, count) -> {
      for (BlockListener l : listeners) {
        l.block(block, set, from, to, params, state, count);
      }
    };
  }
}
