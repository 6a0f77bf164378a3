package meek.run;

import meek.sampling.Design;
import meek.sampling.SampleSet;

/**
 * How to run a spec.
 *
 * @param samples N, the number of draws
 * @param seed the seed of every random stream
 * @param threads worker threads (no effect on any number)
 * @param design how the draws are laid out
 * @param quantiles exact (keep every draw's scalars), sketch (bounded memory), or auto (exact while the
 *     draws fit in {@link #EXACT_HEAP_SHARE} of the heap)
 * @param fans whether to aggregate the fans (false: scalars only, {@code --no-fan})
 */
public record RunOptions(long samples, long seed, int threads, Design design, Quantiles quantiles, boolean fans)
    implements java.io.Serializable {

  /** Share of the JVM's heap the exact path may use before auto switches to sketches. */
  public static final double EXACT_HEAP_SHARE = 0.4;

  /** How scalar-output quantiles are computed. */
  public enum Quantiles { AUTO, EXACT, SKETCH }

  /** The same on another number of threads (a cluster's task runs on one). */
  public RunOptions withThreads(int t) {
    return new RunOptions(samples, seed, t, design, quantiles, fans);
  }

  /** The same with another number of draws (each round of a --precision run). */
  public RunOptions withSamples(long n) {
    return new RunOptions(n, seed, threads, design, quantiles, fans);
  }

  /**
   * N for a command that keeps every draw in arrays (compare's pairing, sensitivity, calibrate): at most
   * {@link SampleSet#MAX_KEPT}; more is a user's error, said in one line.
   */
  public int keptSamples(String command) {
    if (samples > SampleSet.MAX_KEPT) {
      throw new meek.InputException(String.format(java.util.Locale.ROOT,
          "--samples %,d: %s keeps every draw, at most %,d; give fewer (only run and batch stream more)", samples, command, SampleSet.MAX_KEPT));
    }
    return (int) samples;
  }

  /** The design as files name it: "mc", "lhs" or "sobol". */
  public String designName() {
    return design.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Whether this run keeps every draw's scalars, given an output count and the heap. */
  public boolean exact(int outputs) {
    switch (quantiles) {
      case EXACT:
        return true;
      case SKETCH:
        return false;
      default:
        return samples <= SampleSet.MAX_KEPT && SampleSet.bytesFor(samples, outputs) <= EXACT_HEAP_SHARE * Runtime.getRuntime().maxMemory();
    }
  }
}
