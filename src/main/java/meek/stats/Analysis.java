package meek.stats;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import meek.model.GapOutcome;
import meek.model.MonteCarloModel;
import meek.sampling.MonteCarloEngine;
import meek.sampling.Parallel;
import meek.sampling.SampleSet;
import meek.spec.Spec;

/** One run, spec to numbers: sample, then summarise every scalar output and the fan. */
public final class Analysis {

  private Analysis() {}

  /** Bytes of heap a run of n draws needs (per-draw columns plus the fan's working rows). */
  public static long bytesNeeded(MonteCarloModel model, long n, int steps) {
    return SampleSet.bytesFor(n, model.outputs().size())
        + FanAccumulator.bytesFor(n, steps, MonteCarloEngine.BLOCK_SIZE);
  }

  /** The finite values among the first n of a summarised column (its defined values), sorted. */
  private static double[] finiteSorted(double[] column, long n) {
    double[] finite = Arrays.stream(column, 0, (int) n).filter(Double::isFinite).toArray();
    Arrays.sort(finite);
    return finite;
  }

  public static RunResult run(
      Spec spec, MonteCarloModel model, int samples, long seed, int threads, LongConsumer progress) {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    try (Parallel parallel = new Parallel(threads)) {
      double[] times = spec.times();
      int blocks = (samples + MonteCarloEngine.BLOCK_SIZE - 1) / MonteCarloEngine.BLOCK_SIZE;
      FanAccumulator fanAccumulator = new FanAccumulator(model, times, blocks, MonteCarloEngine.BLOCK_SIZE);
      SampleSet set =
          new MonteCarloEngine(parallel)
              .run(model, spec.distributions(model.parameterNames()), samples, seed, fanAccumulator, progress);
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
      FanData fan = fanAccumulator.result(spec.baselineYear(), model.fanUnit());
      OutputSummary[] summaries = new OutputSummary[model.outputs().size()];
      parallel.forEach(
          summaries.length,
          k -> summaries[k] = QuantileSummarizer.summarize(model.outputs().get(k), set.scalars()[k]));
      double[] headline = finiteSorted(set.scalars()[0], summaries[0].n());
      double seconds = (System.nanoTime() - t0) / 1e9;
      return new RunResult(
          spec, samples, seed, threads, counts, invalid, List.of(summaries), fan, headline, started, seconds);
    }
  }
}
