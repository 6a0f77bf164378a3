package meek.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongConsumer;
import meek.InputException;
import meek.model.GapModel;
import meek.model.GapOutcome;
import meek.model.MonteCarloModel;
import meek.model.ScalarOutput;
import meek.sampling.BlockListener;
import meek.sampling.DrawPlan;
import meek.sampling.MonteCarloEngine;
import meek.sampling.Parallel;
import meek.sampling.SampleSet;
import meek.spec.Spec;
import meek.stats.BatchQuantiles;
import meek.stats.FanData;
import meek.stats.FanSketch;
import meek.stats.OutputSummary;
import meek.stats.QuantileSummarizer;
import meek.stats.ScalarSketches;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

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
    int blocks = (int) (n / MonteCarloEngine.BLOCK_SIZE + 1);
    return (exact ? SampleSet.bytesFor(n, model.independentOutputs()) : ScalarSketches.bytesFor(blocks, model.outputs().size()))
        + FanSketch.bytesFor(n, steps, MonteCarloEngine.BLOCK_SIZE);
  }

  /** 2.3 GB, or 48 MB below a gigabyte ("0.0 GB" said nothing). */
  private static String bytes(long b) {
    return b >= 1e9 ? String.format(java.util.Locale.ROOT, "%.1f GB", b / 1e9) : String.format(java.util.Locale.ROOT, "%d MB", Math.max(1, b >> 20));
  }

  /** Refuses up front a run the heap cannot hold, instead of failing after minutes. */
  static void checkMemory(MonteCarloModel model, RunOptions options, int steps) {
    checkMemory(bytesNeeded(model, options.samples(), steps, options.exact(model.independentOutputs())), options.samples(), false);
  }

  /**
   * Refuses a need of {@code need} bytes the heap cannot hold.
   *
   * @param pairing whether it includes a comparison's kept draws (which --quantiles sketch does not shrink)
   */
  static void checkMemory(long need, int samples, boolean pairing) {
    long max = Runtime.getRuntime().maxMemory();
    // leave room for charts, JSON and the JVM itself
    if (need > max - 64L * 1024 * 1024) {
      throw new InputException(String.format(
          "--samples %d needs about %s of heap%s but the JVM may use %s; raise it (JAVA_OPTS=-Xmx%dg ./meek …)%s, or lower --samples",
          samples, bytes(need), pairing ? " (a comparison keeps every spec's draws for the pairing)" : "", bytes(max),
          (long) Math.ceil(need / 1e9 * 1.3) + 1, pairing ? "" : ", use --quantiles sketch"));
    }
  }

  private static BlockListener listeners(BlockListener... all) {
    return BlockListener.all(Arrays.stream(all).filter(Objects::nonNull).toArray(BlockListener[]::new));
  }

  /** Spearman correlations among the correlated parameters, on the probe of leading draws. */
  private static double[][] achievedSpearman(Spec spec, MonteCarloModel model, SampleSet set) {
    List<String> names = spec.correlations().names();
    int d = names.size();
    double[][] r = new double[d][d];
    if (d == 0 || set.parameterProbe()[0].length < 3) {
      return r;
    }
    SpearmansCorrelation spearman = new SpearmansCorrelation();
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        r[i][j] = i == j ? 1 : spearman.correlation(
            set.parameterProbe()[model.parameterNames().indexOf(names.get(i))],
            set.parameterProbe()[model.parameterNames().indexOf(names.get(j))]);
      }
    }
    return r;
  }

  /** The finite values among the first n of a summarised column (its defined values), in any order. */
  private static double[] finite(double[] column, long n) {
    int count = 0; // counted first, so the copy is one exact allocation (a stream's buffers cost 0.1 s at 1e7)
    for (int i = 0; i < n; i++) {
      if (Double.isFinite(column[i])) {
        count++;
      }
    }
    double[] out = new double[count];
    for (int i = 0, k = 0; k < count; i++) {
      if (Double.isFinite(column[i])) {
        out[k++] = column[i];
      }
    }
    return out;
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
    int samples = options.samples();
    try (Parallel parallel = new Parallel(options.threads())) {
      double[] times = spec.times();
      int blockSize = MonteCarloEngine.BLOCK_SIZE;
      int blocks = (samples + blockSize - 1) / blockSize;
      FanListener[] fanListeners = new FanListener[options.fans() ? model.fans().size() : 0];
      for (int f = 0; f < fanListeners.length; f++) {
        fanListeners[f] = new FanListener(model, f, times, blocks, blockSize);
      }
      BatchQuantiles batches = options.design().usesBatchMeans()
          ? new BatchQuantiles(blocks, model.outputs().size(), blockSize) : null;
      boolean exact = options.exact(model.independentOutputs());
      ScalarSketches sketches = exact ? null : new ScalarSketches(blocks, model.outputs().size(), samples, blockSize);
      DrawPlan plan = DrawPlan.of(spec.distributions(model.parameterNames()), model.parameterNames(), spec.correlations(), options.design(),
          blockSize, pairedThroughNormal);
      BlockListener toBatches = batches == null ? null : b -> batches.accept(b.index(), b.scalars(), b.size());
      BlockListener toSketches = sketches == null ? null : b -> sketches.accept(b.index(), b.from(), b.scalars(), b.size());
      SampleSet set =
          new MonteCarloEngine(parallel)
              .run(model, plan, samples, options.seed(),
                  listeners(BlockListener.all(fanListeners), toBatches, toSketches, extra), exact, progress);
      Map<GapOutcome, Long> counts = new EnumMap<>(GapOutcome.class);
      for (GapOutcome o : GapOutcome.values()) {
        counts.put(o, set.count(o));
      }
      Map<String, Long> invalid = new LinkedHashMap<>();
      for (int p = 0; p < model.parameterNames().size(); p++) {
        if (set.invalidCount(p) > 0) {
          invalid.put(model.parameterNames().get(p), set.invalidCount(p));
        }
      }
      List<FanData> fans = new ArrayList<>();
      for (FanListener f : fanListeners) {
        fans.add(f.result());
      }
      OutputSummary[] summaries = new OutputSummary[model.outputs().size()];
      if (exact) {
        // a calendar year is its duration plus a constant: its summary is the duration's, shifted, not a second selection
        parallel.forEach(
            summaries.length,
            k -> summaries[k] = model.shiftedFrom(k) >= 0 ? null : QuantileSummarizer.summarize(
                model.outputs().get(k), set.scalars()[k], batches == null ? null : pooled -> batches.intervals(k, pooled)));
        for (int k = 0; k < summaries.length; k++) {
          if (model.shiftedFrom(k) >= 0) {
            summaries[k] = summaries[model.shiftedFrom(k)].shifted(model.outputs().get(k), model.shift(k));
          }
        }
      } else {
        for (int k = 0; k < summaries.length; k++) {
          summaries[k] = sketches.summarize(k, model.outputs().get(k));
        }
      }
      double[] headline = exact ? finite(set.scalars()[0], summaries[0].n()) : sketches.histogramDraws();
      double seconds = (System.nanoTime() - t0) / 1e9;
      String quantileMethod = exact
          ? "exact sample quantiles, Hyndman-Fan type 7 (linear interpolation at p(n-1), numpy's default)"
          : "streamed: DDSketch bins, each quantile within " + ScalarSketches.RELATIVE_ACCURACY
              + " (relative) of the sample value at rank floor(p(n-1)); mean and sd exact; histogram of the first "
              + Math.min(samples, ScalarSketches.HISTOGRAM_DRAWS) + " draws";
      // with one block there are no batches to compare: order statistics give the intervals, and say so
      String ciMethod = batches == null || blocks < 2
          ? "distribution-free 95% confidence interval of each quantile from order statistics (binomial ranks)"
          : "batch means: pooled quantile ± t(0.975, B-1)·sd/sqrt(B) over the B = " + blocks
              + " blocks, each an independent replicate of the design (order statistics where an output has 'never' values)";
      return new RunResult(
          SpecSummary.of(spec), samples, options.seed(), options.threads(), options.designName(), quantileMethod,
          exact ? 0 : ScalarSketches.RELATIVE_ACCURACY, ciMethod, achievedSpearman(spec, model, set), counts, invalid,
          List.of(summaries), List.copyOf(fans), headline, started, seconds);
    }
  }
}
