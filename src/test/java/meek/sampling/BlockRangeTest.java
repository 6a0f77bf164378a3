package meek.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import meek.run.RunAggregates;
import org.junit.jupiter.api.Test;

class BlockRangeTest {

  @Test
  void aRunsLastBlockHoldsOnlyTheDrawsLeft() {
    // 20,000 draws in blocks of 8,192: two full blocks and 20,000 − 16,384 = 3,616 in the third
    assertThat(MonteCarloEngine.blocks(20_000)).isEqualTo(3);
    assertThat(MonteCarloEngine.draws(20_000, 0, 2)).isEqualTo(16_384);
    assertThat(MonteCarloEngine.draws(20_000, 2, 3)).isEqualTo(3_616);
    assertThat(MonteCarloEngine.draws(20_000, 0, 3)).isEqualTo(20_000);
    assertThat(MonteCarloEngine.draws(8_192, 0, 1)).isEqualTo(8_192);
  }

  @Test
  void thePartsOfARunHoldEveryDrawOnce() {
    for (long n : new long[] {1, 8_191, 8_193, 1_000_000, 3_000_000_001L}) {
      int blocks = MonteCarloEngine.blocks(n);
      for (int parts : new int[] {1, 2, 7, 300}) {
        long sum = 0;
        for (int i = 1; i <= Math.min(parts, blocks); i++) {
          int[] range = RunAggregates.partRange(blocks, i, Math.min(parts, blocks));
          sum += MonteCarloEngine.draws(n, range[0], range[1]);
        }
        assertThat(sum).as("n %d in %d parts", n, parts).isEqualTo(n);
      }
    }
  }
}
