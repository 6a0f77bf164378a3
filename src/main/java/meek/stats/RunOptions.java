package meek.stats;

import meek.sampling.Design;

/**
 * How to run a spec.
 *
 * @param samples N, the number of draws
 * @param seed the seed of every random stream
 * @param threads worker threads (no effect on any number)
 * @param design how the draws are laid out
 */
public record RunOptions(int samples, long seed, int threads, Design design) {

  public static RunOptions of(int samples, long seed, int threads) {
    return new RunOptions(samples, seed, threads, Design.MC);
  }
}
