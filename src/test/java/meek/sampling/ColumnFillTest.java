package meek.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import meek.distributions.ContinuousParameter;
import meek.distributions.ParameterDistribution;
import meek.model.GapModel;
import meek.spec.Spec;
import meek.spec.SpecReader;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.junit.jupiter.api.Test;

/** Drawing a block column by column gives the very draws of drawing it vector by vector. */
class ColumnFillTest {

  @Test
  void aNormalsAndALognormalsOwnLoopDrawTheLibrarySamplersValues() {
    for (ParameterDistribution d : List.of(ContinuousParameter.normal(0.155, 0.01), ContinuousParameter.lognormal(3.2, 0.4))) {
      ContinuousSampler library = d.sampler(RandomStreams.forParameter(42, "x"));
      UniformRandomProvider rng = RandomStreams.forParameter(42, "x");
      double[] column = new double[10_000];
      d.columnSampler(rng).fill(column, column.length);
      for (double v : column) {
        assertThat(v).isEqualTo(library.sample()); // bit for bit: equals on double compares the bits
      }
    }
  }

  @Test
  void aBlockFilledByColumnsEqualsTheSameBlockDrawnVectorByVector() {
    for (String preset : List.of("chinchilla", "correlated", "inference", "paper-stagnation", "kaplan")) {
      Spec spec = new SpecReader().read(Path.of("distributions/" + preset + ".yaml"));
      GapModel model = new GapModel(spec.model());
      for (Design design : Design.values()) {
        DrawPlan plan = DrawPlan.of(spec.distributions(model.parameterNames()), model.parameterNames(), spec.correlations(), design,
            MonteCarloEngine.BLOCK_SIZE);
        int n = MonteCarloEngine.BLOCK_SIZE;
        int p = model.parameterNames().size();
        double[][] byColumns = new double[p][n];
        plan.forBlock(0, n, RandomStreams.forBlocks(7, 1)[0]).fill(byColumns, n);
        DrawSource.Drawer one = plan.forBlock(0, n, RandomStreams.forBlocks(7, 1)[0]);
        double[] params = new double[p];
        for (int i = 0; i < n; i++) {
          one.next(params);
          for (int q = 0; q < p; q++) {
            assertThat(byColumns[q][i]).as("%s %s %s draw %d", preset, design, model.parameterNames().get(q), i).isEqualTo(params[q]);
          }
        }
      }
    }
  }
}
