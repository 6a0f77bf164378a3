package meek.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import meek.model.GapModel;
import meek.model.GapOutcome;
import meek.model.LossView;
import meek.model.ModelConfig;
import meek.model.Schedules;
import meek.sampling.Design;
import meek.spec.Spec;
import meek.spec.SpecReader;
import meek.stats.FanData;
import meek.stats.FanSketch;
import meek.stats.OutputSummary;
import meek.stats.QuantileEstimate;
import meek.stats.QuantileSummarizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline (spec → sampler → model → quantiles) against results known without running it. */
class MonteCarloRunTest {

  @TempDir Path dir;

  private RunResult run(String params, int n, long seed) throws IOException {
    Path f = dir.resolve("s" + seed + n + ".yaml");
    Files.writeString(f, "name: t\nparams:\n" + params);
    Spec spec = new SpecReader().read(f);
    return MonteCarloRun.of(spec, new RunOptions(n, seed, 2, Design.MC, RunOptions.Quantiles.AUTO, true)).execute(null, done -> {});
  }

  /** Paper eq 4 with plain logs. */
  private static double tStar(double alpha, double g, double gInv) {
    double a = Math.log(g);
    double b = Math.log(g * gInv);
    return Math.log(b / a) / (alpha * (b - a));
  }

  /**
   * Only g_inv ~ U(2.5, 5) varies. t* decreases in g_inv, so the p-quantile of t* is t* at g_inv's
   * (1 − p)-quantile, 2.5 + 2.5·(1 − p). The sample p-quantile must fall between t* at g_inv's
   * (1 − p ± 5·se) quantiles, se = sqrt(p(1 − p)/N).
   */
  @Test
  void quantilesOfTStarMatchTheAnalyticQuantiles() throws IOException {
    int n = 200_000;
    RunResult r = run(
        "  alpha: 0.155\n  A: 1070\n  L0: 1.7\n  C0: 1e20\n  g_alg: 2.8\n  g_hw: 1.4\n"
            + "  g_inv: {dist: uniform, min: 2.5, max: 5.0}\n", n, 5);
    OutputSummary t = r.output(LossView.INFLECTION_TIME);
    assertThat(t.n()).isEqualTo(n);
    for (QuantileEstimate q : t.quantiles()) {
      double p = q.p();
      double se = Math.sqrt(p * (1 - p) / n);
      double hi = tStar(0.155, 2.8 * 1.4, 2.5 + 2.5 * Math.max(0, 1 - p - 5 * se));
      double lo = tStar(0.155, 2.8 * 1.4, 2.5 + 2.5 * Math.min(1, 1 - p + 5 * se));
      assertThat(q.value()).as(q.key()).isBetween(lo, hi);
      // and the analytic value is near its 95% interval: widened by its own half-width (≈3.9 standard
      // errors, a miss chance near 1e-4 each, 1e-3 for all nine; coverage itself is tested by repetition
      // in QuantileSummarizerTest)
      double exact = tStar(0.155, 2.8 * 1.4, 2.5 + 2.5 * (1 - p));
      double half = (q.ciUpper() - q.ciLower()) / 2;
      assertThat(exact).as(q.key() + " near its CI").isBetween(q.ciLower() - half, q.ciUpper() + half);
    }
    // the fan at t = 0 is exactly zero; at t = 3 the gap increases with g_inv, so its median lies between
    // the gaps at g_inv's (0.5 ± 5·se) quantiles, widened by the fan sketch's stated relative accuracy
    assertThat(r.fan().quantiles()[0]).containsOnly(0.0);
    double se = Math.sqrt(0.25 / n);
    double lowGap = gapAt3(2.5 + 2.5 * (0.5 - 5 * se)) * (1 - FanSketch.RELATIVE_ACCURACY);
    double highGap = gapAt3(2.5 + 2.5 * (0.5 + 5 * se)) * (1 + FanSketch.RELATIVE_ACCURACY);
    assertThat(r.fan().band(0.5)[12]).isBetween(lowGap, highGap);
  }

  private static double gapAt3(double gInv) {
    double k = 1070 * Math.pow(1e20, -0.155);
    double g = 2.8 * 1.4;
    return k * (Math.pow(g, -0.155 * 3) - Math.pow(g * gInv, -0.155 * 3));
  }

