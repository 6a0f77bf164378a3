package meek.run;

import java.util.concurrent.TimeUnit;
import meek.model.GapModel;
import meek.sampling.Design;
import meek.spec.Spec;
import meek.spec.SpecReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole run in a warm JVM (sampling, model, 121-point fan, scalar quantiles), as {@code meek run} does it
 * before writing files, on the peers' Chinchilla scenario. Seconds per run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class AnalysisBenchmark {

  @Param({"1000000"})
  int samples;

  @Param({"1", "2"})
  int threads;

  @Param({"EXACT"})
  RunOptions.Quantiles quantiles;

  @Param({"true"})
  boolean fans;

  private Spec spec;
  private GapModel model;

  @Setup
  public void setUp() {
    spec = new SpecReader().read(java.nio.file.Path.of("bench/specs/peer-chinchilla.yaml"));
    model = new GapModel(spec.model());
  }

  /** The engine alone: draws and closed forms, no fan, no aggregation. */
  @Benchmark
  public Object engineOnly() {
    try (meek.sampling.Parallel parallel = new meek.sampling.Parallel(threads)) {
      var plan = meek.sampling.DrawPlan.of(spec.distributions(model.parameterNames()), model.parameterNames(), spec.correlations(),
          Design.MC, meek.sampling.MonteCarloEngine.BLOCK_SIZE);
      return new meek.sampling.MonteCarloEngine(parallel).run(model, plan, samples, 1, b -> {}, false, n -> {});
    }
  }

  @Benchmark
  public RunResult run() {
    return MonteCarloRun.run(spec, model, new RunOptions(samples, 1, threads, Design.MC, quantiles, fans), null, n -> {});
  }
}
