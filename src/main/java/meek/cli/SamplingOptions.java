package meek.cli;

import meek.run.RunOptions;
import meek.sampling.Design;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options every sampling command shares (a picocli mixin): how many draws, which seed, threads, design. */
final class SamplingOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--samples", paramLabel = "N", defaultValue = "100000", description = "Number of draws (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: all cores). Results do not depend on it.")
  Integer threads;

  @Option(names = "--design", paramLabel = "D", defaultValue = "mc",
      description = "Sampling design: mc (independent draws), lhs (Latin hypercube per block of 8,192), sobol (randomly shifted Sobol points per block). Default: mc.")
  Design design;

  @Option(names = "--quiet", description = "Print nothing but errors (no progress bar, no summary).")
  boolean quiet;

  /** The checked options, with the given kind of scalar quantiles and with or without the fans. */
  RunOptions options(RunOptions.Quantiles quantiles, boolean fans) {
    if (samples < 1) {
      throw new ParameterException(command.commandLine(), "--samples must be a positive whole number (got " + samples + "); e.g. --samples 100000");
    }
    int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (t < 1) {
      throw new ParameterException(command.commandLine(), "--threads must be >= 1 (got " + t + ")");
    }
    return new RunOptions(samples, seed, t, design, quantiles, fans);
  }
}
