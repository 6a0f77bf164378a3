package meek.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import meek.InputException;
import meek.model.GapModel;
import meek.model.LossView;
import meek.model.ModelConfig;
import meek.model.ScalarOutput;
import meek.model.Schedules;
import meek.sampling.Design;
import meek.spec.Spec;
import meek.spec.SpecReader;
import meek.stats.OutputSummary;
import meek.stats.PairedDifference;
import meek.stats.QuantileEstimate;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

/** Common random numbers, measured; and the paired difference's own statistics. */
class ComparisonTest {

  private static Spec read(String file) {
    return new SpecReader().read(Path.of(file));
  }

  /**
   * Kaplan vs Chinchilla share every growth parameter. With common random numbers the 95% interval of the
   * median paired difference in t* must be narrower than that of the same difference between independent
   * runs (the Chinchilla spec under another seed): measured, not assumed. With t* ≈ f/α and f shared, the
   * paired spread is var(f)·(1/α_K − 1/α_C)² against var(f)·(1/α_K² + 1/α_C²) independently: an sd ratio
   * near 0.67 at α ≈ 0.05 and 0.16, so the sd of the paired differences must also be below 0.8 of the other.
   */
  @Test
  void commonRandomNumbersNarrowThePairedInterval() {
    Spec kaplan = read("distributions/kaplan.yaml");
    Spec chinchilla = read("distributions/chinchilla.yaml");
    RunOptions options = new RunOptions(50_000, 7, 2, Design.MC, RunOptions.Quantiles.EXACT, true);
    Comparison paired = Comparison.run(List.of(kaplan, chinchilla), options, d -> {});
    QuantileEstimate p = paired.differences().get("kaplan − chinchilla").get("inflection_time_years").summary().at(0.5);

    // independent: the same two specs, each from its own seed, paired draw by draw all the same
    double[] a = collect(kaplan, 7);
    double[] b = collect(chinchilla, 8);
    OutputSummary independent = PairedDifference.of(new ScalarOutput("d", "", "d", false), a, b).summary();
    QuantileEstimate q = independent.at(0.5);
    assertThat(p.ciUpper() - p.ciLower()).isLessThan(q.ciUpper() - q.ciLower());
    double pairedSd = paired.differences().get("kaplan − chinchilla").get("inflection_time_years").summary().sd();
    assertThat(pairedSd).isLessThan(0.8 * independent.sd());
  }

  /** The heap is checked for every spec's kept draws before anything runs (it used to end in an OutOfMemoryError). */
  @Test
  void aComparisonTheHeapCannotHoldIsRefusedUpFront() {
    Spec kaplan = read("distributions/kaplan.yaml");
    // per spec and draw at least its scalar outputs as doubles are kept for the pairing
    long perDraw = 2 * 8L * new GapModel(kaplan.model()).outputs().size();
    int samples = (int) Math.min(Integer.MAX_VALUE - 8, 2 * Runtime.getRuntime().maxMemory() / perDraw);
    RunOptions options = new RunOptions(samples, 7, 2, Design.MC, RunOptions.Quantiles.SKETCH, false);
    assertThatThrownBy(() -> Comparison.run(List.of(kaplan, read("distributions/chinchilla.yaml")), options, d -> {}))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("a comparison keeps every spec's draws for the pairing");
  }

  /**
   * g_inv lognormal in one spec and uniform in the other (issue 12): it used to be drawn independently, so
   * the difference's spread was all of g_inv's. Drawn through the normal in both, the sd of the paired t*
   * difference must fall well below that (measured 0.095 against 0.229 at N = 1e5).
   */
  @Test
  void aParameterGivenDifferentFamiliesIsStillPaired() throws IOException {
    Spec lognormal = read("distributions/chinchilla.yaml");
    Path uniformFile = Files.createTempFile("chin-uniform", ".yaml");
    Files.writeString(uniformFile, Files.readString(Path.of("distributions/chinchilla.yaml"))
        .replaceFirst("(?m)^name: .*$", "name: chinchilla-uniform")
        .replaceFirst("(?m)^  g_inv: .*$", "  g_inv: {dist: uniform, min: 2, max: 5.5}"));
    Spec uniform = new SpecReader().read(uniformFile);
    assertThat(Comparison.pairedThroughNormal(List.of(lognormal, uniform))).containsExactly("g_inv");
    RunOptions options = new RunOptions(50_000, 7, 2, Design.MC, RunOptions.Quantiles.EXACT, true);
    Comparison paired = Comparison.run(List.of(lognormal, uniform), options, d -> {});
    double pairedSd = paired.differences().get("chinchilla − chinchilla-uniform").get("inflection_time_years").summary().sd();
    // the old pairing: the same seed, every other parameter paired, g_inv drawn by each law's own sampler
    double[] a = collect(lognormal, 7);
    double[] b = collect(uniform, 7);
    double unpairedSd = PairedDifference.of(new ScalarOutput("d", "", "d", false), a, b).summary().sd();
    assertThat(pairedSd).isLessThan(0.6 * unpairedSd);
    Files.delete(uniformFile);
  }

