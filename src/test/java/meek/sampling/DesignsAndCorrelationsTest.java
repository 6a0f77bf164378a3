package meek.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import meek.model.GapModel;
import meek.model.LossView;
import meek.model.ModelConfig;
import meek.model.Schedules;
import meek.run.MonteCarloRun;
import meek.run.RunOptions;
import meek.run.RunResult;
import meek.spec.Spec;
import meek.spec.SpecReader;
import meek.stats.OutputSummary;
import meek.stats.QuantileEstimate;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copula, designs and their precision, measured rather than assumed. */
class DesignsAndCorrelationsTest {

  @TempDir Path dir;

  private static final String PRIORS =
      "  alpha: {dist: normal, mean: 0.155, sd: 0.01}\n  A: 1070\n  L0: 1.7\n  C0: {ci90: [3e19, 3e20]}\n"
          + "  g_alg: {dist: lognormal, p5: 2.0, p95: 4.0}\n  g_hw: {dist: lognormal, p5: 1.3, p95: 1.5}\n"
          + "  g_inv: {dist: lognormal, p5: 2.5, p95: 5.0}\n";

  private Spec spec(String text) throws IOException {
    Path f = Files.createTempFile(dir, "s", ".yaml");
    Files.writeString(f, "name: t\nparams:\n" + text);
    return new SpecReader().read(f);
  }

  private static RunResult run(Spec spec, int n, long seed, int threads, Design design) {
    return MonteCarloRun.of(spec, new RunOptions(n, seed, threads, design, RunOptions.Quantiles.AUTO, true)).execute(null, d -> {});
  }

  @Test
  void copulaHitsTheRankCorrelationsAndKeepsTheMarginals() throws IOException {
    Spec spec = spec(PRIORS + "correlations:\n  - {between: [g_alg, g_hw], rho: 0.5}\n  - {between: [g_alg, g_inv], rho: -0.3}\n");
    for (Design design : Design.values()) {
      RunResult r = run(spec, SampleSet.PROBE_SIZE, 3, 2, design);
      double[][] s = r.achievedSpearman(); // order: g_alg, g_hw, g_inv
      int n = SampleSet.PROBE_SIZE;
      // standard error of Spearman's rho, about 1.03·(1 − ρ²)/sqrt(n − 3) (Fieller et al. 1957); 5 of them
      assertThat(s[0][1]).as(design + " g_alg~g_hw").isCloseTo(0.5, within(5 * 1.03 * 0.75 / Math.sqrt(n - 3)));
      assertThat(s[0][2]).as(design + " g_alg~g_inv").isCloseTo(-0.3, within(5 * 1.03 * 0.91 / Math.sqrt(n - 3)));
      assertThat(s[1][2]).as(design + " g_hw~g_inv").isCloseTo(0, within(5 * 1.03 / Math.sqrt(n - 3)));
    }
  }

  @Test
  void correlatedMarginalsAreUnchanged() throws IOException {
    Spec spec = spec(PRIORS + "correlations:\n  - {between: [g_alg, g_hw], rho: 0.8}\n");
    // the g_alg draws of the probe follow the lognormal with p5 2, p95 4 (mu, sigma from a second method:
    // log-symmetric quantiles)
    double mu = (Math.log(2) + Math.log(4)) / 2;
    double sigma = (Math.log(4) - Math.log(2)) / (2 * 1.6448536269514722);
    LogNormalDistribution truth = new LogNormalDistribution(mu, sigma);
    for (Design design : Design.values()) {
      double[] gAlg = probeOf(spec, design, 4);
      int n = gAlg.length;
      // the fraction below each true quantile is binomial (or tighter, for stratified designs)
      for (double p : new double[] {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99}) {
        double q = truth.inverseCumulativeProbability(p);
        double below = (double) Arrays.stream(gAlg).filter(v -> v <= q).count() / n;
        assertThat(below).as(design + " p=" + p).isCloseTo(p, within(5 * Math.sqrt(p * (1 - p) / n)));
      }
      if (design == Design.MC) {
        assertThat(new KolmogorovSmirnovTest().kolmogorovSmirnovTest(truth, gAlg)).isGreaterThan(1e-3);
      }
    }
  }

