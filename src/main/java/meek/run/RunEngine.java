package meek.run;

import java.util.function.LongConsumer;
import meek.spec.Spec;

/**
 * What computes a run's numbers: this JVM's threads ({@link #LOCAL}), or a cluster (the Spark engine of
 * {@code meek-spark}), which runs ranges of blocks as tasks and merges their aggregates as {@code meek merge}
 * does. Every engine gives the same numbers, bit for bit, for the same spec and options.
 */
public interface RunEngine {

  /** This machine's threads. */
  RunEngine LOCAL = new RunEngine() {
    @Override
    public RunResult run(Spec spec, RunOptions options, LongConsumer progress) {
      return MonteCarloRun.of(spec, options).execute(null, progress);
    }

    @Override
    public String name() {
      return "local";
    }
  };

  /** Runs a spec. */
  RunResult run(Spec spec, RunOptions options, LongConsumer progress);

  /** The engine's name in messages ("local", "Spark"). */
  String name();
}
