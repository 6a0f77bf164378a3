package meek.sampling;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import meek.model.GapOutcome;
import meek.model.MonteCarloModel;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Draws N parameter sets and evaluates the model on each, in parallel blocks of {@link #BLOCK_SIZE}
 * samples. Each block builds its samplers and scratch arrays once; the per-sample loop allocates nothing.
 */
public final class MonteCarloEngine {

  /** Samples per block. Fixed, so that results do not depend on the thread count. */
  public static final int BLOCK_SIZE = 8192;

  private final Parallel parallel;

  public MonteCarloEngine(Parallel parallel) {
    this.parallel = parallel;
  }

  /**
   * Runs the model on {@code n} draws.
   *
   * @param plan how each block draws its parameters
   * @param listener given each finished block, on the worker thread
   * @param keepScalars keep every draw's scalars in the returned set (exact quantiles; 8 bytes a draw per kept output), or
   *     only let listeners see them
   * @param progress told the number of samples done so far, after each block (may be called concurrently)
   */
  public SampleSet run(
      MonteCarloModel model,
      DrawSource plan,
      int n,
      long seed,
      BlockListener listener,
      boolean keepScalars,
      LongConsumer progress) {
    int blocks = (int) ((n + (long) BLOCK_SIZE - 1) / BLOCK_SIZE);
    UniformRandomProvider[] streams = RandomStreams.forBlocks(seed, blocks);
    int width = model.stateWidth();
    int outputs = model.outputs().size();
    int parameters = model.parameterNames().size();
    boolean[] kept = new boolean[outputs];
    for (int k = 0; k < outputs; k++) {
      kept[k] = model.shiftedFrom(k) < 0;
    }
    SampleSet set = new SampleSet(n, kept, parameters, keepScalars);
    long[][] outcomeCounts = new long[blocks][GapOutcome.values().length];
    long[][] invalidCounts = new long[blocks][parameters];
    AtomicLong done = new AtomicLong();
    // a worker's block arrays, reused for every block it runs: listeners read a block only during their call
    // (a fresh 1.3 MB a block made 20–30 collections at 1e7 draws)
    ThreadLocal<Buffers> buffers = ThreadLocal.withInitial(() -> new Buffers(parameters, width, outputs));

    parallel.forEach(
        blocks,
        b -> {
          int from = b * BLOCK_SIZE;
          int to = (int) Math.min(n, (long) from + BLOCK_SIZE);
          DrawSource.Drawer drawer = plan.forBlock(from, to - from, streams[b]);
          MonteCarloModel.Evaluator evaluator = model.newEvaluator();
          double[][] probe = set.parameterProbe();
          Buffers buf = buffers.get();
          double[][] drawn = buf.drawn;
          double[] params = buf.params;
          double[] state = buf.state;
          double[] scalars = buf.scalars;
          double[][] stateColumns = buf.stateColumns;
          int valid = 0;
          double[][] blockScalars = buf.blockScalars;
          byte[] blockOutcomes = buf.blockOutcomes;
          long[] counts = outcomeCounts[b];
          drawer.fill(drawn, to - from); // column by column: each law in a loop of its own
          for (int i = from; i < to; i++) {
            for (int p = 0; p < parameters; p++) {
              params[p] = drawn[p][i - from];
            }
            GapOutcome o = evaluator.evaluate(params, state, scalars);
            blockOutcomes[i - from] = (byte) o.ordinal();
            counts[o.ordinal()]++;
            if (o == GapOutcome.INVALID) {
              invalidCounts[b][evaluator.invalidParameter(params)]++;
              for (int c = 0; c < outputs; c++) {
                blockScalars[c][i - from] = Double.NaN;
              }
              continue;
            }
            for (int c = 0; c < width; c++) {
              stateColumns[c][valid] = state[c];
            }
            valid++;
            for (int c = 0; c < outputs; c++) {
              blockScalars[c][i - from] = scalars[c];
            }
          }
          for (int p = 0; p < parameters && from < probe[0].length; p++) {
            System.arraycopy(drawn[p], 0, probe[p], from, Math.min(to, probe[0].length) - from);
          }
          set.keep(from, to - from, blockScalars);
          listener.block(new Block(b, from, to, drawn, blockScalars, blockOutcomes, stateColumns, valid));
          progress.accept(done.addAndGet(to - from));
        });
    for (int b = 0; b < blocks; b++) {
      set.addCounts(outcomeCounts[b], invalidCounts[b]);
    }
    return set;
  }

  /** One worker's arrays for a block of up to {@link #BLOCK_SIZE} draws (a shorter last block uses their start). */
  private static final class Buffers {
    final double[][] drawn;
    final double[] params;
    final double[] state;
    final double[] scalars;
    final double[][] stateColumns;
    final double[][] blockScalars;
    final byte[] blockOutcomes = new byte[BLOCK_SIZE];

    Buffers(int parameters, int width, int outputs) {
      drawn = new double[parameters][BLOCK_SIZE];
      params = new double[parameters];
      state = new double[width];
      scalars = new double[outputs];
      stateColumns = new double[width][BLOCK_SIZE];
      blockScalars = new double[outputs][BLOCK_SIZE];
    }
  }
}