  private static double[] probeOf(Spec spec, Design design, int parameter) {
    try (Parallel parallel = new Parallel(2)) {
      DrawPlan plan = DrawPlan.of(spec.distributions(LossView.PARAMETERS), LossView.PARAMETERS,
          spec.correlations(), design, MonteCarloEngine.BLOCK_SIZE);
      SampleSet set = new MonteCarloEngine(parallel).run(new GapModel(new ModelConfig(2019, Schedules.NONE, List.of())), plan, 20_000, 9,
          b -> {}, true, d -> {});
      return set.parameterProbe()[parameter];
    }
  }

  /**
   * Over 40 seeds, the standard deviation of the estimated mean t* is smaller with LHS and Sobol than with
   * plain Monte Carlo at equal N. Required: at least 2× smaller (a variance ratio of 4), far inside what
   * stratification gives for a smooth output, and far outside what chance gives plain MC (with 40 seeds an
   * sd estimate is within ±30% at 99.9%).
   */
  @Test
  void lhsAndSobolEstimateASmoothMeanMorePreciselyThanMonteCarlo() throws IOException {
    Spec spec = spec(PRIORS);
    double[] sd = new double[Design.values().length];
    for (Design design : Design.values()) {
      double[] means = new double[40];
      for (int s = 0; s < means.length; s++) {
        means[s] = run(spec, 8192, 100 + s, 2, design).output(LossView.INFLECTION_TIME).mean();
      }
      double m = Arrays.stream(means).average().orElseThrow();
      sd[design.ordinal()] = Math.sqrt(Arrays.stream(means).map(x -> (x - m) * (x - m)).sum() / (means.length - 1));
    }
    assertThat(sd[Design.LHS.ordinal()]).isLessThan(sd[Design.MC.ordinal()] / 2);
    assertThat(sd[Design.SOBOL.ordinal()]).isLessThan(sd[Design.MC.ordinal()] / 2);
  }

  /**
   * Batch-means intervals cover the true median in about 95% of runs. Only g_inv ~ U(2.5, 5) varies, so the
   * true median of t* is t* at g_inv = 3.75 (paper eq 4). 60 LHS runs of 8 blocks; the coverage must be at
   * least 0.95 − 4 binomial standard errors.
   */
  @Test
  void batchMeansIntervalsCoverTheTrueMedian() throws IOException {
    Spec spec = spec("  alpha: 0.155\n  A: 1070\n  L0: 1.7\n  C0: 1e20\n  g_alg: 2.8\n  g_hw: 1.4\n"
        + "  g_inv: {dist: uniform, min: 2.5, max: 5.0}\n");
    double a = Math.log(2.8 * 1.4);
    double b = Math.log(2.8 * 1.4 * 3.75);
    double truth = Math.log(b / a) / (0.155 * (b - a));
    int runs = 60;
    int covered = 0;
    for (int s = 0; s < runs; s++) {
      QuantileEstimate q = run(spec, 8 * 8192, 500 + s, 2, Design.LHS).output(LossView.INFLECTION_TIME).at(0.5);
      if (q.ciLower() <= truth && truth <= q.ciUpper()) {
        covered++;
      }
    }
    assertThat((double) covered / runs).isGreaterThanOrEqualTo(0.95 - 4 * Math.sqrt(0.95 * 0.05 / runs));
  }

  @Test
  void everyDesignIsIdenticalOnOneAndThreeThreads() throws IOException {
    Spec spec = spec(PRIORS + "correlations:\n  - {between: [g_alg, g_hw], rho: 0.4}\n");
    for (Design design : Design.values()) {
      RunResult one = run(spec, 30_000, 8, 1, design);
      RunResult three = run(spec, 30_000, 8, 3, design);
      for (int k = 0; k < one.outputs().size(); k++) {
        OutputSummary x = one.outputs().get(k);
        OutputSummary y = three.outputs().get(k);
        assertThat(y.mean()).as(design + " " + x.output().name()).isEqualTo(x.mean());
        assertThat(y.quantiles()).isEqualTo(x.quantiles());
      }
      assertThat(three.fan().quantiles()).isDeepEqualTo(one.fan().quantiles());
      assertThat(three.fan().means()).isEqualTo(one.fan().means());
    }
  }
}
