package meek.sampling;

import org.apache.commons.rng.JumpableUniformRandomProvider;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
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

  /**
   * Where the streams of a range of blocks start: the master generator's state just before block {@code block}'s
   * stream is split off. A cluster's driver computes one per task in a single pass ({@link #starts}), so no task
   * jumps from the seed through the blocks before its own.
   *
   * @param state the master's state, as Commons RNG saves it
   */
  public record Start(int block, byte[] state) implements java.io.Serializable {

    /** The start of block {@code block}'s streams for this seed. */
    public static Start of(long seed, int block) {
      return starts(seed, new int[] {block})[0];
    }
  }

  /** The starts of the given blocks (ascending), in one pass of jumps from the seed. */
  public static Start[] starts(long seed, int[] blocks) {
    RestorableUniformRandomProvider master = (RestorableUniformRandomProvider) SOURCE.create(seed);
    Start[] starts = new Start[blocks.length];
    int at = 0;
    for (int i = 0; i < blocks.length; i++) {
      if (blocks[i] < at) {
        throw new IllegalArgumentException("blocks must ascend: " + blocks[i] + " after " + at);
      }
      for (; at < blocks[i]; at++) {
        ((JumpableUniformRandomProvider) master).jump(); // 2^64 steps (about 0.2 µs): a million blocks take 0.2 s
      }
      starts[i] = new Start(at, ((RandomProviderDefaultState) master.saveState()).getState());
    }
    return starts;
  }

  /** Streams for blocks from … to−1 (element 0 is block from's): the same streams as those blocks get in a whole run. */
  public static UniformRandomProvider[] forBlocks(long seed, int from, int to) {
    return forBlocks(Start.of(seed, from), to);
  }

  /** Streams for blocks start.block() … to−1, from the master's state there. */
  public static UniformRandomProvider[] forBlocks(Start start, int to) {
    RestorableUniformRandomProvider master = (RestorableUniformRandomProvider) SOURCE.create(0L);
    master.restoreState(new RandomProviderDefaultState(start.state()));
    UniformRandomProvider[] streams = new UniformRandomProvider[to - start.block()];
    for (int b = start.block(); b < to; b++) {
      streams[b - start.block()] = ((JumpableUniformRandomProvider) master).jump(); // a copy of the current state; the master moves on by 2^64
    }
    return streams;
  }
}
