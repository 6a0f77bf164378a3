package meek.report;

import java.util.ArrayList;
import java.util.List;
import meek.model.BenchmarkView;
import meek.model.GapOutcome;
import meek.model.InferenceView;
import meek.model.LossView;
import meek.model.TokensView;
import meek.run.PrecisionRun;
import meek.run.RunResult;
import meek.stats.OutputSummary;
import meek.stats.QuantileEstimate;

/**
 * {@code summary.md}: sentences ready to cite, a "median [p5–p95]" table, and what was counted apart.
 * Durations and sizes get {@link #DIGITS} significant figures; calendar years one decimal.
 */
public final class SummaryMarkdown {

  /** Significant figures of reported numbers: the Monte Carlo error at 1e5 draws is in the third or fourth. */
  public static final int DIGITS = 3;

  private SummaryMarkdown() {}

  public static String render(RunResult r, String toolVersion) {
    StringBuilder md = new StringBuilder();
    String baseline = Numbers.year(r.spec().baselineYear()).replaceAll("\\.0$", "");
    String sample = "N = " + Numbers.count(r.samples()) + ", seed " + r.seed();
    md.append("# ").append(MarkdownText.escape(r.spec().title())).append("\n\n");
    md.append("Spec `").append(r.spec().source().getFileName()).append("` (").append(r.spec().name())
        .append("), ").append(sample).append(", meek ").append(toolVersion).append(".\n\n");

    md.append("## Citable sentences\n\n");
    for (String s : sentences(r)) {
      md.append("- ").append(s).append("\n");
    }
    if (!r.fans().isEmpty()) {
      md.append("\n## Fan chart\n\n![Loss gap over time](fan.png)\n\n")
          .append("Shaded: equal-tailed 90%, 80% and 50% intervals of the gap across draws at each year; line: median")
          .append(" (`fan.csv` has every quantile, each within ").append(Numbers.sig(100 * r.fan().relativeAccuracy(), 2))
          .append("% of the exact sample quantile).\n");
    }
    md.append("\n## Outputs: median [5th–95th percentile]\n\n");
    md.append("| output | median [p5–p95] | 95% CI of the median | mean | draws |\n");
    md.append("|---|---|---|---|---|\n");
    for (OutputSummary s : r.outputs()) {
      md.append("| ").append(s.output().description()).append(" (`").append(s.output().name()).append("`) | ")
          .append(interval(s)).append(" | ")
          .append(ci(s, 0.5)).append(" | ")
          .append(format(s, s.mean())).append(" | ")
          .append(Numbers.count(s.n())).append(" |\n");
    }
    md.append("\nUnits: years since ").append(baseline).append(" for times");
    if (r.has(InferenceView.CATCH_UP_TIME)) {
      md.append(" (the inference catch-up counts from the inference view's own start, ")
          .append(Sentences.yearLabel(r.output(InferenceView.CATCH_UP_TIME).output().startYear())).append(")");
    }
    md.append(", calendar years for years, nats per token for gaps. \"never\" is a time that is never reached,")
        .append(" \"unbounded\" a gap that grows for ever. Quantiles: ").append(r.quantileMethod())
        .append("; design ").append(r.design()).append("; their 95% confidence intervals (")
        .append(r.ciMethod()).append(") measure the Monte Carlo error only,")
        .append(" not the uncertainty in the priors (which the p5–p95 range shows).\n");

    md.append("\n## Monte Carlo precision of each quantile\n\n")
        .append("Each cell: the quantile and, in brackets, its 95% confidence interval.\n\n")
        .append("| output | p5 | p25 | p50 | p75 | p95 |\n|---|---|---|---|---|---|\n");
    for (OutputSummary s : r.outputs()) {
      if (s.n() == 0) {
        continue;
      }
      md.append("| `").append(s.output().name()).append("` |");
      for (double p : new double[] {0.05, 0.25, 0.5, 0.75, 0.95}) {
        QuantileEstimate q = s.at(p);
        md.append(' ').append(precise(s, q.value())).append(" (").append(interval(s, q)).append(") |");
      }
      md.append('\n');
    }
    md.append("\n## Draws counted apart\n\n").append(countsParagraph(r)).append("\n");
    if (r.fans().size() > 1) {
      md.append("\n## The other views\n");
      for (var f : r.fans().subList(1, r.fans().size())) {
        md.append("\n![").append(f.metric().axisLabel()).append("](").append(f.metric().fileStem()).append(".png)\n");
      }
    }
    md.append("\n## Distribution of t*\n\n![Inflection time](inflection_time.png)\n");
    if (r.fans().isEmpty()) {
      md.append("\n(No fan charts: run with --no-fan.)\n");
    }
    return md.toString();
  }

