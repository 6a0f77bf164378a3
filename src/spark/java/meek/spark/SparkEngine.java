package meek.spark;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;
import meek.model.Metric;
import meek.run.MergedRun;
import meek.run.MonteCarloRun;
import meek.run.RunAggregates;
import meek.run.RunEngine;
import meek.run.RunOptions;
import meek.run.RunResult;
import meek.sampling.RandomStreams;
import meek.spec.Spec;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs on Apache Spark: a run's blocks are cut into contiguous ranges, one task each; the driver computes every
 * range's random-stream start in one pass, the tasks return their ranges' aggregates in part format, and the
 * driver merges them with {@code meek merge}'s code. The results are the local engine's, bit for bit, for any
 * number of tasks.
 */
final class SparkEngine implements RunEngine {

  private final JavaSparkContext spark;
  private final int tasksPerCore;

  /**
   * @param tasksPerCore tasks per core of the cluster (its default parallelism): more balance the load, each
   *     costs a few milliseconds
   */
  SparkEngine(JavaSparkContext spark, int tasksPerCore) {
    this.spark = spark;
    this.tasksPerCore = tasksPerCore;
  }

  @Override
  public String name() {
    return "Spark";
  }

  /** The tasks of a run: about tasksPerCore × the cluster's cores, never more than its blocks. */
  int tasksFor(int blocks) {
    return Math.max(1, Math.min(blocks, spark.defaultParallelism() * tasksPerCore));
  }

  @Override
  public boolean runsTogether() {
    return true;
  }

  @Override
  public RunResult run(Spec spec, RunOptions options, LongConsumer progress) {
    RunResult[] result = new RunResult[1];
    try {
      runAll(List.of(spec), options, progress, (i, r) -> result[0] = r);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return result[0];
  }

  /** A run's tasks, and where its part of the job's results begins. */
  private record Planned(Spec spec, RunOptions decided, int[] firsts, int[] ends, int firstTask) {}

  /**
   * Every run's block ranges in one Spark job. The driver holds the job's results until it ends, so runs whose
   * exact draws would not fit {@link RunOptions#EXACT_HEAP_SHARE} of its heap together go in jobs of their own
   * (waves), one after another.
   */
  @Override
  public void runAll(List<Spec> specs, RunOptions options, LongConsumer progress, Results results) throws java.io.IOException {
    long budget = (long) (RunOptions.EXACT_HEAP_SHARE * Runtime.getRuntime().maxMemory());
    long done = 0;
    int next = 0;
    while (next < specs.size()) {
      List<Planned> wave = new ArrayList<>();
      List<BlockTask> work = new ArrayList<>();
      long held = 0;
      int firstOfWave = next;
      while (next < specs.size()) {
        Spec spec = specs.get(next);
        MonteCarloRun checked = MonteCarloRun.of(spec, options); // refuses a run the driver cannot merge
        RunOptions decided = checked.decidedOptions();
        long bytes = decided.quantiles() == RunOptions.Quantiles.EXACT ? checked.exactBytes() : 0;
        if (!wave.isEmpty() && held + bytes > budget) {
          break;
        }
        held += bytes;
        int blocks = checked.blocks();
        int tasks = tasksFor(blocks);
        int[] firsts = new int[tasks];
        int[] ends = new int[tasks];
        for (int t = 0; t < tasks; t++) {
          int[] range = RunAggregates.partRange(blocks, t + 1, tasks);
          firsts[t] = range[0];
          ends[t] = range[1];
        }
        RandomStreams.Start[] starts = RandomStreams.starts(decided.seed(), firsts);
        List<Metric> metrics = Arrays.stream(Metric.values()).filter(spec.model()::has).toList();
        wave.add(new Planned(spec, decided, firsts, ends, work.size()));
        for (int t = 0; t < tasks; t++) {
          work.add(BlockTask.of(next, spec, metrics, decided.withThreads(1), starts[t], ends[t]));
        }
        next++;
      }
      spark.setJobDescription("meek: " + wave.size() + " run" + (wave.size() == 1 ? "" : "s") + " of " + options.samples() + " draws in "
          + work.size() + " tasks");
      List<byte[]> bytes = spark.parallelize(work, work.size()).map(BlockTask::compute).collect();
      for (int w = 0; w < wave.size(); w++) {
        Planned planned = wave.get(w);
        int tasks = planned.firsts().length;
        List<MergedRun.Part> parts = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
          byte[] part = bytes.get(planned.firstTask() + t);
          parts.add(new MergedRun.Part("Spark task " + (t + 1) + "/" + tasks, t + 1, tasks, planned.firsts()[t], planned.ends()[t],
              () -> new ByteArrayInputStream(part)));
        }
        RunResult result = MergedRun.merge(planned.spec(), planned.decided().withThreads(options.threads()), parts);
        done += options.samples();
        progress.accept(done);
        results.accept(firstOfWave + w, result);
      }
    }
  }
}
