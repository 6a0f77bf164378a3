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

  /** Takes each run's result as it is ready. */
  @FunctionalInterface
  interface Results {
    void accept(int index, RunResult result) throws java.io.IOException;
  }

  /**
   * Whether {@link #runAll} runs several specs together (a cluster's one job over every run's blocks) rather than
   * one after another, as the local engine does, each on all its threads.
   */
  default boolean runsTogether() {
    return false;
  }

  /** Runs several specs with the same options, handing each result to {@code results} (by its index in the list). */
  default void runAll(java.util.List<Spec> specs, RunOptions options, LongConsumer progress, Results results) throws java.io.IOException {
    for (int i = 0; i < specs.size(); i++) {
      results.accept(i, run(specs.get(i), options, progress));
    }
  }
}
