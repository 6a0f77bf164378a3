package meek.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/** A part's streams are the whole run's streams for its blocks. */
class RandomStreamsTest {

  @Test
  void theStreamsOfARangeOfBlocksAreThoseBlocksStreamsInTheWholeRun() {
    UniformRandomProvider[] whole = RandomStreams.forBlocks(42, 20);
    UniformRandomProvider[] part = RandomStreams.forBlocks(42, 7, 13);
    assertThat(part).hasSize(6);
    for (int b = 7; b < 13; b++) {
      for (int i = 0; i < 5; i++) {
        assertThat(part[b - 7].nextLong()).isEqualTo(whole[b].nextLong());
      }
    }
  }
}
