package meek.run;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import meek.InputException;
import meek.model.GapModel;
import meek.model.MonteCarloModel;
import meek.model.ScalarOutput;
import meek.sampling.BlockListener;
import meek.sampling.DrawPlan;
import meek.sampling.MonteCarloEngine;
import meek.sampling.Parallel;
import meek.sampling.RandomStreams;
import meek.sampling.SampleSet;
import meek.spec.Spec;
import meek.stats.FanSketch;
import meek.stats.ScalarSketches;

/**
 * One run of a spec, spec to numbers: draw N parameter sets, evaluate the spec's model on each, and
 * summarise every scalar output (exact quantiles or sketches, with their Monte Carlo CIs) and every fan.
 */
public final class MonteCarloRun {

  private final Spec spec;
  private final GapModel model;
  private final RunOptions options;

  private MonteCarloRun(Spec spec, GapModel model, RunOptions options) {
    this.spec = spec;
    this.model = model;
    this.options = options;
  }

  /** Prepares a run: builds the spec's model, and refuses up front a run the heap cannot hold. */
  public static MonteCarloRun of(Spec spec, RunOptions options) {
    GapModel model = new GapModel(spec.model());
    checkMemory(model, options, spec.times().length);
    return new MonteCarloRun(spec, model, options);
  }

  /** Prepares part I of K of a run, refusing up front a part the heap cannot hold. */
  public static MonteCarloRun ofPart(Spec spec, RunOptions options, int part, int parts) {
    GapModel model = new GapModel(spec.model());
    MonteCarloRun run = new MonteCarloRun(spec, model, options);
    checkExactFits(options);
    // a part holds its own share of the draws (the merge holds them all, and checks again)
    checkMemory(bytesNeeded(model, run.partDraws(part, parts), spec.times().length, options.exact(model.independentOutputs())),
        options.samples(), false);
    return run;
  }

  /** Prepares blocks [fromBlock, toBlock) of a run (a cluster's task), refusing up front a range the heap cannot hold. */
  public static MonteCarloRun ofBlocks(Spec spec, RunOptions options, int fromBlock, int toBlock) {
    GapModel model = new GapModel(spec.model());
    checkExactFits(options);
    long draws = MonteCarloEngine.draws(options.samples(), fromBlock, toBlock);
    checkMemory(bytesNeeded(model, draws, spec.times().length, options.exact(model.independentOutputs())), options.samples(), false);
    return new MonteCarloRun(spec, model, options);
  }

  /** Draws in part I of K. */
  public long partDraws(int part, int parts) {
    int[] range = RunAggregates.partRange(MonteCarloEngine.blocks(options.samples()), part, parts);
    return MonteCarloEngine.draws(options.samples(), range[0], range[1]);
  }

  /** The model's parameters, in draw order (the columns a sample file gets). */
  public List<String> parameterNames() {
    return model.parameterNames();
  }

  /** The model's scalar outputs, in order. */
  public List<ScalarOutput> outputs() {
    return model.outputs();
  }

  /** Runs it; every block of draws also goes to {@code sink} (null: nowhere). */
  public RunResult execute(DrawSink sink, LongConsumer progress) {
    return run(spec, model, options, sink == null ? null : drawsTo(sink), progress);
  }

  /** A block listener handing each block's draws to a sink. */
  static BlockListener drawsTo(DrawSink sink) {
    return b -> sink.accept(new DrawSink.Draws(b.index(), b.from(), b.size(), b.params(), b.outcomes(), b.scalars()));
  }

  /** Bytes of heap a run of n draws needs (per-draw columns plus the fan's working rows). */
  static long bytesNeeded(MonteCarloModel model, long n, int steps, boolean exact) {
    int blocks = MonteCarloEngine.blocks(n) + 1;
    return (exact ? SampleSet.bytesFor(n, model.independentOutputs()) : ScalarSketches.bytesFor(blocks, model.outputs().size()))
        + FanSketch.bytesFor(n, steps, MonteCarloEngine.BLOCK_SIZE);
  }

  /** 2.3 GB, or 48 MB below a gigabyte ("0.0 GB" said nothing). */
  private static String bytes(long b) {
    return b >= 1e9 ? String.format(java.util.Locale.ROOT, "%.1f GB", b / 1e9) : String.format(java.util.Locale.ROOT, "%d MB", Math.max(1, b >> 20));
  }

  /** What a heap of {@code max} bytes leaves once the 64 MB for charts and files is kept. */
  private static String left(long max) {
    long room = max - 64L * 1024 * 1024;
    return room < 1024 * 1024 ? "nothing" : bytes(room);
  }

