package meek.stats;

import meek.sampling.Design;

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
public record RunOptions(int samples, long seed, int threads, Design design, Quantiles quantiles, boolean fans) {

  /** Share of the JVM's heap the exact path may use before auto switches to sketches. */
  public static final double EXACT_HEAP_SHARE = 0.4;

  /** How scalar-output quantiles are computed. */
  public enum Quantiles { AUTO, EXACT, SKETCH }

  public RunOptions(int samples, long seed, int threads, Design design, Quantiles quantiles) {
    this(samples, seed, threads, design, quantiles, true);
  }

  /** The same with another number of draws (each round of a --precision run). */
  public RunOptions withSamples(int n) {
    return new RunOptions(n, seed, threads, design, quantiles, fans);
  }

  /** The same, scalars only (no fan). */
  public RunOptions withoutFans() {
    return new RunOptions(samples, seed, threads, design, quantiles, false);
  }

  public RunOptions(int samples, long seed, int threads, Design design) {
    this(samples, seed, threads, design, Quantiles.AUTO);
  }

  public static RunOptions of(int samples, long seed, int threads) {
    return new RunOptions(samples, seed, threads, Design.MC);
  }

  /** Whether this run keeps every draw's scalars, given an output count and the heap. */
  public boolean exact(int outputs) {
    switch (quantiles) {
      case EXACT:
        return true;
      case SKETCH:
        return false;
      default:
        return meek.sampling.SampleSet.bytesFor(samples, outputs) <= EXACT_HEAP_SHARE * Runtime.getRuntime().maxMemory();
    }
  }
}
