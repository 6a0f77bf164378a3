package meek.cli;

import meek.sampling.Design;
import meek.InputException;
import meek.stats.RunOptions;
import picocli.CommandLine.Option;

/** The options every sampling command shares (a picocli mixin): how many draws, which seed, threads, design. */
final class SamplingOptions {

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

  /** The validated options, with the given kind of scalar quantiles. */
  RunOptions options(RunOptions.Quantiles quantiles) {
    return options(samples, quantiles);
  }

  /** The same with another number of draws (a --precision cap). */
  RunOptions options(int n, RunOptions.Quantiles quantiles) {
    if (n < 1) {
      throw new InputException("--samples must be a positive whole number (got " + n + "); e.g. --samples 100000");
    }
    int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (t < 1) {
      throw new InputException("--threads must be >= 1 (got " + t + ")");
    }
    return new RunOptions(n, seed, t, design, quantiles);
  }
}
