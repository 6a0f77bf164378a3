package meek.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import meek.model.GapModel;
import meek.model.ModelConfig;
import meek.model.ScalarOutput;
import meek.model.Schedules;
import meek.run.MonteCarloRun;
import meek.run.RunOptions;
import meek.run.RunResult;
import meek.sampling.Design;
import meek.spec.Spec;
import meek.spec.SpecReader;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streamed scalar summaries hold their stated accuracy against exact order statistics. */
class ScalarSketchesTest {

  private static final ScalarOutput X = new ScalarOutput("x", "", "x", false);

  @TempDir Path dir;

  @Test
  void streamedQuantilesAreWithinTheStatedAccuracyOfExactOrderStatistics() {
    int n = 300_000;
    int block = 8192;
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(77L);
    ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      double u = rng.nextDouble();
      x[i] = u < 0.01 ? Double.NaN : u < 0.03 ? Double.POSITIVE_INFINITY : Math.exp(1 + 0.5 * g.sample());
    }
    int blocks = (n + block - 1) / block;
    ScalarSketches s = new ScalarSketches(blocks, 1, n, block);
    for (int b = 0; b < blocks; b++) {
      int from = b * block;
      int to = Math.min(n, from + block);
      s.accept(b, from, new double[][] {Arrays.copyOfRange(x, from, to)}, to - from);
    }
    OutputSummary sum = s.summarize(0, X);
    double[] defined = Arrays.stream(x).filter(v -> !Double.isNaN(v)).toArray();
    Arrays.sort(defined); // +∞ sort last
    assertThat(sum.n()).isEqualTo(defined.length);
    assertThat(sum.infinite()).isEqualTo(Arrays.stream(defined).filter(Double::isInfinite).count());
    for (QuantileEstimate q : sum.quantiles()) {
      double exact = defined[(int) Math.floor(q.p() * (defined.length - 1))];
      if (Double.isInfinite(exact)) {
        assertThat(q.value()).isInfinite();
      } else {
        assertThat(q.value()).as(q.key()).isCloseTo(exact, within(ScalarSketches.RELATIVE_ACCURACY * exact));
      }
    }
    assertThat(sum.mean()).isInfinite(); // some draws never: the mean is +∞, as in the exact path
  }

  @Test
  void finiteMeanAndSdAreExact() {
    double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    ScalarSketches s = new ScalarSketches(2, 1, 10, 8192);
    s.accept(0, 0, new double[][] {Arrays.copyOfRange(x, 0, 4)}, 4 - 0);
    s.accept(1, 4, new double[][] {Arrays.copyOfRange(x, 4, 10)}, 10 - 4);
    OutputSummary sum = s.summarize(0, X);
    assertThat(sum.mean()).isCloseTo(5.5, within(1e-12));
    assertThat(sum.sd()).isCloseTo(Math.sqrt(82.5 / 9), within(1e-12)); // sample sd of 1..10
  }

  @Test
  void sketchAndExactRunsAgreeAndSketchesDoNotDependOnThreads() throws IOException {
    Path f = dir.resolve("s.yaml");
    Files.copy(Path.of("distributions/kaplan.yaml"), f);
    Spec spec = new SpecReader().read(f);
    GapModel model = new GapModel(new ModelConfig(spec.baselineYear(), Schedules.NONE, List.of()));
    int n = 200_000;
    RunResult exact = MonteCarloRun.of(spec, new RunOptions(n, 3, 2, Design.MC, RunOptions.Quantiles.EXACT, true)).execute(null, d -> {});
    RunResult sketch = MonteCarloRun.of(spec, new RunOptions(n, 3, 2, Design.MC, RunOptions.Quantiles.SKETCH, true)).execute(null, d -> {});
    RunResult sketch3 = MonteCarloRun.of(spec, new RunOptions(n, 3, 3, Design.MC, RunOptions.Quantiles.SKETCH, true)).execute(null, d -> {});
    assertThat(sketch.quantileRelativeAccuracy()).isEqualTo(ScalarSketches.RELATIVE_ACCURACY);
    for (int k = 0; k < exact.outputs().size(); k++) {
      OutputSummary e = exact.outputs().get(k);
      OutputSummary s = sketch.outputs().get(k);
      assertThat(s.n()).isEqualTo(e.n());
      assertThat(s.mean()).isCloseTo(e.mean(), within(1e-9 * Math.abs(e.mean())));
      // a calendar year is its duration shifted by the baseline: its accuracy is the duration's, 1e-4 of a few
      // years, not 1e-4 of the year itself (0.2 years)
      double shift = model.shiftedFrom(k) >= 0 ? model.shift(k) : 0;
      for (int j = 0; j < e.quantiles().size(); j++) {
        QuantileEstimate eq = e.quantiles().get(j);
        QuantileEstimate sq = s.quantiles().get(j);
        double bins = ScalarSketches.RELATIVE_ACCURACY * Math.abs(eq.value() - shift);
        // sketch accuracy, plus type 7's interpolation between neighbouring order statistics (bounded by the
        // width of the exact confidence interval, which spans many order statistics)
        double slack = bins + (eq.ciUpper() - eq.ciLower());
        assertThat(sq.value()).as(e.output().name() + " " + eq.key()).isCloseTo(eq.value(), within(slack));
        // the interval's ends are the same order statistics, each binned: its width is the exact one's
        assertThat(sq.ciUpper() - sq.ciLower()).as(e.output().name() + " " + eq.key() + " interval")
            .isCloseTo(eq.ciUpper() - eq.ciLower(), within(4 * ScalarSketches.RELATIVE_ACCURACY * Math.abs(eq.ciUpper() - shift)));
      }
      assertThat(sketch3.outputs().get(k)).isEqualTo(s);
    }
  }
}