  @Test
  void edgeCasesAreCountedNotDropped() throws IOException {
    int n = 60_000;
    // P(g_inv <= 1) = 1/3; P(G = g_alg <= 1) = 1/2 independently
    RunResult r = run(
        "  alpha: 0.155\n  A: 1070\n  L0: 1.7\n  C0: 1e20\n  g_alg: {dist: uniform, min: 0.5, max: 1.5}\n"
            + "  g_hw: 1.0\n  g_inv: {dist: uniform, min: 0.5, max: 2.0}\n", n, 9);
    long noAdv = r.count(GapOutcome.NO_ADVANTAGE);
    long never = r.count(GapOutcome.NEVER_CONVERGES);
    long conv = r.count(GapOutcome.CONVERGES);
    assertThat(noAdv + never + conv + r.count(GapOutcome.INVALID)).isEqualTo(n);
    assertThat((double) noAdv / n).isCloseTo(1 / 3.0, within(5 * Math.sqrt(2 / 9.0 / n)));
    assertThat((double) never / n).isCloseTo(1 / 3.0, within(5 * Math.sqrt(2 / 9.0 / n))); // 2/3 · 1/2
    OutputSummary t = r.output(LossView.INFLECTION_TIME);
    assertThat(t.n()).isEqualTo(never + conv);
    assertThat(t.infinite()).isEqualTo(never);
    assertThat(t.at(0.99).value()).isInfinite(); // half the defined draws never peak
    assertThat(r.fan().draws()).isEqualTo(n);
  }

  @Test
  void invalidDrawsAreCountedByParameter() throws IOException {
    int n = 20_000;
    // alpha <= 0 with probability Φ(-1) ≈ 0.159
    RunResult r = run(
        "  alpha: {dist: normal, mean: 0.1, sd: 0.1}\n  A: 1070\n  L0: 1.7\n  C0: 1e20\n  g_alg: 2.8\n"
            + "  g_hw: 1.4\n  g_inv: 3.6\n", n, 4);
    long invalid = r.count(GapOutcome.INVALID);
    assertThat((double) invalid / n).isCloseTo(0.158655, within(5 * Math.sqrt(0.16 * 0.84 / n)));
    assertThat(r.invalidByParameter()).containsEntry("alpha", invalid);
    assertThat(r.output(LossView.INFLECTION_TIME).n()).isEqualTo(n - invalid);
    assertThat(r.fan().draws()).isEqualTo(n - invalid);
  }

  @Test
  void aDrawInvalidInTwoParametersCountsOnceUnderTheFirstInDrawOrder() throws IOException {
    int n = 40_000;
    // alpha <= 0 with probability p1 = Φ(-1); g_hw <= 0 with p2 = Φ(-1), independently. alpha comes first
    // in draw order, so it gets p1·n draws and g_hw (1 - p1)·p2·n, the draws where only g_hw is invalid.
    RunResult r = run(
        "  alpha: {dist: normal, mean: 0.1, sd: 0.1}\n  A: 1070\n  L0: 1.7\n  C0: 1e20\n  g_alg: 2.8\n"
            + "  g_hw: {dist: normal, mean: 1.4, sd: 1.4}\n  g_inv: 3.6\n", n, 4);
    double p1 = 0.158655;
    double p2 = 0.158655;
    double alphaShare = p1;
    double gHwShare = (1 - p1) * p2;
    assertThat((double) r.invalidByParameter().get("alpha") / n).isCloseTo(alphaShare, within(5 * Math.sqrt(alphaShare * (1 - alphaShare) / n)));
    assertThat((double) r.invalidByParameter().get("g_hw") / n).isCloseTo(gHwShare, within(5 * Math.sqrt(gHwShare * (1 - gHwShare) / n)));
    assertThat(r.invalidByParameter().get("alpha") + r.invalidByParameter().get("g_hw")).isEqualTo(r.count(GapOutcome.INVALID));
  }

  /**
   * Agreement with the numpy and Squiggle peers (docs/MODEL.md §9: their medians over 30 seeds at
   * N = 1e5, seed-to-seed SD of the t* median 0.0017 for Chinchilla and 0.005 for Kaplan). Tolerances: 5
   * seed SDs plus the rounding of the published figures.
   */
  @Test
  void agreesWithThePeerImplementations() throws IOException {
    String shared =
        "  L0: 1.7\n  C0: {dist: lognormal, p5: 3e19, p95: 3e20}\n"
            + "  g_alg: {dist: lognormal, p5: 2.0, p95: 4.0}\n  g_hw: {dist: lognormal, p5: 1.3, p95: 1.5}\n"
            + "  g_inv: {dist: lognormal, p5: 2.5, p95: 5.0}\n";
    RunResult chin = run("  alpha: {dist: normal, mean: 0.155, sd: 0.01}\n  A: 1070\n" + shared, 100_000, 12345);
    OutputSummary t = chin.output(LossView.INFLECTION_TIME);
    assertThat(t.at(0.5).value()).isCloseTo(3.346, within(5 * 0.0017 + 0.0005));
    assertThat(t.at(0.05).value()).isCloseTo(2.70, within(0.02));
    assertThat(t.at(0.95).value()).isCloseTo(4.29, within(0.03));
    assertThat(chin.output(LossView.PEAK_GAP).at(0.5).value()).isCloseTo(0.200, within(0.003));

    RunResult kap = run("  alpha: {dist: normal, mean: 0.050, sd: 0.005}\n  A: 26.4\n" + shared, 100_000, 12345);
    OutputSummary tk = kap.output(LossView.INFLECTION_TIME);
    assertThat(tk.at(0.5).value()).isCloseTo(10.40, within(5 * 0.005 + 0.005));
    assertThat(tk.at(0.05).value()).isCloseTo(8.12, within(0.06));
    assertThat(tk.at(0.95).value()).isCloseTo(13.8, within(0.12));
    assertThat(kap.output(LossView.PEAK_GAP).at(0.5).value()).isCloseTo(0.621, within(0.006));
  }