  /** Refuses up front a merge the heap cannot hold, in the merge's words (it takes no --samples or --quantiles). */
  public static void checkMergeMemory(Spec spec, RunOptions options) {
    MonteCarloModel model = new GapModel(spec.model());
    long need = bytesNeeded(model, options.samples(), spec.times().length, options.exact(model.independentOutputs()));
    long max = Runtime.getRuntime().maxMemory();
    if (need > max - 64L * 1024 * 1024) { // (the same room as a run's check below)
      throw new InputException(String.format(java.util.Locale.ROOT,
          "these parts make a run of %,d draws with %s quantiles, which needs about %s of heap to merge, but this JVM may use"
              + " %s, of which 64 MB is kept for charts and files, leaving %s; raise it (JAVA_OPTS=-Xmx%dg ./meek merge …)%s",
          options.samples(), options.quantiles() == RunOptions.Quantiles.EXACT ? "exact" : "sketch", bytes(need), bytes(max),
          left(max),
          (long) Math.ceil(need / 1e9 * 1.3) + 1,
          options.quantiles() == RunOptions.Quantiles.EXACT ? ", or run the parts again with --quantiles sketch" : ""));
    }
  }

  /** Refuses up front a run the heap cannot hold, instead of failing after minutes. */
  static void checkMemory(MonteCarloModel model, RunOptions options, int steps) {
    checkExactFits(options);
    checkMemory(bytesNeeded(model, options.samples(), steps, options.exact(model.independentOutputs())), options.samples(), false);
  }

  private static void checkExactFits(RunOptions options) {
    if (options.quantiles() == RunOptions.Quantiles.EXACT && options.samples() > SampleSet.MAX_KEPT) {
      throw new InputException(String.format(java.util.Locale.ROOT,
          "--samples %,d with --quantiles exact: exact quantiles keep every draw, at most %,d; use --quantiles sketch (or auto)",
          options.samples(), SampleSet.MAX_KEPT));
    }
  }

  /**
   * Refuses a need of {@code need} bytes the heap cannot hold.
   *
   * @param pairing whether it includes a comparison's kept draws (which --quantiles sketch does not shrink)
   */
  static void checkMemory(long need, long samples, boolean pairing) {
    long max = Runtime.getRuntime().maxMemory();
    // leave room for charts, JSON and the JVM itself
    if (need > max - 64L * 1024 * 1024) {
      throw new InputException(String.format(
          "--samples %d needs about %s of heap%s, but this JVM may use %s, of which 64 MB is kept for charts and files,"
              + " leaving %s; raise it (JAVA_OPTS=-Xmx%dg ./meek …)%s, or lower --samples",
          samples, bytes(need), pairing ? " (a comparison keeps every spec's draws for the pairing)" : "", bytes(max),
          left(max),
          (long) Math.ceil(need / 1e9 * 1.3) + 1, pairing ? "" : ", use --quantiles sketch"));
    }
  }

  /**
   * The run itself, for any model.
   *
   * @param extra also told about every block (a sample writer, a comparison's collector), or null
   */
  static RunResult run(Spec spec, MonteCarloModel model, RunOptions options, BlockListener extra, LongConsumer progress) {
    return run(spec, model, options, extra, progress, Set.of());
  }

  /** The same, drawing the named parameters through the normal ({@link DrawPlan#of}): a comparison's pairing. */
  static RunResult run(Spec spec, MonteCarloModel model, RunOptions options, BlockListener extra, LongConsumer progress,
      Set<String> pairedThroughNormal) {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    try (Parallel parallel = new Parallel(options.threads())) {
      RunAggregates all = RunAggregates.compute(spec, model, options, 0, MonteCarloEngine.blocks(options.samples()), extra, progress,
          pairedThroughNormal, parallel);
      return all.summarize(spec, parallel, started, t0);
    }
  }

  /**
   * Blocks [start.block(), toBlock) of the run, on the options' threads: what a cluster's task computes, from the
   * streams' start its driver hands it.
   */
  public RunAggregates blocks(RandomStreams.Start start, int toBlock, LongConsumer progress) {
    try (Parallel parallel = new Parallel(options.threads())) {
      return RunAggregates.compute(spec, model, options, start, toBlock, null, progress, Set.of(), parallel);
    }
  }

  /** Bytes the run's exact draws take (its kept outputs, every draw). */
  public long exactBytes() {
    return SampleSet.bytesFor(options.samples(), model.independentOutputs());
  }

  /** Blocks in the run. */
  public int blocks() {
    return MonteCarloEngine.blocks(options.samples());
  }

  /** The options with --quantiles auto decided here, by this JVM's heap: what every part or task of the run must be told. */
  public RunOptions decidedOptions() {
    boolean exact = options.exact(model.independentOutputs());
    return new RunOptions(options.samples(), options.seed(), options.threads(), options.design(),
        exact ? RunOptions.Quantiles.EXACT : RunOptions.Quantiles.SKETCH, options.fans());
  }

  /**
   * Part I of K of the run ({@code --part I/K}): its contiguous range of blocks, run and added up, to be written
   * and later merged with the other parts.
   */
  public RunAggregates part(int part, int parts, LongConsumer progress) {
    int[] range = RunAggregates.partRange(MonteCarloEngine.blocks(options.samples()), part, parts);
    try (Parallel parallel = new Parallel(options.threads())) {
      return RunAggregates.compute(spec, model, options, range[0], range[1], null, progress, Set.of(), parallel);
    }
  }
}
