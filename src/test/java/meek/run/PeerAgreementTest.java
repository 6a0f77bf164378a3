package meek.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import meek.model.GapModel;
import meek.sampling.Design;
import meek.spec.Spec;
import meek.spec.SpecReader;
import meek.stats.QuantileEstimate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * meek on the peers' scenarios (bench/specs) against the reference values in docs/MODEL.md §9: the
 * numpy and Squiggle peers' quantiles at N = 1e5, averaged over 30 seeds and rounded as printed there.
 */
class PeerAgreementTest {

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({
    // scenario, output, quantile, reference, half a unit of its last printed digit
    "chinchilla, inflection_time_years, 0.50, 3.346, 0.0005",
    "chinchilla, inflection_time_years, 0.05, 2.70, 0.005",
    "chinchilla, inflection_time_years, 0.95, 4.29, 0.005",
    "chinchilla, peak_gap_nats, 0.50, 0.200, 0.0005",
    "kaplan, inflection_time_years, 0.50, 10.40, 0.005",
    "kaplan, inflection_time_years, 0.05, 8.12, 0.005",
    "kaplan, inflection_time_years, 0.95, 13.8, 0.05",
    "kaplan, peak_gap_nats, 0.50, 0.621, 0.0005",
  })
  void quantilesAgreeWithThePeersWithinMonteCarloError(String scenario, String output, double p, double reference, double rounding) {
    Spec spec = new SpecReader().read(Path.of("bench/specs/peer-" + scenario + ".yaml"));
    GapModel model = new GapModel(spec.model());
    RunResult r = MonteCarloRun.run(spec, model, new RunOptions(100_000, 11, 2, Design.MC, RunOptions.Quantiles.AUTO, true), null, n -> {});
    QuantileEstimate q = r.outputs().stream().filter(o -> o.output().name().equals(output)).findFirst().orElseThrow().at(p);
    // meek's standard error from its own 95% interval; the reference (a 30-seed mean) adds 1/30 of that variance
    double se = (q.ciUpper() - q.ciLower()) / 3.92;
    assertThat(q.value()).isCloseTo(reference, within(4 * se * Math.sqrt(1 + 1.0 / 30) + rounding));
  }
}