  /**
   * The fan end to end (recurrence, bins counted on two threads and merged, ranks): every quantile at every
   * step is within the stated relative accuracy of the exact order statistic of the gap, computed per draw
   * here from the draw's parameters by the paper's loss difference A·C0^−α·(G^−αt − (G·g_inv)^−αt) with
   * plain powers, sorted.
   */
  @Test
  void everyFanQuantileIsWithinItsAccuracyOfTheExactOrderStatistic() throws IOException {
    int n = 40_000;
    Path f = dir.resolve("fan.yaml");
    Files.writeString(f, "name: fan\nhorizon_years: 30\nstep_years: 0.25\nparams:\n"
        + "  alpha: {dist: normal, mean: 0.155, sd: 0.01}\n  A: 1070\n  L0: 1.7\n"
        + "  C0: {dist: lognormal, p5: 3.0e+19, p95: 3.0e+20}\n  g_alg: {dist: lognormal, p5: 2.0, p95: 4.0}\n"
        + "  g_hw: {dist: lognormal, p5: 1.3, p95: 1.5}\n  g_inv: {dist: lognormal, p5: 0.8, p95: 5.0}\n");
    Spec spec = new SpecReader().read(f);
    GapModel model = new GapModel(new ModelConfig(spec.baselineYear(), Schedules.NONE, List.of()));
    java.util.List<String> names = model.parameterNames();
    double[][] drawn = new double[names.size()][n];
    boolean[] valid = new boolean[n];
    RunResult r = MonteCarloRun.run(spec, model, new RunOptions(n, 11, 2, Design.MC, RunOptions.Quantiles.AUTO, true), b -> {
      for (int i = 0; i < b.size(); i++) {
        valid[(int) b.from() + i] = b.outcome(i) != GapOutcome.INVALID;
        for (int p = 0; p < names.size(); p++) {
          drawn[p][(int) b.from() + i] = b.params()[p][i];
        }
      }
    }, done -> {});
    FanData fan = r.fans().get(0);
    double accuracy = fan.relativeAccuracy();
    assertThat(accuracy).isEqualTo(1e-3);
    int negative = 0;
    for (int j = 0; j < fan.times().length; j++) {
      double t = fan.times()[j];
      double[] gaps = new double[n];
      int m = 0;
      for (int i = 0; i < n; i++) {
        if (!valid[i]) {
          continue;
        }
        double alpha = drawn[names.indexOf("alpha")][i];
        double g = drawn[names.indexOf("g_alg")][i] * drawn[names.indexOf("g_hw")][i];
        double gInv = drawn[names.indexOf("g_inv")][i];
        double scale = drawn[names.indexOf("A")][i] * Math.pow(drawn[names.indexOf("C0")][i], -alpha);
        gaps[m++] = scale * (Math.pow(g, -alpha * t) - Math.pow(g * gInv, -alpha * t));
      }
      double[] sorted = java.util.Arrays.copyOf(gaps, m);
      java.util.Arrays.sort(sorted);
      negative += sorted[0] < 0 ? 1 : 0;
      for (int k = 0; k < QuantileSummarizer.PROBABILITIES.length; k++) {
        double exact = sorted[(int) Math.floor(QuantileSummarizer.PROBABILITIES[k] * (m - 1))];
        // (plus 1e-12 relative for the difference of powers' rounding, and 1e-18 absolute at t = 0)
        assertThat(fan.quantiles()[j][k]).as("t = %s, p = %s", t, QuantileSummarizer.PROBABILITIES[k])
            .isCloseTo(exact, within((accuracy + 1e-12) * Math.abs(exact) + 1e-18));
      }
    }
    assertThat(negative).as("steps with negative gaps (g_inv < 1 draws), so that path is covered").isPositive();
  }
}
