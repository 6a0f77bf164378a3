package meek.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import meek.model.GapModel;
import meek.sampling.Design;
import meek.spec.Spec;
import meek.spec.SpecReader;
import meek.stats.RankCorrelations;
import meek.stats.SobolIndices;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sensitivity analyses of the gap model on the shipped Chinchilla priors. */
class SensitivityAnalysisTest {

  private static Spec spec;
  private static GapModel model;
  private static Sensitivity all;

  @BeforeAll
  static void runAll() {
    spec = new SpecReader().read(Path.of("distributions/chinchilla.yaml"));
    model = new GapModel(spec.model());
    all = SensitivityAnalysis.of(spec, EnumSet.allOf(SensitivityAnalysis.Method.class),
        new RunOptions(40_000, 3, 2, Design.MC, RunOptions.Quantiles.EXACT, true), 4096, 400, new double[] {2024}).execute(n -> {});
  }

  private static int output(String name) {
    for (int k = 0; k < all.outputs().size(); k++) {
      if (all.outputs().get(k).name().equals(name)) {
        return k;
      }
    }
    throw new AssertionError(name);
  }

  @Test
  void inputsAreTheUncertainParametersAndYearsAreOutputs() {
    assertThat(all.inputs()).containsExactly("alpha", "C0", "g_alg", "g_hw", "g_inv"); // A and L0 are constants
    assertThat(all.outputs().stream().map(o -> o.name()).toList())
        .contains("inflection_time_years", "peak_gap_nats", "gap_2024_nats")
        .doesNotContain("inflection_year"); // a calendar year has its duration's drivers
  }

  @Test
  void sobolOrderAgreesWithTheSpearmanOrderWhereverTheIntervalsSeparate() {
    for (String name : List.of("inflection_time_years", "peak_gap_nats", "gap_2024_nats")) {
      int k = output(name);
      SobolIndices s = all.sobol()[k];
      RankCorrelations r = all.ranks()[k];
      int compared = 0;
      for (int i = 0; i < all.inputs().size(); i++) {
        for (int j = 0; j < all.inputs().size(); j++) {
          if (s.totalLow()[i] > s.totalHigh()[j] && r.prccLow()[i] * r.prccHigh()[i] > 0) {
            compared++;
            // the input with the clearly larger total index also has the larger |PRCC| and |Spearman ρ|
            assertThat(Math.abs(r.prcc()[i])).as(name + ": " + all.inputs().get(i) + " vs " + all.inputs().get(j))
                .isGreaterThan(Math.abs(r.prcc()[j]));
            assertThat(Math.abs(r.spearman()[i])).as(name + ": " + all.inputs().get(i) + " vs " + all.inputs().get(j))
                .isGreaterThan(Math.abs(r.spearman()[j]));
          }
        }
      }
      assertThat(compared).as(name).isGreaterThanOrEqualTo(4);
    }
  }

  @Test
  void inflectionTimeDoesNotDependOnC0AtAll() {
    // t* = ln(1 + ln g_inv / ln G) / (α ln g_inv) has no C0 in it: f(AB_C0) = f(A) row by row, so ST = S = 0 exactly
    int k = output("inflection_time_years");
    int c0 = all.inputs().indexOf("C0");
    assertThat(all.sobol()[k].total()[c0]).isEqualTo(0.0);
    assertThat(all.sobol()[k].first()[c0]).isEqualTo(0.0);
    assertThat(all.tornado().swing(c0, k)).isEqualTo(0.0);
    // and its rank correlation is within noise of 0
    assertThat(all.ranks()[k].spearmanLow()[c0]).isNegative();
    assertThat(all.ranks()[k].spearmanHigh()[c0]).isPositive();
  }

  @Test
  void tornadoEndsAreTheClosedFormAtTheInputsPercentiles() {
    int k = output("inflection_time_years");
    int gAlg = all.inputs().indexOf("g_alg");
    // g_alg: lognormal with 95% interval 1.81–5.28, so its p5 is exp(μ − 1.645σ)
    double z975 = NormalDistribution.of(0, 1).inverseCumulativeProbability(0.975);
    double mu = (Math.log(1.81) + Math.log(5.28)) / 2;
    double sigma = (Math.log(5.28) - Math.log(1.81)) / (2 * z975);
    double p5 = Math.exp(mu + sigma * NormalDistribution.of(0, 1).inverseCumulativeProbability(0.05));
    assertThat(all.tornado().lowInput()[gAlg]).isCloseTo(p5, offset(1e-9));
    // others at medians: g_hw, g_inv lognormal medians are the geometric means of their stated percentiles
    double alpha = spec.params().get("alpha").median();
    double gHw = Math.sqrt(1.25 * 1.57);
    double gInv = Math.sqrt(2.4 * 4.0);
    double lnG = Math.log(p5) + Math.log(gHw);
    double tStar = Math.log(1 + Math.log(gInv) / lnG) / (alpha * Math.log(gInv)); // paper eq 4
    assertThat(all.tornado().low()[gAlg][k]).isCloseTo(tStar, offset(1e-9));
    // the gap in 2024 at the medians: K·G^(−5α)·(1 − g_inv^(−5α))
    int g = output("gap_2024_nats");
    double c0 = Math.sqrt(1e20 * 1e21);
    double gAlgMedian = Math.sqrt(1.81 * 5.28);
    double kScale = 1070 * Math.pow(c0, -alpha);
    double gap = kScale * Math.pow(gAlgMedian * gHw, -5 * alpha) * (1 - Math.pow(gInv, -5 * alpha));
    assertThat(all.tornado().base()[g]).isCloseTo(gap, offset(1e-9 * gap));
  }

  @Test
  void sameSeedGivesTheSameIndicesOnAnyThreadCount() {
    Sensitivity one = SensitivityAnalysis.of(spec, EnumSet.allOf(SensitivityAnalysis.Method.class),
        new RunOptions(40_000, 3, 1, Design.MC, RunOptions.Quantiles.EXACT, true), 4096, 400, new double[] {2024}).execute(n -> {});
    for (int k = 0; k < all.outputs().size(); k++) {
      assertThat(one.sobol()[k].total()).containsExactly(all.sobol()[k].total());
      assertThat(one.sobol()[k].firstLow()).containsExactly(all.sobol()[k].firstLow());
      assertThat(one.ranks()[k].prcc()).containsExactly(all.ranks()[k].prcc());
    }
  }
}
