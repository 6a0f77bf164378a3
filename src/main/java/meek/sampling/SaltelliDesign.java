package meek.sampling;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Saltelli's design for Sobol indices: two independent matrices A and B of N parameter vectors each, drawn
 * with a {@link DrawPlan}, and for each uncertain input i the matrix AB_i (A with input i taken from B).
 * The engine evaluates them in the order A_0, B_0, AB_1,0 … AB_d,0, A_1, …: N·(d + 2) points, interleaved so
 * that every block holds whole rows.
 */
public final class SaltelliDesign implements DrawSource {

  private final double[][] a;
  private final double[][] b;
  private final int[] inputs;

  /**
   * @param plan draws the rows of A and B (its correlations, if any, are the caller's business)
   * @param rows N
   * @param inputs the parameters (indices) whose indices are wanted: one AB matrix each
   * @param seed of the rows' streams
   */
  public SaltelliDesign(DrawPlan plan, int rows, int[] inputs, long seed) {
    this.inputs = inputs.clone();
    int parameters = plan.names().size();
    int blockSize = MonteCarloEngine.BLOCK_SIZE;
    int blocks = (int) ((2L * rows + blockSize - 1) / blockSize);
    UniformRandomProvider[] streams = RandomStreams.forBlocks(seed, blocks);
    double[][] all = new double[2 * rows][parameters];
    for (int blk = 0; blk < blocks; blk++) {
      int from = blk * blockSize;
      int to = Math.min(2 * rows, from + blockSize);
      DrawSource.Drawer drawer = plan.forBlock(from, to - from, streams[blk]);
      for (int r = from; r < to; r++) {
        drawer.next(all[r]);
      }
    }
    a = java.util.Arrays.copyOfRange(all, 0, rows);
    b = java.util.Arrays.copyOfRange(all, rows, 2 * rows);
  }

  /** Points per row: A, B and one AB_i per input. */
  public int pointsPerRow() {
    return inputs.length + 2;
  }

  /** Total points to evaluate: N·(d + 2). */
  public int points() {
    return a.length * pointsPerRow();
  }

  public int rows() {
    return a.length;
  }

  @Override
  public Drawer forBlock(long from, int size, UniformRandomProvider rng) {
    int width = pointsPerRow();
    return new Drawer() {
      private int s = Math.toIntExact(from);

      @Override
      public void next(double[] params) {
        int row = s / width;
        int variant = s % width;
        s++;
        System.arraycopy(variant == 1 ? b[row] : a[row], 0, params, 0, params.length);
        if (variant >= 2) {
          int p = inputs[variant - 2];
          params[p] = b[row][p];
        }
      }
    };
  }
}
