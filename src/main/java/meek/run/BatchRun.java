package meek.run;

import java.io.IOException;
import java.util.function.LongConsumer;
import meek.spec.Batch;

/**
 * A batch's runs, one after another, each on all the threads asked for, so the machine is never
 * oversubscribed. It knows no files: a sink says which runs are already done (an earlier, matching run) and
 * takes each result as soon as its run ends.
 */
public final class BatchRun {

  /** Where a batch's results go. */
  public interface Sink {
    /** Whether run {@code index} is done already, so that it is skipped. */
    boolean isDone(int index, Batch.Run run) throws IOException;

    /** Told as run {@code index} starts; returns what follows its progress. */
    LongConsumer starting(int index, Batch.Run run);

    /** Run {@code index}'s result, as soon as it ends. */
    void finished(int index, Batch.Run run, RunResult result) throws IOException;
  }

  private BatchRun() {}

  /** Runs every run the sink does not have yet, in the batch's order. */
  public static void execute(Batch batch, RunOptions options, Sink sink) throws IOException {
    for (int i = 0; i < batch.runs().size(); i++) {
      Batch.Run run = batch.runs().get(i);
      if (sink.isDone(i, run)) {
        continue;
      }
      LongConsumer progress = sink.starting(i, run);
      RunResult result = MonteCarloRun.of(run.spec(), options).execute(null, progress);
      sink.finished(i, run, result);
    }
  }
}
