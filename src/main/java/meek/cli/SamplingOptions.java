package meek.cli;

import java.math.BigDecimal;
import java.util.Locale;
import meek.run.RunOptions;
import meek.sampling.Design;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** The options every sampling command shares (a picocli mixin): how many draws, which seed, threads, design. */
final class SamplingOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--samples", paramLabel = "N", defaultValue = "100000", converter = SampleCount.class,
      description = "Number of draws, e.g. 100000, 1e7 or 10_000_000 (default: ${DEFAULT-VALUE}). Beyond 2^31 a run streams its quantiles (sketch).")
  long samples;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: all cores). Results do not depend on it.")
  Integer threads;

  @Option(names = "--design", paramLabel = "D", defaultValue = "mc", completionCandidates = Candidates.Designs.class,
      description = "Sampling design: mc (independent draws), lhs (Latin hypercube per block of 8,192), sobol (randomly shifted Sobol points per block). Default: mc.")
  Design design;

  @Option(names = "--quiet", description = "Print nothing but errors (no progress bar, no summary).")
  boolean quiet;

  /** The checked options, with the given kind of scalar quantiles and with or without the fans. */
  RunOptions options(RunOptions.Quantiles quantiles, boolean fans) {
    if (samples < 1) {
      throw new ParameterException(command.commandLine(), "--samples must be a positive whole number (got " + samples + "); e.g. --samples 100000");
    }
    return new RunOptions(samples, seed, threads(command.commandLine(), threads), design, quantiles, fans);
  }

  /** --threads as given (default: all cores), checked against the machine. */
  static int threads(CommandLine commandLine, Integer threads) {
    int cores = Runtime.getRuntime().availableProcessors();
    int t = threads == null ? cores : threads;
    int most = maxThreads(cores);
    if (t < 1 || t > most) {
      throw new ParameterException(commandLine, "--threads must be between 1 and " + most + " (got " + t + "); this machine has "
          + cores + " cores, and threads beyond them only add overhead (results do not depend on --threads)");
    }
    return t;
  }

  /** The most worker threads allowed: four per core, at least 256 (more only wastes memory and start-up time). */
  static int maxThreads(int cores) {
    return Math.max(256, 4 * cores);
  }

  /**
   * {@code --samples}: a whole number written plainly, with underscores or commas as separators, or in
   * scientific notation (1e7, 2.5e6); at most {@link #MAX_SAMPLES}: as many whole blocks as an int counts
   * (about 1.8e13). Commands that keep every draw in memory (compare, sensitivity, calibrate) say so beyond 2^31.
   */
  static final class SampleCount implements CommandLine.ITypeConverter<Long> {
    static final long MAX_SAMPLES = (long) Integer.MAX_VALUE * meek.sampling.MonteCarloEngine.BLOCK_SIZE;

    @Override
    public Long convert(String value) {
      String t = value.trim();
      if (t.contains(",") && !t.matches("[0-9]{1,3}(,[0-9]{3})+")) { // 10,00 is a typo, not a thousand
        throw new CommandLine.TypeConversionException("'" + value + "': commas must group thousands, as in 10,000,000; or write 1e7");
      }
      String s = t.replace("_", "").replace(",", "");
      BigDecimal n;
      try {
        n = new BigDecimal(s);
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a number of draws; write e.g. 100000, 1e7 or 10_000_000");
      }
      if (n.signum() <= 0 || n.stripTrailingZeros().scale() > 0) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a positive whole number of draws; e.g. 100000 or 1e7");
      }
      if (n.compareTo(BigDecimal.valueOf(MAX_SAMPLES)) > 0) {
        throw new CommandLine.TypeConversionException("'" + value + "' is more draws than meek can make in one run (at most "
            + String.format(Locale.ROOT, "%,d", MAX_SAMPLES) + ", whole blocks of 8,192 that meek counts); give fewer");
      }
      return n.longValueExact();
    }
  }
}
