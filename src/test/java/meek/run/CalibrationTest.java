package meek.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import meek.model.LossView;
import meek.model.Metric;
import meek.model.Observation;
import meek.sampling.Design;
import meek.spec.Spec;
import meek.spec.SpecReader;
import meek.stats.OutputSummary;
import meek.stats.QuantileEstimate;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * calibrate against closed forms: with only C0 uncertain (lognormal) and the loss gap observed on the log scale,
 * ln ΔL(t) = ln A − α·ln C0 + ln(G^(−αt)·(1 − g_inv^(−αt))) is linear in ln C0, so the posterior of ln C0 is normal
 * (the conjugate update), and so is ln of the peak gap.
 */
class CalibrationTest {

  private static final double ALPHA = 0.155;
  private static final double A = 1070;
  private static final double G = 2.8 * 1.4;
  private static final double G_INV = 3.6;
  private static final double MU = 46;
  private static final double SIGMA = 1;

  @TempDir Path dir;
  private Spec onlyC0;
  private Spec literature;

  @BeforeEach
  void specs() throws IOException {
    Path f = dir.resolve("c0.yaml");
    Files.writeString(f, "name: c0\nbaseline_year: 2019\nhorizon_years: 30\nstep_years: 0.25\nparams:\n  alpha: " + ALPHA + "\n  A: " + A
        + "\n  L0: 1.7\n  C0: {dist: lognormal, mu: " + MU + ", sigma: " + SIGMA + "}\n  g_alg: 2.8\n  g_hw: 1.4\n  g_inv: " + G_INV + "\n");
    onlyC0 = new SpecReader().read(f);
    literature = new SpecReader().read(Path.of("distributions/chinchilla.yaml"));
  }

  /** ln of the gap's shape G^(−αt)(1 − g_inv^(−αt)): the gap is K times it, K = A·C0^(−α). */
  private static double lnShape(double t) {
    return -ALPHA * t * Math.log(G) + Math.log1p(-Math.pow(G_INV, -ALPHA * t));
  }

  /** The loss gap in a year for ln C0 = l, from the closed form. */
  private static double gap(double year, double l) {
    return Math.exp(Math.log(A) - ALPHA * l + lnShape(year - 2019));
  }

  /** The shape's maximum: at t* = ln((a+b)/a)/b with a = α ln G, b = α ln g_inv. */
  private static double peakShape() {
    double a = ALPHA * Math.log(G);
    double b = ALPHA * Math.log(G_INV);
    double t = Math.log((a + b) / a) / b;
    return Math.exp(-a * t) * (1 - Math.exp(-b * t));
  }

  /** The conjugate posterior of ln C0 given log-scale observations: {mean, sd}. */
  private static double[] posterior(List<Observation> obs) {
    double precision = 1 / (SIGMA * SIGMA);
    double weighted = MU / (SIGMA * SIGMA);
    for (Observation o : obs) {
      double c = Math.log(A) + lnShape(o.year() - 2019); // ln y = c − α·l + ε
      precision += ALPHA * ALPHA / (o.sd() * o.sd());
      weighted += ALPHA * (c - Math.log(o.gap())) / (o.sd() * o.sd());
    }
    return new double[] {weighted / precision, Math.sqrt(1 / precision)};
  }

  private static Observation logPoint(double year, double value, double sd) {
    return new Observation(year, value, "", Metric.LOSS, sd, true, 2);
  }

  private static RunOptions options(int n, long seed, boolean fans) {
    return new RunOptions(n, seed, 2, Design.MC, RunOptions.Quantiles.EXACT, fans);
  }

