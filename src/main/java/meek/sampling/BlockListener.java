package meek.sampling;

/**
 * Told about each finished block of draws, on the worker thread that made it, so that per-draw results can
 * be aggregated (or written) while they are in cache and then dropped: memory for them does not grow with N.
 */
public interface BlockListener {

  void block(Block block);

  /** Tells several listeners, in order. */
  static BlockListener all(BlockListener... listeners) {
    return block -> {
      for (BlockListener l : listeners) {
        l.block(block);
      }
    };
  }
}
