package meek.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import meek.model.BenchmarkView;
import meek.model.InferenceView;
import meek.model.LossView;
import meek.model.Observation;
import meek.model.ScalarOutput;
import meek.run.Calibration;
import meek.run.RunOptions;
import meek.run.RunResult;
import meek.stats.FanData;
import meek.stats.OutputSummary;
import meek.stats.QuantileEstimate;
import meek.stats.QuantileSummarizer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The results folder of {@code meek calibrate}: posterior.json (every output with summary.json's keys, and the
 * calibration's diagnostics), parameters.csv, the posterior's fans over the prior's, t*'s prior and posterior,
 * summary.md with citable sentences, manifest.json, references.bib and report.html.
 */
public final class CalibrationFolder {

  private static final int DIGITS = SummaryMarkdown.DIGITS;

  private CalibrationFolder() {}

  public static void write(Publish.Folder folder, Calibration.Result c, Path observationsFile, RunOptions options, List<String> specTexts,
      String version, long wallStart) throws IOException {
    RunResult post = c.posterior();
    RunResult prior = c.prior();
    List<Observation> observed = c.observations().stream().map(Calibration.ObservationReport::observation).toList();
    Json.write(posteriorJson(c), folder.file(ResultFiles.POSTERIOR));
    writeParameters(c, folder.file("parameters.csv"));
    String footnote = String.format("Posterior given %s by %s, N = %s draws, seed %d · %s · meek %s", plural(observed.size(), "observation"),
        c.method(), Numbers.count(post.samples()), post.seed(), post.spec().source().getFileName(), version);
    List<Callable<Void>> charts = new ArrayList<>();
    Map<String, HtmlReport.Fan> fans = new ConcurrentHashMap<>();
    for (FanData fan : post.fans()) {
      FanData before = prior.fan(fan.metric());
      String stem = fan.metric().fileStem();
      CsvReport.writeFan(fan, folder.file(stem + ".csv"));
      CsvReport.writeFan(before, folder.file(stem + "_prior.csv"));
      String title = post.spec().title() + ", calibrated";
      charts.add(() -> {
        ChartStyle.writePng(FanCharts.calibrated(fan, before, title, fan.metric().axisLabel(), footnote, observed), folder.file(stem + ".png"));
        return null;
      });
      charts.add(() -> {
        ChartStyle.PlotArea area =
            ChartStyle.writeSvg(FanCharts.calibrated(fan, before, title, fan.metric().axisLabel(), footnote, observed), folder.file(stem + ".svg"));
        fans.put(stem, new HtmlReport.Fan(area, fan.metric().unit()));
        return null;
      });
    }
    charts.add(() -> {
      var hist = HistogramChart.priorPosterior(prior.output(LossView.INFLECTION_TIME), post.output(LossView.INFLECTION_TIME),
          prior.headlineDraws(), post.headlineDraws(), post.spec().title() + ": when the gap peaks, before and after the observations",
          "Inflection time t* (years after " + Sentences.yearLabel(post.spec().baselineYear()) + ")",
          "Prior (grey) and posterior (blue) densities of t*, draws between the 1st and 99th percentiles", footnote);
      ChartStyle.writePng(hist, folder.file("inflection_time.png"));
      ChartStyle.writeSvg(hist, folder.file("inflection_time.svg"));
      return null;
    });
    ChartStyle.renderAll(charts);
    String markdown = markdown(c, observationsFile, version);
    Files.writeString(folder.file("summary.md"), markdown, StandardCharsets.UTF_8);
    new FolderManifest(ResultFiles.WrittenBy.CALIBRATE, version).specs(List.of(post.spec())).input("observations", observationsFile).options(options)
        .write(folder.file(ResultFiles.MANIFEST), wallStart);
    Files.writeString(folder.file("references.bib"), References.forSpecs(specTexts), StandardCharsets.UTF_8);
    Path report = folder.file(HtmlReport.FILE);
    HtmlReport.write(report.getParent(), report, markdown, null,
        List.of(new HtmlReport.Input("The spec: " + post.spec().source().getFileName(), post.spec().text()),
            new HtmlReport.Input("The observations: " + observationsFile.getFileName(), Files.readString(observationsFile))), fans);
  }

  /** posterior.json: summary.json's keys for the posterior, the prior's outputs beside them, and the diagnostics. */
  static ObjectNode posteriorJson(Calibration.Result c) {
    ObjectNode root = SummaryJson.of(c.posterior());
    ObjectNode details = (ObjectNode) root.remove("method");
    root.put("method", c.method());
    root.put("method_reason", c.why());
    Json.number(root, "ess", c.ess());
    Json.number(root, "pareto_k", c.paretoK());
    // JSON has no infinities: say which one a null k̂ stands for, or that importance sampling was skipped
    if (!Double.isFinite(c.paretoK())) {
      root.put("pareto_k_note", Double.isNaN(c.paretoK()) ? "not computed (--method smc)" : c.paretoK() > 0
          ? "+inf: too few weights representable to fit a tail" : "-inf: the largest weights are tied, nothing to smooth");
    }
    root.put("trusted", trusted(c));
    Json.number(root, "pareto_k_threshold", c.threshold());
    root.put("draws_with_weight", c.weightedDraws());
    if (c.stages() > 0) {
      Json.number(root, "smc_last_step_ess", c.lastStepEss());
      root.put("smc_stages", c.stages());
      Json.number(root, "smc_acceptance", c.acceptance());
    }
    root.set("method_details", details);
    ObjectNode priorOutputs = root.putObject("prior_outputs");
    for (OutputSummary s : c.prior().outputs()) {
      priorOutputs.set(s.output().name(), Json.output(s));
    }
    ArrayNode obs = root.putArray("observations");
    for (Calibration.ObservationReport r : c.observations()) {
      Observation o = r.observation();
      ObjectNode n = obs.addObject();
      n.put("year", o.year());
      n.put("metric", o.metric().key());
      n.put("label", o.label());
      n.put("observed", o.gap());
      n.put("sd", o.sd());
      n.put("scale", o.logScale() ? "log" : "linear");
      n.set("prior_predictive", predictive(r.prior()));
      n.set("posterior_predictive", predictive(r.posterior()));
      Json.number(n, "pareto_k_loo", r.looK());
      if (!Double.isFinite(r.looK())) {
        n.put("pareto_k_loo_note", Double.isNaN(r.looK()) ? "not computed: fewer than " + Calibration.LOO_DISTINCT
            + " distinct posterior draws" : r.looK() > 0 ? "+inf: too few draws to fit" : "-inf: every posterior draw fits it alike");
      }
      Json.number(n, "prior_predictive_p", r.priorP());
      n.put("surprises_prior", r.surprisesThePrior());
      Json.number(n, "posterior_predictive_p", r.posteriorP());
      n.put("conflicts_with_model", r.conflicts());
    }
    return root;
  }

  private static ObjectNode predictive(double[] q) {
    ObjectNode n = Json.object();
    Json.number(n, "p50", q[1]);
    n.set("p5_p95", Json.pair(q[0], q[2]));
    return n;
  }

  /** parameters.csv: one row per parameter and stage (prior, posterior): mean, sd and the quantiles. */
  private static void writeParameters(Calibration.Result c, Path file) throws IOException {
    List<String> header = new ArrayList<>(List.of("parameter", "stage", "mean", "sd"));
    for (double p : QuantileSummarizer.PROBABILITIES) {
      header.add(QuantileEstimate.key(p));
    }
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).setRecordSeparator('\n').get())) {
      for (Calibration.ParameterReport p : c.parameters()) {
        for (OutputSummary s : List.of(p.prior(), p.posterior())) {
          List<Object> row = new ArrayList<>(List.of(p.name(), s == p.prior() ? "prior" : "posterior", Cells.of(s.mean()), Cells.of(s.sd())));
          for (QuantileEstimate q : s.quantiles()) {
            row.add(Cells.of(q.value()));
          }
          csv.printRecord(row);
        }
      }
    }
  }

  /** "3 observations", "1 observation", "1,000 observations". */
  static String plural(long n, String noun) {
    return Numbers.count(n) + " " + noun + (n == 1 ? "" : "s");
  }

  /** "(posterior median; 90% interval a–b; prior median c)". */
  private static String basis(OutputSummary post, OutputSummary prior, String unit) {
    double p = prior.n() == 0 ? Double.NaN : prior.at(0.5).value();
    return "(posterior median; 90% interval " + Numbers.range(post.output(), post.at(0.05).value(), post.at(0.95).value(), DIGITS, unit)
        + "; prior median " + (Double.isNaN(p) ? "not defined" : Numbers.of(prior.output(), p, DIGITS)) + ")";
  }

  /** "X unit (posterior median; …)", for a finite median. */
  private static String updated(OutputSummary post, OutputSummary prior, String unit) {
    return Numbers.of(post.output(), post.at(0.5).value(), DIGITS) + (unit.isEmpty() ? "" : " " + unit) + " " + basis(post, prior, unit);
  }

  private static boolean finiteMedian(OutputSummary s) {
    return s.n() > 0 && Double.isFinite(s.at(0.5).value());
  }

  /** The citable sentences: what the observations say about the peak, its size and the views' catch-up times. */
  public static List<String> sentences(Calibration.Result c) {
    RunResult post = c.posterior();
    RunResult prior = c.prior();
    int k = c.observations().size();
    String given = "Given the " + (k == 1 ? "observed gap" : Numbers.count(k) + " observed gaps");
    String base = Sentences.yearLabel(post.spec().baselineYear());
    String ess = "ESS " + essText(c) + " of N = " + Numbers.count(post.samples()) + ", seed " + post.seed();
    List<String> out = new ArrayList<>();
    OutputSummary t = post.output(LossView.INFLECTION_TIME);
    OutputSummary tPrior = prior.output(LossView.INFLECTION_TIME);
    if (t.n() == 0) {
      out.add(given + ", no posterior draw gives the SOTA model a loss advantage, so there is no peak to report (" + ess + ").");
      return out;
    }
    String range = Numbers.range(t.output(), t.at(0.05).value(), t.at(0.95).value(), DIGITS, "years");
    double priorMedian = tPrior.n() == 0 ? Double.NaN : tPrior.at(0.5).value();
    String priorSays = "prior median " + (Double.isNaN(priorMedian) ? "not defined"
        : Numbers.of(tPrior.output(), priorMedian, DIGITS) + (Double.isFinite(priorMedian) ? " years" : ""));
    out.add(finiteMedian(t)
        ? given + ", the SOTA loss advantage peaks " + Numbers.sig(t.at(0.5).value(), DIGITS) + " years after " + base + " (posterior median; 90% interval "
            + range + "; " + priorSays + "; " + ess + "), in " + Numbers.year(post.output(LossView.INFLECTION_YEAR).at(0.5).value()) + "."
        : given + ", the SOTA loss advantage never peaks in the posterior median draw: the gap widens for ever (90% interval " + range
            + "; " + priorSays + "; " + ess + ").");
    OutputSummary gap = post.output(LossView.PEAK_GAP);
    out.add(finiteMedian(gap)
        ? "The peak loss gap is then " + updated(gap, prior.output(LossView.PEAK_GAP), "nats per token") + "."
        : "In the posterior median draw the loss gap grows without bound " + basis(gap, prior.output(LossView.PEAK_GAP), "nats per token") + ".");
    OutputSummary half = post.output(LossView.HALF_GAP_YEAR);
    out.add(finiteMedian(half)
        ? "The gap falls below half its peak by " + updated(half, prior.output(LossView.HALF_GAP_YEAR), "") + "."
        : "In the posterior median draw the gap never falls below half its peak " + basis(half, prior.output(LossView.HALF_GAP_YEAR), "") + ".");
    if (post.has(BenchmarkView.PEAK_GAP) && post.output(BenchmarkView.PEAK_GAP).n() > 0) {
      OutputSummary points = post.output(BenchmarkView.PEAK_GAP);
      OutputSummary year = post.output(BenchmarkView.INFLECTION_YEAR);
      out.add(finiteMedian(points) && finiteMedian(year)
          ? "The benchmark gap between the SOTA and the meek (fixed training budget) model peaks at "
              + updated(points, prior.output(BenchmarkView.PEAK_GAP), "percentage points") + ", in "
              + updated(year, prior.output(BenchmarkView.INFLECTION_YEAR), "") + "."
          : "In the posterior median draw the benchmark gap between the SOTA and the meek (fixed training budget) model never peaks "
              + basis(year, prior.output(BenchmarkView.INFLECTION_YEAR), "") + ".");
    }
    if (post.has(InferenceView.CATCH_UP_YEAR) && post.output(InferenceView.CATCH_UP_YEAR).n() > 0) {
      OutputSummary year = post.output(InferenceView.CATCH_UP_YEAR);
      out.add(finiteMedian(year)
          ? "The meek user's runnable model catches up with the SOTA model in " + updated(year, prior.output(InferenceView.CATCH_UP_YEAR), "") + "."
          : "In the posterior median draw the meek user's runnable model never catches up with the SOTA model "
              + basis(year, prior.output(InferenceView.CATCH_UP_YEAR), "") + ".");
    }
    return out;
  }

  /** The diagnostics in words: which method, why, and whether to trust it. */
  public static String diagnostics(Calibration.Result c) {
    String s = "Method: " + c.method() + ", " + c.why() + ". Effective sample size " + essText(c) + " of "
        + Numbers.count(c.posterior().samples()) + " draws";
    if (c.stages() > 0) {
      s += String.format(Locale.ROOT, " (batch means over the islands, within about ±35%%); %s, mean move acceptance %.2f",
          plural(c.stages(), "tempering step"), c.acceptance());
    } else {
      s += "; " + plural(c.weightedDraws(), "prior draw") + (c.weightedDraws() == 1 ? " carries" : " carry") + " weight";
    }
    s += ".";
    if (c.stages() == 0 && !(c.paretoK() <= c.threshold())) {
      s += " Pareto k̂ is above its threshold: the posterior's numbers may be far from the truth; do not cite them; run with --method auto or smc.";
    } else if (c.stages() > 0 && c.acceptance() < 0.05) {
      s += " The SMC moves were rarely accepted: the particles may not have explored the posterior; do not cite these numbers; raise --samples.";
    } else if (c.stages() > 0 && !(c.ess() >= 100)) {
      s += " The SMC islands disagree (fewer than 100 effective draws by batch means over them): the posterior is not resolved at this N;"
          + " do not cite these numbers; raise --samples.";
    } else if (!(c.ess() >= 100)) {
      s += " Fewer than 100 effective draws: the Monte Carlo intervals are wide; raise --samples.";
    }
    long surprises = c.observations().stream().filter(Calibration.ObservationReport::surprisesThePrior).count();
    if (surprises > 0) {
      s += " " + (surprises == 1 ? "1 observation lies" : Numbers.count(surprises) + " observations lie")
          + " outside the prior predictive's central 99.9%: the priors all but rule " + (surprises == 1 ? "it" : "them")
          + " out, so the posterior rests on their extreme tail; check the reading, its sd, and whether the spec can produce it.";
    }
    long conflicts = c.observations().stream().filter(Calibration.ObservationReport::conflicts).count();
    if (conflicts > 0) {
      s += " " + (conflicts == 1 ? "1 observation lies" : Numbers.count(conflicts) + " observations lie")
          + " outside the posterior predictive's central 99%: the model cannot reproduce " + (conflicts == 1 ? "it" : "them")
          + " under these priors, so the posterior is conditioned on a conflict; check the reading, its sd, and the spec.";
    }
    long influential = c.observations().stream().filter(r -> Double.isFinite(r.looK()) && r.looK() > 0.7).count();
    if (influential > 0) {
      s += " " + (influential == 1 ? "1 observation has" : Numbers.count(influential) + " observations have")
          + " a leave-one-out k̂ above 0.7: by PSIS-LOO's standard " + (influential == 1 ? "it is" : "each is")
          + " highly influential (the posterior without " + (influential == 1 ? "it" : "one") + " differs more than these draws can estimate; see the table).";
    }
    return s;
  }

  /** The ESS in words: a count, or "not estimable" (a statistic whose spread doubles cannot hold). */
  static String essText(Calibration.Result c) {
    return Double.isFinite(c.ess()) ? Numbers.count(Math.round(c.ess())) : "not estimable";
  }

  /** Whether the posterior's numbers may be cited: the method's own diagnostics hold (ESS of at least 100). */
  static boolean trusted(Calibration.Result c) {
    boolean method = c.stages() > 0 ? c.acceptance() >= 0.05 : c.paretoK() <= c.threshold();
    return method && c.ess() >= 100;
  }

  /** A LOO k̂ in a cell: "0.41", "1.16 (influential)", "flat" (every draw fits it alike), "n/a" (too few draws). */
  private static String looCell(double k) {
    if (k == Double.NEGATIVE_INFINITY) {
      return "flat";
    }
    return Double.isFinite(k) ? String.format(Locale.ROOT, "%.2f", k) + (k > 0.7 ? " (influential)" : "") : "n/a";
  }

  static String markdown(Calibration.Result c, Path observationsFile, String version) {
    RunResult post = c.posterior();
    StringBuilder md = new StringBuilder();
    md.append("# ").append(MarkdownText.escape(post.spec().title())).append(", calibrated\n\n");
    md.append("The prior of `").append(post.spec().source().getFileName()).append("` updated by the ").append(plural(c.observations().size(), "observation"))
        .append(" in `").append(observationsFile.getFileName()).append("` (meek ").append(version).append(").\n\n");
    for (String s : sentences(c)) {
      md.append("- ").append(MarkdownText.escape(s)).append('\n');
    }
    md.append("\n").append(MarkdownText.escape(diagnostics(c))).append("\n\n");
    if (!post.fans().isEmpty()) {
      md.append("![Posterior fan over the prior's](fan.png)\n\n");
    }
    md.append("![t* before and after](inflection_time.png)\n\n");
    md.append("## Observations\n\n| year | metric | observed ± sd | prior predictive p50 [p5–p95] | posterior predictive p50 [p5–p95] | P(replicate ≤ observed) | LOO k̂ |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    for (Calibration.ObservationReport r : c.observations()) {
      Observation o = r.observation();
      ScalarOutput as = new ScalarOutput("y", o.metric().unit(), "", false);
      md.append("| ").append(Numbers.year2(o.year())).append(o.label().isEmpty() ? "" : " (" + MarkdownText.escape(o.label()) + ")")
          .append(" | ").append(o.metric().key())
          .append(" | ").append(Numbers.sig(o.gap(), DIGITS)).append(o.logScale() ? " ×/÷ e^" + Numbers.sig(o.sd(), 2) : " ± " + Numbers.sig(o.sd(), 2))
          .append(" | ").append(Numbers.of(as, r.prior()[1], DIGITS)).append(" [").append(interval(as, r.prior()[0], r.prior()[2]))
          .append("] | ").append(Numbers.of(as, r.posterior()[1], DIGITS)).append(" [")
          .append(interval(as, r.posterior()[0], r.posterior()[2])).append("] | ")
          .append(String.format(Locale.ROOT, "%.3f", r.posteriorP())).append(r.conflicts() ? " (conflict)" : "")
          .append(r.surprisesThePrior() ? String.format(Locale.ROOT, "; prior %.4f (surprise)", r.priorP()) : "").append(" | ")
          .append(looCell(r.looK())).append(" |\n");
    }
    md.append("\n## Parameters\n\n| parameter | prior p50 [p5–p95] | posterior p50 [p5–p95] |\n|---|---|---|\n");
    for (Calibration.ParameterReport p : c.parameters()) {
      md.append("| `").append(p.name()).append("` | ").append(cell(p.prior())).append(" | ").append(cell(p.posterior())).append(" |\n");
    }
    md.append("\n## Outputs\n\n| output | prior p50 [p5–p95] | posterior p50 [p5–p95] (95% CI of the median) |\n|---|---|---|\n");
    for (int i = 0; i < post.outputs().size(); i++) {
      OutputSummary after = post.outputs().get(i);
      OutputSummary before = c.prior().outputs().get(i);
      QuantileEstimate m = after.at(0.5);
      md.append("| `").append(after.output().name()).append("` | ").append(cell(before)).append(" | ").append(cell(after))
          .append(after.n() == 0 ? "" : " (" + Numbers.range(after.output(), m.ciLower(), m.ciUpper(), DIGITS, "") + ")").append(" |\n");
    }
    md.append("\n## Method\n\n").append("The likelihood: each observation is the model's gap of its metric in its year plus an independent normal error"
        + " of the given sd (on ln gap for scale log). The prior draws are exactly those `meek run` makes for this spec and seed. "
        + "Importance sampling weights each by its likelihood, Pareto-smoothed (PSIS; Vehtari et al. 2024), and is trusted when k̂ is at most "
        + "min(0.7, 1 − 1/log10 N); otherwise an adaptive tempered SMC sampler (16 independent islands, preconditioned Crank–Nicolson moves on"
        + " the standard-normal scores) draws the posterior. ").append(MarkdownText.escape(post.ciMethod())).append(". Predictive intervals"
        + " add the observation error to each draw's model gap. P(replicate ≤ observed) is a posterior predictive check: near 0 or 1 (outside the central 99%) the model cannot"
        + " reproduce the reading. LOO k̂ is the Pareto k̂ of leaving that observation out (PSIS-LOO).\n");
    return md.toString();
  }

  /** "a–b", or "a to b" when an end is negative (a dash would read as a minus). */
  private static String interval(ScalarOutput as, double lo, double hi) {
    return lo < 0 || hi < 0 ? Numbers.of(as, lo, DIGITS) + " to " + Numbers.of(as, hi, DIGITS) : Numbers.range(as, lo, hi, DIGITS, "");
  }

  private static String cell(OutputSummary s) {
    if (s.n() == 0) {
      return "not defined";
    }
    return Numbers.of(s.output(), s.at(0.5).value(), DIGITS) + " [" + Numbers.range(s.output(), s.at(0.05).value(), s.at(0.95).value(), DIGITS, "") + "]";
  }
}
