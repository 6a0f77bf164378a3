package meek.stats;

import org.apache.commons.statistics.descriptive.Quantile;
import org.apache.commons.statistics.descriptive.Variance;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Batch means for designs whose draws are not independent (Latin hypercube, Sobol): each block is an
 * independent replicate, so the spread of a quantile across blocks measures its precision. The interval is
 * the pooled estimate ± t(0.975, B−1)·sd/√B over the B blocks.
 */
public final class BatchQuantiles {

  private static final Quantile TYPE_7 =
      Quantile.withDefaults().with(Quantile.EstimationMethod.HF7).withCopy(false);

  private final double[][][] perBlock; // [block][output][probability]
  private final int outputs;
  private final ThreadLocal<double[]> scratch;

  public BatchQuantiles(int blocks, int outputs, int blockSize) {
    this.perBlock = new double[blocks][][];
    this.outputs = outputs;
    this.scratch = ThreadLocal.withInitial(() -> new double[blockSize]);
  }

  /** Takes one finished block's scalars, {@code scalars[output][i]} of its {@code size} draws. */
  public void accept(int block, double[][] scalars, int size) {
    double[] x = scratch.get();
    double[][] q = new double[outputs][];
    for (int c = 0; c < outputs; c++) {
      double[] column = scalars[c];
      int m = 0;
      boolean finite = true;
      for (int i = 0; i < size; i++) {
        double v = column[i];
        if (!Double.isNaN(v)) {
          x[m++] = v;
          finite &= !Double.isInfinite(v);
        }
      }
      q[c] = m >= 2 && finite ? TYPE_7.evaluateRange(x, 0, m, QuantileSummarizer.PROBABILITIES) : null;
    }
    perBlock[block] = q;
  }

  /** Writes blocks [from, to)'s quantiles (each output's, or a mark where a block has none). */
  public void write(java.io.DataOutput out, int from, int to) throws java.io.IOException {
    out.writeInt(outputs);
    out.writeInt(QuantileSummarizer.PROBABILITIES.length);
    for (int b = from; b < to; b++) {
      for (int c = 0; c < outputs; c++) {
        double[] q = perBlock[b][c];
        out.writeBoolean(q != null);
        for (int j = 0; q != null && j < q.length; j++) {
          out.writeDouble(q[j]);
        }
      }
    }
  }

  /** Takes back blocks [from, to) as {@link #write} wrote them. */
  public void read(java.io.DataInput in, int from, int to) throws java.io.IOException {
    int k = QuantileSummarizer.PROBABILITIES.length;
    if (in.readInt() != outputs || in.readInt() != k) {
      throw new java.io.IOException("batch quantiles of another shape");
    }
    for (int b = from; b < to; b++) {
      double[][] q = new double[outputs][];
      for (int c = 0; c < outputs; c++) {
        if (in.readBoolean()) {
          q[c] = new double[k];
          for (int j = 0; j < k; j++) {
            q[c][j] = in.readDouble();
          }
        }
      }
      perBlock[b] = q;
    }
  }

  /**
   * {lower, upper} of each probability's interval around the pooled estimates, or null when fewer than two
   * blocks have the output in full (a block with "never" values has no finite quantiles to average).
   */
  public double[][] intervals(int output, double[] pooled) {
    int k = pooled.length;
    int batches = perBlock.length;
    if (batches < 2) {
      return null;
    }
    double[][] byProbability = new double[k][batches];
    for (int b = 0; b < batches; b++) {
      if (perBlock[b] == null || perBlock[b][output] == null) {
        return null;
      }
      for (int j = 0; j < k; j++) {
        byProbability[j][b] = perBlock[b][output][j];
      }
    }
    double t = TDistribution.of(batches - 1).inverseSurvivalProbability(0.025);
    double[][] ci = new double[k][2];
    for (int j = 0; j < k; j++) {
      double half = t * Math.sqrt(Variance.of(byProbability[j]).getAsDouble() / batches);
      ci[j][0] = pooled[j] - half;
      ci[j][1] = pooled[j] + half;
    }
    return ci;
  }

}