  /** One sentence on a --precision run: met with N, or the cap hit. */
  public static String precisionSentence(PrecisionRun.Report p) {
    long n = p.samplesPerRound().get(p.samplesPerRound().size() - 1);
    String pct = Numbers.compact(100 * p.target()) + "%"; // as the user wrote it: --precision 0.05 is 5%
    if (Double.isNaN(p.worstRatio())) {
      return "Precision target not measured: no output has a finite p5–p95 in these " + Numbers.count(n)
          + " draws (none has a peak, or every peak is never reached), so there is no interval to narrow.";
    }
    return p.met()
        ? "Precision target met: every " + (p.neverQuantiles() > 0 ? "finite " : "") + "p5–p95 of every output has a 95% CI half-width below " + pct
            + " of its value with N = " + Numbers.count(n) + " (" + p.samplesPerRound().size()
            + (p.samplesPerRound().size() == 1 ? " round)" : " rounds)")
            + (p.neverQuantiles() > 0 ? "; " + p.neverQuantiles() + (p.neverQuantiles() == 1 ? " other is" : " others are")
                + " never reached, with 95% confidence, so they have no width to judge." : ".")
        : "Precision target NOT met: the cap of N = " + Numbers.count(n) + " was reached while " + p.worstOutput()
            + " still had a 95% CI half-width " + Numbers.sig(p.worstRatio(), 2) + "× the target of " + pct
            + "; raise --max-samples or relax --precision.";
  }

  /** A section for summary.md, or "" without a precision target. */
  public static String precision(PrecisionRun.Report p) {
    return p == null ? "" : "\n## Precision\n\n" + precisionSentence(p) + "\n";
  }

  /** The citable sentences ({@link Sentences}). */
  public static List<String> sentences(RunResult r) {
    return Sentences.of(r);
  }

  static String countsParagraph(RunResult r) {
    long n = r.samples();
    long noAdv = r.count(GapOutcome.NO_ADVANTAGE);
    long never = r.count(GapOutcome.NEVER_CONVERGES);
    long invalid = r.count(GapOutcome.INVALID);
    if (noAdv + never + invalid == 0) {
      return "None: " + (n == 1 ? "in the one draw" : "in all " + Numbers.count(n) + " draws")
          + " the SOTA model gains an advantage (g_inv > 1) that peaks and then shrinks (G > 1).";
    }
    StringBuilder sb = new StringBuilder();
    sb.append("Of ").append(Numbers.count(n)).append(" draws, ")
        .append(Numbers.count(r.count(GapOutcome.CONVERGES))).append(" converge.");
    if (noAdv > 0) {
      sb.append(" ").append(Numbers.count(noAdv)).append(" (").append(Numbers.percent(noAdv, n))
          .append(") give the SOTA model no advantage (g_inv ≤ 1): they have no peak, so they are left out of every")
          .append(" output above (see the draws column) but are in the fan chart.");
    }
    if (never > 0) {
      sb.append(" ").append(Numbers.count(never)).append(" (").append(Numbers.percent(never, n))
          .append(") never converge (G = g_alg·g_hw ≤ 1): their times are +∞ (\"never\") and are kept in the quantiles.");
    }
    if (invalid > 0) {
      sb.append(" ").append(Numbers.count(invalid)).append(" (").append(Numbers.percent(invalid, n))
          .append(") drew a parameter outside its domain and are excluded everywhere: ")
          .append(String.join(", ", r.invalidByParameter().entrySet().stream()
              .map(e -> "params." + e.getKey() + " " + Numbers.count(e.getValue())).toList()))
          .append(" (each draw counted once, under the first such parameter in draw order); truncate those distributions"
              + " (min:, max:) to make such draws impossible.");
    }
    return sb.toString();
  }

  private static String interval(OutputSummary s) {
    if (s.n() == 0) {
      return "n/a";
    }
    return format(s, s.at(0.5).value()) + " [" + format(s, s.at(0.05).value()) + "–" + format(s, s.at(0.95).value()) + "]";
  }

  private static String ci(OutputSummary s, double p) {
    if (s.n() == 0) {
      return "n/a";
    }
    return interval(s, s.at(p));
  }

  /** A quantile's 95% interval; an end too few draws cannot bound is −∞ or +∞ (not "never", which is a value). */
  private static String interval(OutputSummary s, QuantileEstimate q) {
    boolean[] bounded = meek.stats.QuantileSummarizer.bounded(s.n(), q.p());
    return (bounded[0] ? precise(s, q.ciLower()) : "−∞") + "–" + (bounded[1] ? precise(s, q.ciUpper()) : "+∞");
  }

  private static String format(OutputSummary s, double v) {
    return Numbers.of(s.output(), v, DIGITS);
  }

  /** One more figure (calendar years to two decimals), for Monte Carlo intervals. */
  private static String precise(OutputSummary s, double v) {
    return s.output().calendarYear() && Double.isFinite(v) ? Numbers.year2(v) : Numbers.of(s.output(), v, DIGITS + 1);
  }

}
