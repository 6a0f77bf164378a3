package meek.run;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import meek.model.GapOutcome;
import meek.model.MonteCarloModel;
import meek.sampling.BlockListener;
import meek.sampling.DrawPlan;
import meek.sampling.MonteCarloEngine;
import meek.sampling.Parallel;
import meek.sampling.RandomStreams;
import meek.sampling.SampleSet;
import meek.spec.Spec;
import meek.stats.BatchQuantiles;
import meek.stats.FanData;
import meek.stats.OutputSummary;
import meek.stats.QuantileSummarizer;
import meek.stats.ScalarSketches;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * What a run adds up block by block, for a contiguous range [fromBlock, toBlock) of its blocks: outcome and
 * invalid counts, each fan's bin counts and per-block sums, the scalars (every draw's, or sketch bins with
 * per-block moments), per-block quantiles for batch means, and the parameters of the run's leading draws. A
 * whole run is the range of all its blocks. A part ({@code --part I/K}) is one range, written with
 * {@link #write}; {@link #read} puts a part back into a whole run's aggregates, so a merged run is summarised
 * by {@link #summarize} from the very numbers a whole run holds: its results are the same bit for bit.
 */
public final class RunAggregates {

  /** The part format's version: a reader refuses any other. */
  public static final int FORMAT = 1;

  private static final int MAGIC = 0x4d45454b; // "MEEK"
  private static final int END = 0x454e4421; // "END!"

  private final MonteCarloModel model;
  private final RunOptions options;
  private final int blocks;
  private final int fromBlock;
  private final int toBlock;
  private final boolean exact;
  private final FanListener[] fans;
  private final BatchQuantiles batches;
  private final ScalarSketches sketches;
  private SampleSet set;
  /** Which blocks hold their numbers (a merge fills them part by part). */
  private final java.util.BitSet filled = new java.util.BitSet();

  private RunAggregates(MonteCarloModel model, RunOptions options, double[] times, int fromBlock, int toBlock) {
    this.model = model;
    this.options = options;
    this.blocks = MonteCarloEngine.blocks(options.samples());
    this.fromBlock = fromBlock;
    this.toBlock = toBlock;
    int blockSize = MonteCarloEngine.BLOCK_SIZE;
    this.fans = new FanListener[options.fans() ? model.fans().size() : 0];
    for (int f = 0; f < fans.length; f++) {
      fans[f] = new FanListener(model, f, times, blocks, blockSize);
    }
    this.batches = options.design().usesBatchMeans() ? new BatchQuantiles(blocks, model.outputs().size(), blockSize) : null;
    this.exact = options.exact(model.independentOutputs());
    this.sketches = exact ? null : new ScalarSketches(blocks, model.outputs().size(), options.samples(), blockSize);
  }

  /** Blocks [from, to) of the run of a whole of {@code blocks}: part I of K (1-based), contiguous and as even as can be. */
  public static int[] partRange(int blocks, int part, int parts) {
    return new int[] {(int) ((long) (part - 1) * blocks / parts), (int) ((long) part * blocks / parts)};
  }

  /**
   * Runs blocks [fromBlock, toBlock) of the run.
   *
   * @param extra also told about every block, or null
   * @param pairedThroughNormal parameters drawn through the normal ({@link DrawPlan#of}): a comparison's pairing
   */
  static RunAggregates compute(Spec spec, MonteCarloModel model, RunOptions options, int fromBlock, int toBlock,
      BlockListener extra, LongConsumer progress, Set<String> pairedThroughNormal, Parallel parallel) {
    return compute(spec, model, options, RandomStreams.Start.of(options.seed(), fromBlock), toBlock, extra, progress, pairedThroughNormal,
        parallel);
  }

  /** The same, from the streams' start at the range's first block. */
  static RunAggregates compute(Spec spec, MonteCarloModel model, RunOptions options, RandomStreams.Start start, int toBlock,
      BlockListener extra, LongConsumer progress, Set<String> pairedThroughNormal, Parallel parallel) {
    int fromBlock = start.block();
    RunAggregates a = new RunAggregates(model, options, spec.times(), fromBlock, toBlock);
    int blockSize = MonteCarloEngine.BLOCK_SIZE;
    DrawPlan plan = DrawPlan.of(spec.distributions(model.parameterNames()), model.parameterNames(), spec.correlations(), options.design(),
        blockSize, pairedThroughNormal);
    List<BlockListener> listeners = new ArrayList<>(List.of(a.fans));
    if (a.batches != null) {
      listeners.add(b -> a.batches.accept(b.index(), b.scalars(), b.size()));
    }
    if (a.sketches != null) {
      listeners.add(b -> a.sketches.accept(b.index(), b.from(), b.scalars(), b.size()));
    }
    if (extra != null) {
      listeners.add(extra);
    }
    a.set = new MonteCarloEngine(parallel).run(model, plan, options.samples(), start, toBlock,
        BlockListener.all(listeners.toArray(BlockListener[]::new)), a.exact, progress);
    a.filled.set(fromBlock, toBlock);
    return a;
  }

  /** A whole run's aggregates with no block yet: parts are read into it. */
  static RunAggregates empty(Spec spec, MonteCarloModel model, RunOptions options) {
    RunAggregates a = new RunAggregates(model, options, spec.times(), 0, MonteCarloEngine.blocks(options.samples()));
    a.set = new SampleSet(0, options.samples(), model.keptOutputs(), model.parameterNames().size(), a.exact);
    return a;
  }

  public int fromBlock() {
    return fromBlock;
  }

  public int toBlock() {
    return toBlock;
  }

  /** Whether the scalars are kept draw by draw (exact quantiles) rather than sketched. */
  public boolean exact() {
    return exact;
  }

  private long firstDraw(int block) {
    return (long) block * MonteCarloEngine.BLOCK_SIZE;
  }

  private long endDraw(int block) {
    return Math.min(options.samples(), firstDraw(block));
  }

  /** Writes the range's aggregates in part format {@link #FORMAT} (the layout is in the README). */
  public void write(DataOutput out) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(FORMAT);
    writeShape(out, fromBlock, toBlock);
    for (GapOutcome o : GapOutcome.values()) {
      out.writeLong(set.count(o));
    }
    for (int p = 0; p < model.parameterNames().size(); p++) {
      out.writeLong(set.invalidCount(p));
    }
    double[][] probe = set.parameterProbe();
    out.writeInt(probe.length == 0 ? 0 : probe[0].length);
    for (double[] column : probe) {
      for (double v : column) {
        out.writeDouble(v);
      }
    }
    for (FanListener f : fans) {
      f.sketch().write(out, fromBlock, toBlock);
    }
    if (exact) {
      for (double[] column : set.scalars()) {
        out.writeBoolean(column != null);
        if (column != null) {
          writeDoubles(out, column, 0, column.length);
        }
      }
    } else {
      sketches.write(out, fromBlock, toBlock, firstDraw(fromBlock), endDraw(toBlock));
    }
    if (batches != null) {
      batches.write(out, fromBlock, toBlock);
    }
    out.writeInt(END);
  }

  private void writeShape(DataOutput out, int from, int to) throws IOException {
    out.writeLong(options.samples());
    out.writeInt(MonteCarloEngine.BLOCK_SIZE);
    out.writeInt(blocks);
    out.writeInt(from);
    out.writeInt(to);
    out.writeInt(model.parameterNames().size());
    out.writeInt(model.outputs().size());
    out.writeInt(fans.length);
    out.writeBoolean(exact);
    out.writeBoolean(batches != null);
  }

  /**
   * Reads a part written by {@link #write} for blocks [from, to) into these (a whole run's) aggregates.
   *
   * @throws IOException if the stream is not such a part of this run, is cut short, or holds more
   */
  void read(DataInput in, int from, int to) throws IOException {
    if (in.readInt() != MAGIC) {
      throw new IOException("not a part of meek's (its first bytes are not MEEK)");
    }
    int format = in.readInt();
    if (format != FORMAT) {
      throw new IOException("part format " + format + ", which this meek (format " + FORMAT + ") does not read");
    }
    long samples = in.readLong();
    int blockSize = in.readInt();
    int wholeBlocks = in.readInt();
    int partFrom = in.readInt();
    int partTo = in.readInt();
    int parameters = in.readInt();
    int outputs = in.readInt();
    int fanCount = in.readInt();
    boolean partExact = in.readBoolean();
    boolean partBatches = in.readBoolean();
    if (samples != options.samples() || blockSize != MonteCarloEngine.BLOCK_SIZE || wholeBlocks != blocks
        || partFrom != from || partTo != to || parameters != model.parameterNames().size() || outputs != model.outputs().size()
        || fanCount != fans.length || partExact != exact || partBatches != (batches != null)) {
      throw new IOException("its numbers do not have the shape its manifest gives");
    }
    if (from < 0 || to > blocks || from >= to || filled.nextSetBit(from) >= 0 && filled.nextSetBit(from) < to) {
      throw new IOException("blocks " + from + "–" + (to - 1) + " are already merged");
    }
    long[] outcomes = new long[GapOutcome.values().length];
    for (int o = 0; o < outcomes.length; o++) {
      outcomes[o] = in.readLong();
    }
    long[] invalid = new long[parameters];
    for (int p = 0; p < parameters; p++) {
      invalid[p] = in.readLong();
    }
    set.addCounts(outcomes, invalid);
    int probe = in.readInt();
    double[][] probeColumns = set.parameterProbe();
    long first = firstDraw(from);
    long end = endDraw(to);
    if (probe != (int) Math.max(0, Math.min(end, SampleSet.PROBE_SIZE) - first)) {
      throw new IOException("a probe of " + probe + " draws where its blocks have another number");
    }
    for (double[] column : probeColumns) {
      for (int i = 0; i < probe; i++) {
        column[(int) first + i] = in.readDouble();
      }
    }
    for (FanListener f : fans) {
      f.sketch().read(in, from, to);
    }
    if (exact) {
      for (double[] column : set.scalars()) {
        if (in.readBoolean() != (column != null)) {
          throw new IOException("its kept columns differ from this run's");
        }
        if (column != null) {
          readDoubles(in, column, (int) first, (int) (end - first));
        }
      }
    } else {
      sketches.read(in, from, to, first, end);
    }
    if (batches != null) {
      batches.read(in, from, to);
    }
    if (in.readInt() != END) {
      throw new IOException("its numbers do not end where they should");
    }
    filled.set(from, to);
  }

  /** Doubles as DataOutput writes them (big-endian), a buffer at a time: a column is most of an exact part's bytes. */
  private static void writeDoubles(DataOutput out, double[] values, int from, int count) throws IOException {
    byte[] bytes = new byte[8 * Math.min(count, 8192)];
    java.nio.DoubleBuffer view = java.nio.ByteBuffer.wrap(bytes).asDoubleBuffer();
    for (int i = 0; i < count; i += 8192) {
      int n = Math.min(8192, count - i);
      view.clear();
      view.put(values, from + i, n);
      out.write(bytes, 0, 8 * n);
    }
  }

  private static void readDoubles(DataInput in, double[] values, int from, int count) throws IOException {
    byte[] bytes = new byte[8 * Math.min(count, 8192)];
    java.nio.DoubleBuffer view = java.nio.ByteBuffer.wrap(bytes).asDoubleBuffer();
    for (int i = 0; i < count; i += 8192) {
      int n = Math.min(8192, count - i);
      in.readFully(bytes, 0, 8 * n);
      view.clear();
      view.get(values, from + i, n);
    }
  }

  /** Whether every block of the run is in. */
  boolean complete() {
    return filled.nextClearBit(0) >= blocks;
  }

  /** The blocks no part has filled yet, as [from, to) ranges. */
  List<int[]> missing() {
    List<int[]> gaps = new ArrayList<>();
    for (int b = filled.nextClearBit(0); b < blocks; b = filled.nextClearBit(b)) {
      int end = Math.min(blocks, filled.nextSetBit(b) < 0 ? blocks : filled.nextSetBit(b));
      gaps.add(new int[] {b, end});
      b = end;
    }
    return gaps;
  }

  /**
   * Summarises every output and fan. Needs every block.
   *
   * @param started when the run started; {@code seconds} how long its compute took
   */
  RunResult summarize(Spec spec, Parallel parallel, java.time.Instant started, long t0) {
    if (fromBlock != 0 || toBlock != blocks || !complete()) {
      throw new IllegalStateException("a summary needs every block");
    }
    long samples = options.samples();
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
    List<FanData> fanData = new ArrayList<>();
    for (FanListener f : fans) {
      fanData.add(f.result());
    }
    OutputSummary[] summaries = new OutputSummary[model.outputs().size()];
    if (exact) {
      parallel.forEach(
          summaries.length,
          k -> summaries[k] = model.shiftedFrom(k) >= 0 ? null : QuantileSummarizer.summarize(
              model.outputs().get(k), set.scalars()[k], batches == null ? null : pooled -> batches.intervals(k, pooled)));
    } else {
      for (int k = 0; k < summaries.length; k++) {
        summaries[k] = model.shiftedFrom(k) >= 0 ? null : sketches.summarize(k, model.outputs().get(k));
      }
    }
    // A calendar year is its duration plus a constant: its summary is the duration's, shifted. (Its own sketch
    // would bin a year near 2022 at 1e-4 of 2022, 0.2 years, where the duration's bins are 1e-4 of ~3 years.)
    for (int k = 0; k < summaries.length; k++) {
      if (model.shiftedFrom(k) >= 0) {
        summaries[k] = summaries[model.shiftedFrom(k)].shifted(model.outputs().get(k), model.shift(k));
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
        exact ? 0 : ScalarSketches.RELATIVE_ACCURACY, ciMethod, achievedSpearman(spec), counts, invalid,
        List.of(summaries), List.copyOf(fanData), headline, started, seconds);
  }

  /** Spearman correlations among the correlated parameters, on the probe of leading draws. */
  private double[][] achievedSpearman(Spec spec) {
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
}
