package meek.sampling;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Where the engine's parameter vectors come from, block by block: a sampling design ({@link DrawPlan}) or a
 * fixed list of points such as a Saltelli design ({@link SaltelliDesign}).
 */
public interface DrawSource {

  /**
   * The draws of one block.
   *
   * @param from the block's first sample index
   * @param size the number of draws in the block
   * @param rng the block's own random stream
   */
  Drawer forBlock(int from, int size, UniformRandomProvider rng);

  /** Draws parameter vectors one after another. Not thread-safe. */
  interface Drawer {
    void next(double[] params);
  }
}
