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
      long n,
      long seed,
      BlockListener listener,
      boolean keepScalars,
      LongConsumer progress) {
    return run(model, plan, n, 0, blocks(n), seed, listener, keepScalars, progress);
  }

  /** Blocks in a run of n draws. */
  public static int blocks(long n) {
    return Math.toIntExact((n + BLOCK_SIZE - 1) / BLOCK_SIZE);
  }

  /** Draws that blocks [fromBlock, toBlock) of a run of n draws hold (its last block may be short). */
  public static long draws(long n, int fromBlock, int toBlock) {
    return Math.min(n, (long) toBlock * BLOCK_SIZE) - (long) fromBlock * BLOCK_SIZE;
  }

  /**
   * Runs only blocks [fromBlock, toBlock) of a run of {@code n} draws: exactly the draws those blocks have in
   * the whole run (block b always draws from stream b), so the parts of a run add up to it. The returned set
   * holds the range's draws, its first at sample {@code fromBlock · BLOCK_SIZE}.
   */
  public SampleSet run(
      MonteCarloModel model,
      DrawSource plan,
      long n,
      int fromBlock,
      int toBlock,
      long seed,
      BlockListener listener,
      boolean keepScalars,
      LongConsumer progress) {
    return run(model, plan, n, RandomStreams.Start.of(seed, fromBlock), toBlock, listener, keepScalars, progress);
  }

  /** The same, from the streams' start at the range's first block (a cluster's task gets it from the driver). */
  public SampleSet run(
      MonteCarloModel model,
      DrawSource plan,
      long n,
      RandomStreams.Start start,
      int toBlock,
      BlockListener listener,
      boolean keepScalars,
      LongConsumer progress) {
    int blocks = blocks(n);
    int fromBlock = start.block();
    if (fromBlock < 0 || toBlock > blocks || fromBlock > toBlock) {
      throw new IllegalArgumentException("blocks [" + fromBlock + ", " + toBlock + ") of " + blocks);
    }
    UniformRandomProvider[] streams = RandomStreams.forBlocks(start, toBlock);
    int width = model.stateWidth();
    int outputs = model.outputs().size();
    int parameters = model.parameterNames().size();
    long first = (long) fromBlock * BLOCK_SIZE;
    long end = Math.min(n, (long) toBlock * BLOCK_SIZE);
    SampleSet set = new SampleSet(first, end - first, model.keptOutputs(), parameters, keepScalars);
    int range = toBlock - fromBlock;
    long[][] outcomeCounts = new long[range][GapOutcome.values().length];
    long[][] invalidCounts = new long[range][parameters];
    AtomicLong done = new AtomicLong();
    // a worker's block arrays, reused for every block it runs: listeners read a block only during their call
    // (a fresh 1.3 MB a block made 20–30 collections at 1e7 draws)
    ThreadLocal<Buffers> buffers = ThreadLocal.withInitial(() -> new Buffers(parameters, width, outputs));

    parallel.forEach(
        range,
        r -> {
          int b = fromBlock + r;
          long from = (long) b * BLOCK_SIZE;
          int size = (int) Math.min(BLOCK_SIZE, n - from);
          long to = from + size;
          DrawSource.Drawer drawer = plan.forBlock(from, size, streams[r]);
          MonteCarloModel.Evaluator evaluator = model.newEvaluator();
          Buffers buf = buffers.get();
          double[][] drawn = buf.drawn;
          double[] params = buf.params;
          double[] state = buf.state;
          double[] scalars = buf.scalars;
          double[][] stateColumns = buf.stateColumns;
          int valid = 0;
          double[][] blockScalars = buf.blockScalars;
          byte[] blockOutcomes = buf.blockOutcomes;
          long[] counts = outcomeCounts[r];
          drawer.fill(drawn, size); // column by column: each law in a loop of its own
          for (int i = 0; i < size; i++) {
            for (int p = 0; p < parameters; p++) {
              params[p] = drawn[p][i];
            }
            GapOutcome o = evaluator.evaluate(params, state, scalars);
            blockOutcomes[i] = (byte) o.ordinal();
            counts[o.ordinal()]++;
            if (o == GapOutcome.INVALID) {
              invalidCounts[r][evaluator.invalidParameter(params)]++;
              for (int c = 0; c < outputs; c++) {
                blockScalars[c][i] = Double.NaN;
              }
              continue;
            }
            for (int c = 0; c < width; c++) {
              stateColumns[c][valid] = state[c];
            }
            valid++;
            for (int c = 0; c < outputs; c++) {
              blockScalars[c][i] = scalars[c];
            }
          }
          set.keepProbe(from, size, drawn);
          set.keep(from, size, blockScalars);
          listener.block(new Block(b, from, to, drawn, blockScalars, blockOutcomes, stateColumns, valid));
          progress.accept(done.addAndGet(size));
        });
    for (int r = 0; r < range; r++) {
      set.addCounts(outcomeCounts[r], invalidCounts[r]);
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
