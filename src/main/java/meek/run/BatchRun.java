package meek.run;

import java.io.IOException;
import java.util.function.LongConsumer;

/**
 * A batch's runs, one after another, each on all the threads asked for, so the machine is never
 * oversubscribed. It knows no files: a sink says which runs are already done (an earlier, matching run) and
 * takes each result as soon as its run ends.
 */
public final class BatchRun {

  /** Where a batch's results go. */
  public interface Sink {
    /** Whether run {@code index} is done already, so that it is skipped. */
    boolean isDone(int index, BatchPlan.Job job) throws IOException;

    /** Told as run {@code index} starts; returns what follows its progress. */
    LongConsumer starting(int index, BatchPlan.Job job);

    /** Told as run {@code index} stops, whether it finished or failed (before {@link #finished}). */
    void ended(int index, BatchPlan.Job job);

    /** Run {@code index}'s result, as soon as it ends. */
    void finished(int index, BatchPlan.Job job, RunResult result) throws IOException;

    /** Told as runs start together (a cluster's job), after every {@link #isDone}; returns what follows their progress. */
    default LongConsumer startingTogether(java.util.List<BatchPlan.Job> jobs) {
      return done -> {};
    }

    /** Told as runs started together stop, whether they finished or failed. */
    default void endedTogether() {}
  }

  private BatchRun() {}

  /** Runs every run the sink does not have yet, in the batch's order. */
  public static void execute(BatchPlan batch, RunOptions options, Sink sink, RunEngine engine) throws IOException {
    if (engine.runsTogether()) {
      together(batch, options, sink, engine);
      return;
    }
    for (int i = 0; i < batch.jobs().size(); i++) {
      BatchPlan.Job job = batch.jobs().get(i);
      if (sink.isDone(i, job)) {
        continue;
      }
      LongConsumer progress = sink.starting(i, job);
      RunResult result;
      try {
        result = engine.run(batch.spec(i), options, progress);
      } finally {
        sink.ended(i, job);
      }
      sink.finished(i, job, result);
    }
  }

  /** Every run not done yet, together on the engine (one cluster job), each result handed on as it is ready. */
  private static void together(BatchPlan batch, RunOptions options, Sink sink, RunEngine engine) throws IOException {
    java.util.List<Integer> pending = new java.util.ArrayList<>();
    for (int i = 0; i < batch.jobs().size(); i++) {
      if (!sink.isDone(i, batch.jobs().get(i))) {
        pending.add(i);
      }
    }
    if (pending.isEmpty()) {
      return;
    }
    LongConsumer progress = sink.startingTogether(pending.stream().map(batch.jobs()::get).toList());
    try {
      engine.runAll(pending.stream().map(batch::spec).toList(), options, progress,
          (k, result) -> sink.finished(pending.get(k), batch.jobs().get(pending.get(k)), result));
    } finally {
      sink.endedTogether();
    }
  }

  /** Run {@code index} alone with {@code samples} draws (a pilot that measures what the batch will cost). */
  public static RunResult pilot(BatchPlan batch, int index, RunOptions options, int samples) {
    return MonteCarloRun.of(batch.spec(index), options.withSamples(samples)).execute(null, d -> {});
  }
}
