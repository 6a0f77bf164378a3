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
  Drawer forBlock(long from, int size, UniformRandomProvider rng);

  /** Draws parameter vectors one after another. Not thread-safe. */
  interface Drawer {
    void next(double[] params);

    /**
     * The next {@code count} vectors at once, column by column: {@code columns[parameter][i]}, the same values as
     * {@code count} calls of {@link #next}.
     */
    default void fill(double[][] columns, int count) {
      double[] params = new double[columns.length];
      for (int i = 0; i < count; i++) {
        next(params);
        for (int p = 0; p < params.length; p++) {
          columns[p][i] = params[p];
        }
      }
    }
  }
}