  @Test
  void lawsOfOneFamilyOrEqualLawsKeepTheirSamplers() {
    Spec chinchilla = read("distributions/chinchilla.yaml");
    Spec kaplan = read("distributions/kaplan.yaml");
    // every shared non-constant law is equal but alpha: a mixture against a truncated normal, no family
    assertThat(Comparison.pairedThroughNormal(List.of(chinchilla, kaplan))).containsExactly("alpha");
    assertThat(Comparison.pairedThroughNormal(List.of(chinchilla, chinchilla))).isEmpty();
  }

  private static double[] collect(Spec spec, long seed) {
    GapModel model = new GapModel(spec.model());
    Comparison.Collector c = new Comparison.Collector(model.outputs(), 50_000);
    MonteCarloRun.run(spec, model, new RunOptions(50_000, seed, 2, Design.MC, RunOptions.Quantiles.EXACT, true), c, d -> {});
    return c.values[0];
  }

  /** The draws of a parameter depend on its name, distribution and the seed, not on the other parameters. */
  @Test
  void sharedParametersHaveIdenticalDraws() {
    Spec kaplan = read("distributions/kaplan.yaml"); // alpha differs from chinchilla's (a normal, not a mixture)
    Spec chinchilla = read("distributions/chinchilla.yaml");
    double[][] k = probe(kaplan);
    double[][] c = probe(chinchilla);
    for (String shared : List.of("C0", "g_alg", "g_hw", "g_inv")) {
      int i = LossView.PARAMETERS.indexOf(shared);
      assertThat(k[i]).as(shared).containsExactly(c[i]);
    }
    int alpha = LossView.PARAMETERS.indexOf("alpha");
    assertThat(k[alpha][0]).isNotEqualTo(c[alpha][0]);
  }

  private static double[][] probe(Spec spec) {
    try (meek.sampling.Parallel parallel = new meek.sampling.Parallel(2)) {
      var plan = meek.sampling.DrawPlan.of(spec.distributions(LossView.PARAMETERS), LossView.PARAMETERS,
          spec.correlations(), Design.MC, meek.sampling.MonteCarloEngine.BLOCK_SIZE);
      return new meek.sampling.MonteCarloEngine(parallel)
          .run(new GapModel(new ModelConfig(2019, Schedules.NONE, List.of())), plan, 20_000, 3, b -> {}, true, d -> {}).parameterProbe();
    }
  }

  @Test
  void probabilityIntervalIsClopperPearson() {
    double[] a = new double[100];
    double[] b = new double[100];
    for (int i = 0; i < 100; i++) {
      a[i] = i < 70 ? 2 : 0; // A > B in 70 of 100 pairs
      b[i] = 1;
    }
    PairedDifference d = PairedDifference.of(new ScalarOutput("x", "", "x", false), a, b);
    assertThat(d.pAGreater()).isEqualTo(0.70);
    // the exact interval's defining property: P(X >= 70 | p = lower) = 0.025 and P(X <= 70 | p = upper) = 0.025
    assertThat(BinomialDistribution.of(100, d.pLower()).survivalProbability(69)).isCloseTo(0.025, within(1e-9));
    assertThat(BinomialDistribution.of(100, d.pUpper()).cumulativeProbability(70)).isCloseTo(0.025, within(1e-9));
  }
}