  private static Calibration.ParameterReport parameter(Calibration.Result r, String name) {
    return r.parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  /** |estimate − exact| within the width of its 95% interval (about four standard errors). */
  private static void assertWithinInterval(QuantileEstimate q, double exact, String what) {
    assertThat(q.value()).as("%s p%s: %s [%s, %s] against %s", what, q.p(), q.value(), q.ciLower(), q.ciUpper(), exact)
        .isCloseTo(exact, within(q.ciUpper() - q.ciLower()));
    assertThat(q.ciUpper() - q.ciLower()).as(what + " interval width").isPositive();
  }

  @Test
  void theAnalyticCaseMatchesTheConjugatePosterior() {
    List<Observation> obs = List.of(logPoint(2021, gap(2021, 46.5), 0.05), logPoint(2024, gap(2024, 46.5), 0.05));
    Calibration.Result r = Calibration.execute(onlyC0, options(100_000, 7, false), obs, Calibration.Method.AUTO, n -> {});
    assertThat(r.method()).startsWith("importance sampling");
    assertThat(r.paretoK()).isLessThanOrEqualTo(r.threshold());
    double[] post = posterior(obs);
    NormalDistribution z = NormalDistribution.of(0, 1);
    OutputSummary c0 = parameter(r, "C0").posterior();
    OutputSummary peak = r.posterior().output(LossView.PEAK_GAP);
    for (double p : new double[] {0.05, 0.25, 0.5, 0.75, 0.95}) {
      double l = post[0] + post[1] * z.inverseCumulativeProbability(p);
      assertWithinInterval(c0.at(p), Math.exp(l), "C0");
      // the peak gap falls as C0 grows: its p-quantile is at ln C0's (1−p)-quantile
      double lHigh = post[0] + post[1] * z.inverseCumulativeProbability(1 - p);
      assertWithinInterval(peak.at(p), A * Math.exp(-ALPHA * lHigh) * peakShape(), "peak gap");
    }
  }

  @Test
  void anUninformativeObservationGivesBackThePrior() {
    List<Observation> obs = List.of(new Observation(2022, 0.05, "", Metric.LOSS, 1e6, false, 2));
    Calibration.Result r = Calibration.execute(literature, options(50_000, 3, false), obs, Calibration.Method.AUTO, n -> {});
    assertThat(r.ess()).isGreaterThan(0.9999 * 50_000);
    for (var name : List.of(LossView.INFLECTION_TIME, LossView.PEAK_GAP)) {
      OutputSummary prior = r.prior().output(name);
      OutputSummary post = r.posterior().output(name);
      for (double p : new double[] {0.05, 0.5, 0.95}) {
        assertThat(post.at(p).value()).as(name.name() + " p" + p).isCloseTo(prior.at(p).value(),
            within(prior.at(p).ciUpper() - prior.at(p).ciLower()));
      }
    }
  }

  @Test
  void aPreciseObservationConcentratesThePosteriorOnTheDrawsThatMatchIt() {
    double target = 46.3;
    List<Observation> obs = List.of(logPoint(2022, gap(2022, target), 0.001));
    Calibration.Result r = Calibration.execute(onlyC0, options(50_000, 11, false), obs, Calibration.Method.AUTO, n -> {});
    OutputSummary c0 = parameter(r, "C0").posterior();
    // the posterior sd of ln C0 is 0.001/α ≈ 0.0065: its 5th–95th percentiles lie within ±0.03 of the target
    assertThat(Math.log(c0.at(0.05).value())).isCloseTo(target, within(0.03));
    assertThat(Math.log(c0.at(0.95).value())).isCloseTo(target, within(0.03));
    assertThat(Math.log(parameter(r, "C0").prior().at(0.05).value())).isLessThan(target - 1); // the prior was wide
  }

  @Test
  void importanceSamplingAndSmcAgreeWhereBothWork() {
    List<Observation> obs = List.of(new Observation(2022, 0.05, "", Metric.LOSS, 0.01, false, 2),
        new Observation(2024, 0.04, "", Metric.LOSS, 0.01, false, 3));
    Calibration.Result is = Calibration.execute(literature, options(40_000, 5, false), obs, Calibration.Method.IMPORTANCE, n -> {});
    Calibration.Result smc = Calibration.execute(literature, options(40_000, 5, false), obs, Calibration.Method.SMC, n -> {});
    assertThat(is.paretoK()).isLessThanOrEqualTo(is.threshold());
    assertThat(smc.method()).isEqualTo("tempered SMC");
    for (var name : List.of(LossView.INFLECTION_TIME, LossView.PEAK_GAP, LossView.HALF_GAP_TIME)) {
      for (double p : new double[] {0.05, 0.5, 0.95}) {
        QuantileEstimate a = is.posterior().output(name).at(p);
        QuantileEstimate b = smc.posterior().output(name).at(p);
        double halfA = (a.ciUpper() - a.ciLower()) / 2;
        double halfB = (b.ciUpper() - b.ciLower()) / 2;
        assertThat(a.value()).as("%s p%s: IS %s, SMC %s", name.name(), p, a.value(), b.value())
            .isCloseTo(b.value(), within(2 * Math.hypot(halfA, halfB)));
      }
    }
  }

  @Test
  void smcTakesOverWhenParetoKIsHighAndKeepsItsEffectiveSampleSize() {
    // a precise reading 2.5 prior sds from the prior's centre: few prior draws come near it
    List<Observation> obs = List.of(logPoint(2021, gap(2021, 48.5), 0.01), logPoint(2024, gap(2024, 48.5), 0.01));
    int n = 20_000;
    Calibration.Result r = Calibration.execute(onlyC0, options(n, 13, false), obs, Calibration.Method.AUTO, done -> {});
    assertThat(r.paretoK()).as("k-hat %s", r.paretoK()).isGreaterThan(r.threshold());
    assertThat(r.method()).isEqualTo("tempered SMC");
    assertThat(r.why()).contains("Pareto k̂");
    assertThat(r.ess()).as("ESS").isGreaterThanOrEqualTo(0.45 * n);
    double[] post = posterior(obs);
    OutputSummary c0 = parameter(r, "C0").posterior();
    NormalDistribution z = NormalDistribution.of(0, 1);
    for (double p : new double[] {0.05, 0.5, 0.95}) {
      assertWithinInterval(c0.at(p), Math.exp(post[0] + post[1] * z.inverseCumulativeProbability(p)), "C0 by SMC");
    }
  }

  @Test
  void theIntervalsOfAPosteriorQuantileCoverNearTheNominalRate() {
    List<Observation> obs = List.of(logPoint(2021, gap(2021, 46.5), 0.1), logPoint(2024, gap(2024, 46.5), 0.1));
    double exact = Math.exp(posterior(obs)[0]); // the posterior median of C0
    int seeds = 200;
    int covered = 0;
    for (int s = 1; s <= seeds; s++) {
      Calibration.Result r = Calibration.execute(onlyC0, options(4_000, 1000 + s, false), obs, Calibration.Method.IMPORTANCE, n -> {});
      QuantileEstimate m = parameter(r, "C0").posterior().at(0.5);
      covered += m.ciLower() <= exact && exact <= m.ciUpper() ? 1 : 0;
    }
    // 95% nominal; the binomial sd over 200 seeds is 1.5 points: accept 90–99%
    assertThat(covered / (double) seeds).isBetween(0.90, 0.99);
  }

  @Test
  void aReadingTheModelCannotReachIsFlaggedAsAConflict() {
    // at the baseline the gap is 0 in every draw: a reading of 0.1 ± 0.02 there is five sd away whatever the draw
    List<Observation> obs = List.of(new Observation(2019, 0.1, "", Metric.LOSS, 0.02, false, 2),
        new Observation(2022, 0.05, "", Metric.LOSS, 0.02, false, 3));
    Calibration.Result r = Calibration.execute(literature, options(20_000, 3, false), obs, Calibration.Method.AUTO, n -> {});
    assertThat(r.observations().get(0).conflicts()).isTrue();
    assertThat(r.observations().get(0).posteriorP()).isEqualTo(1.0); // every replicate lies below the reading
    assertThat(r.observations().get(1).conflicts()).isFalse();
    assertThat(meek.report.CalibrationFolder.diagnostics(r)).contains("1 observation lies outside the posterior predictive's central 99%");
  }

  @Test
  void aReadingThePriorsAllButRuleOutIsFlagged() {
    // a loss gap of 5 nats in 2025: the prior predictive's 90% interval is about 0.014–0.23
    List<Observation> obs = List.of(new Observation(2025, 5, "", Metric.LOSS, 0.01, false, 2));
    Calibration.Result r = Calibration.execute(literature, options(20_000, 3, false), obs, Calibration.Method.AUTO, n -> {});
    assertThat(r.observations().get(0).surprisesThePrior()).isTrue();
    assertThat(r.observations().get(0).priorP()).isEqualTo(1.0);
    assertThat(meek.report.CalibrationFolder.diagnostics(r)).contains("outside the prior predictive's central 99.9%");
  }

  @Test
  void smcsEffectiveSampleSizeIsNearNForIndependentIslandsAndFallsWhenTheyDisagree() {
    var rng = RandomSource.XO_RO_SHI_RO_128_PP.create(4L);
    int[] starts = new int[16];
    double[] x = new double[16_000];
    for (int g = 0; g < 16; g++) {
      starts[g] = g * 1000;
    }
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextDouble();
    }
    // independent uniforms: the batch-means ESS is N within its chi-square spread (15 df: about ±35%)
    assertThat(Calibration.islandEss(x, starts)).isBetween(0.6 * x.length, (double) x.length);
    for (int i = 0; i < x.length; i++) {
      x[i] = i / 1000 + 0.01 * x[i]; // each island its own value: nearly 16 independent numbers
    }
    assertThat(Calibration.islandEss(x, starts)).isLessThan(20);
  }

  @Test
  void systematicResamplingGivesEachDrawItsShareWithinOne() {
    double[] w = new double[1000];
    var rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5L);
    double total = 0;
    for (int i = 0; i < w.length; i++) {
      w[i] = i % 7 == 0 ? 0 : rng.nextDouble();
      total += w[i];
    }
    int[] counts = Calibration.resample(w, 5000, RandomSource.XO_RO_SHI_RO_128_PP.create(9L));
    int sum = 0;
    for (int i = 0; i < w.length; i++) {
      sum += counts[i];
      assertThat((double) counts[i]).isCloseTo(5000 * w[i] / total, within(1.0 + 1e-9));
      if (w[i] == 0) {
        assertThat(counts[i]).isZero();
      }
    }
    assertThat(sum).isEqualTo(5000);
  }
}
