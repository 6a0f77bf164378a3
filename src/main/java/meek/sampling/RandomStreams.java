package meek.sampling;

import org.apache.commons.rng.JumpableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * One independent random stream per block, derived from the seed alone: the master generator
 * (xoroshiro128++, seeded through Commons RNG's SplitMix64 seed expansion) is jumped 2^64 steps per block,
 * so streams never overlap and block b's stream does not depend on how many threads run.
 */
public final class RandomStreams {

  /** The generator family; part of what a seed means, so recorded in manifests. */
  public static final RandomSource SOURCE = RandomSource.XO_RO_SHI_RO_128_PP;

  private RandomStreams() {}

  /**
   * The stream of one parameter within a block, keyed by the parameter's name: the same seed gives the same
   * draws of a parameter in any spec that has it (common random numbers for {@code compare}), whatever the
   * other parameters are. The block key and a hash of the name make a 64-bit seed, which Commons RNG expands
   * into the generator's state with SplitMix64.
   */
  public static UniformRandomProvider forParameter(long blockKey, String name) {
    long h = 1125899906842597L;
    for (int i = 0; i < name.length(); i++) {
      h = 31 * h + name.charAt(i);
    }
    return SOURCE.create(blockKey ^ h);
  }

  /** Streams for blocks 0 … count−1. */
  public static UniformRandomProvider[] forBlocks(long seed, int count) {
    return forBlocks(seed, 0, count);
  }

  /** Streams for blocks from … to−1 (element 0 is block from's): the same streams as those blocks get in a whole run. */
  public static UniformRandomProvider[] forBlocks(long seed, int from, int to) {
    JumpableUniformRandomProvider master = (JumpableUniformRandomProvider) SOURCE.create(seed);
    for (int b = 0; b < from; b++) {
      master.jump(); // a jump moves the master on by 2^64 (about 0.2 µs): a million blocks take 0.2 s
    }
    UniformRandomProvider[] streams = new UniformRandomProvider[to - from];
    for (int b = from; b < to; b++) {
      streams[b - from] = master.jump(); // a copy of the current state; the master moves on by 2^64
    }
    return streams;
  }
}
