package meek.spark;

import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import meek.RuntimeFailure;
import meek.model.Metric;
import meek.run.MergedRun;
import meek.run.MonteCarloRun;
import meek.run.RunAggregates;
import meek.run.RunEngine;
import meek.run.RunOptions;
import meek.run.RunResult;
import meek.sampling.MonteCarloEngine;
import meek.sampling.RandomStreams;
import meek.spec.Spec;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Function0;
import scala.Function1;
import scala.Function2;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;

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

  /**
   * A run's tasks and where they begin in the job; while its tasks come in, its totals, into which each task's
   * result is read as it arrives (opened at the first, so the driver holds totals only for runs under way).
   */
  private static final class Planned {
    final int index;
    final Spec spec;
    final RunOptions merging;
    final List<MergedRun.Part> ranges;
    final int firstTask;
    MergedRun.Folding folding;

    Planned(int index, Spec spec, RunOptions merging, int[] firsts, int[] ends, int firstTask) {
      this.index = index;
      this.spec = spec;
      this.merging = merging;
      this.firstTask = firstTask;
      this.ranges = new ArrayList<>();
      for (int t = 0; t < firsts.length; t++) {
        ranges.add(new MergedRun.Part("Spark task " + (t + 1) + "/" + firsts.length, t + 1, firsts.length, firsts[t], ends[t], null));
      }
    }

    /**
     * Folds a task's result in; the run's result once its last task is in, else null.
     *
     * @param jobStarted when the job began (its {@code nanoTime} in {@code jobT0}): a run's compute seconds count
     *     from there, its tasks having run since
     */
    RunResult add(int task, byte[] bytes, java.time.Instant jobStarted, long jobT0) {
      if (folding == null) {
        folding = MergedRun.Folding.of(spec, merging, ranges, jobStarted, jobT0);
      }
      MergedRun.Part range = ranges.get(task - firstTask);
      folding.add(new MergedRun.Part(range.name(), range.part(), range.parts(), range.fromBlock(), range.toBlock(),
          () -> new ByteArrayInputStream(bytes)));
      if (!folding.complete()) {
        return null;
      }
      RunResult result = folding.result();
      folding = null;
      return result;
    }

    /** The draws of a task's range. */
    long draws(int task, long samples) {
      MergedRun.Part range = ranges.get(task - firstTask);
      return MonteCarloEngine.draws(samples, range.fromBlock(), range.toBlock());
    }
  }

  /** A task's result, handed from Spark's scheduler thread to the driver's. */
  private record Arrived(int task, byte[] bytes) {}

  /**
   * Every run's block ranges in one Spark job. Each task's result is folded into its run's totals as it arrives
   * and let go, and a run is written as soon as its last task is in; runs whose exact draws would not fit
   * {@link RunOptions#EXACT_HEAP_SHARE} of its heap together go in jobs of their own (waves), one after another.
   */
  @Override
  public void runAll(List<Spec> specs, RunOptions options, LongConsumer progress, Results results) throws java.io.IOException {
    long budget = (long) (RunOptions.EXACT_HEAP_SHARE * Runtime.getRuntime().maxMemory());
    long[] done = {0};
    int next = 0;
    while (next < specs.size()) {
      List<Planned> wave = new ArrayList<>();
      List<BlockTask> work = new ArrayList<>();
      List<Planned> runOfTask = new ArrayList<>();
      long held = 0;
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
        Planned planned = new Planned(next, spec, decided.withThreads(options.threads()), firsts, ends, work.size());
        wave.add(planned);
        for (int t = 0; t < tasks; t++) {
          work.add(BlockTask.of(next, spec, metrics, decided.withThreads(1), starts[t], ends[t]));
          runOfTask.add(planned);
        }
        next++;
      }
      spark.setJobDescription("meek: " + wave.size() + " run" + (wave.size() == 1 ? "" : "s") + " of " + options.samples() + " draws in "
          + work.size() + " tasks");
      runWave(work, runOfTask, options.samples(), draws -> {
        done[0] += draws;
        progress.accept(done[0]);
      }, results);
    }
  }

  /**
   * One Spark job over a wave's tasks. Spark hands each result to a handler on its scheduler thread, which only
   * queues it; this thread folds it into its run's totals, lets it go, and writes the run when its last is in.
   */
  private void runWave(List<BlockTask> work, List<Planned> runOfTask, long samples, LongConsumer drawsDone, Results results)
      throws java.io.IOException {
    BlockingQueue<Arrived> arrived = new LinkedBlockingQueue<>();
    java.time.Instant started = java.time.Instant.now();
    long t0 = System.nanoTime();
    JavaRDD<BlockTask> tasks = spark.parallelize(work, work.size()); // one task per partition
    List<Object> partitions = new ArrayList<>();
    for (int p = 0; p < work.size(); p++) {
      partitions.add(p);
    }
    SimpleFutureAction<Object> job = spark.sc().submitJob(tasks.rdd(), ONE_TASK, CollectionConverters.asScala(partitions).toList(),
        (Function2<Object, byte[], BoxedUnit>) (task, bytes) -> {
          arrived.add(new Arrived((Integer) task, bytes));
          return BoxedUnit.UNIT;
        },
        (Function0<Object>) () -> null);
    boolean finished = false;
    try {
      for (int left = work.size(); left > 0; ) {
        Arrived a = arrived.poll(100, TimeUnit.MILLISECONDS);
        if (a == null) {
          if (job.isCompleted() && arrived.isEmpty()) {
            try {
              job.get();
            } catch (SparkException e) {
              throw new RuntimeFailure("the Spark job failed: " + reason(e));
            }
            throw new IllegalStateException("the Spark job ended with " + left + " tasks' results missing");
          }
          continue;
        }
        left--;
        Planned planned = runOfTask.get(a.task());
        RunResult run = planned.add(a.task(), a.bytes(), started, t0);
        drawsDone.accept(planned.draws(a.task(), samples));
        if (run != null) {
          results.accept(planned.index, run);
        }
      }
      finished = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while the Spark job ran");
    } finally {
      if (!finished) {
        job.cancel();
      }
    }
  }

  /**
   * What failed, in one line. Spark's messages go on with the executor's stack trace, and some are only wrappers
   * ("Exception thrown in awaitResult:"), so the first line of each distinct message down the cause chain is kept.
   */
  static String reason(Throwable failure) {
    List<String> lines = new ArrayList<>();
    for (Throwable t = failure; t != null && lines.size() < 4; t = t.getCause() == t ? null : t.getCause()) {
      String first = t.getMessage() == null ? "" : t.getMessage().lines().findFirst().orElse("").strip();
      String line = first.endsWith(":") ? first.substring(0, first.length() - 1).strip() : first;
      if (!line.isEmpty() && lines.stream().noneMatch(l -> l.contains(line))) {
        lines.add(line);
      }
    }
    return lines.isEmpty() ? failure.getClass().getSimpleName() : String.join(": ", lines);
  }

  /** The task of a partition: its one block range's aggregates. */
  private static final Function1<scala.collection.Iterator<BlockTask>, byte[]> ONE_TASK =
      (Function1<scala.collection.Iterator<BlockTask>, byte[]> & Serializable) range -> range.next().compute();
}
