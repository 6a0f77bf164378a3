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
  public RunResult run(Spec spec, RunOptions options, LongConsumer progress) {
    RunOptions decided = MonteCarloRun.of(spec, options).decidedOptions(); // refuses a run the driver cannot merge, too
    MonteCarloRun run = MonteCarloRun.of(spec, decided);
    int blocks = run.blocks();
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
    List<BlockTask> work = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      work.add(BlockTask.of(0, spec, metrics, decided.withThreads(1), starts[t], ends[t]));
    }
    spark.setJobDescription("meek run " + spec.name() + ": " + options.samples() + " draws in " + tasks + " tasks");
    List<byte[]> results = spark.parallelize(work, tasks).map(BlockTask::compute).collect();
    progress.accept(options.samples());
    List<MergedRun.Part> parts = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      byte[] bytes = results.get(t);
      parts.add(new MergedRun.Part("Spark task " + (t + 1) + "/" + tasks, t + 1, tasks, firsts[t], ends[t],
          () -> new ByteArrayInputStream(bytes)));
    }
    return MergedRun.merge(spec, decided.withThreads(options.threads()), parts);
  }
}
