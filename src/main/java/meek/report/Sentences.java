package meek.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import meek.model.BenchmarkView;
import meek.model.GapOutcome;
import meek.model.InferenceView;
import meek.model.LossView;
import meek.model.TokensView;
import meek.run.RunResult;
import meek.stats.OutputSummary;
import meek.stats.QuantileEstimate;

/**
 * A run's citable sentences, in words a reader can paste whatever the draws did: the gap peaks in every
 * draw, in most, in few or none (the others widen for ever: G ≤ 1), or the SOTA model gains no advantage at
 * all. "never" is a time never reached and "unbounded" a gap that grows for ever, never a number; a median
 * taken over fewer than the N draws says over how many, and why.
 */
public final class Sentences {

  private static final int DIGITS = SummaryMarkdown.DIGITS;

  private final RunResult r;
  private final String baseline;
  private final long withAdvantage;
  private final long never;
  private final OutputSummary time;

  private Sentences(RunResult r) {
    this.r = r;
    this.baseline = yearLabel(r.spec().baselineYear());
    this.time = r.output(LossView.INFLECTION_TIME);
    // the draws with an advantage are those where t* is defined; those never peaking have t* = +∞
    this.withAdvantage = time.n();
    this.never = time.infinite();
  }

  /** Every sentence: peak time and gap, the decline, each view's, and the Monte Carlo precision. */
  public static List<String> of(RunResult r) {
    Sentences s = new Sentences(r);
    List<String> out = new ArrayList<>();
    out.add(s.peakTime());
    out.add(s.peakGap());
    out.add(s.decline());
    out.add(s.benchmark());
    out.add(s.tokens());
    out.add(s.inference());
    out.add(s.precision());
    out.removeIf(Objects::isNull);
    return out;
  }

  /** What a run prints on the terminal: when the gap peaks, how large it is, and the inference catch-up. */
  public static List<String> headline(RunResult r) {
    Sentences s = new Sentences(r);
    List<String> out = new ArrayList<>();
    out.add(s.peakTime());
    out.add(s.peakGap());
    out.add(s.inference());
    out.removeIf(Objects::isNull);
    return out;
  }

  private boolean peaksInTheMedianDraw() {
    return withAdvantage > 0 && Double.isFinite(time.at(0.5).value());
  }

  private String peakTime() {
    if (withAdvantage == 0) {
      if (r.count(GapOutcome.INVALID) == r.samples()) {
        return "Every draw (" + all() + ") has a parameter outside its domain, so there is nothing to report; the warnings name"
            + " the parameters to truncate.";
      }
      return "No draw gives the SOTA model a loss advantage (" + all() + "): its investment never grows (g_inv ≤ 1), so the gap"
          + " never opens and there is no peak to report.";
    }
    OutputSummary year = r.output(LossView.INFLECTION_YEAR);
    if (peaksInTheMedianDraw()) {
      String s = String.format("The SOTA loss advantage peaks %s years after %s (median; 90%% interval %s; %s), in %s (%s)",
          Numbers.sig(time.at(0.5).value(), DIGITS), baseline, range(time, "years"), withAnAdvantage(),
          Numbers.year(year.at(0.5).value()), range(year, ""));
      if (never > 0) {
        s += "; in " + Numbers.percent(never, withAdvantage) + " of the draws with an advantage it never peaks (G = g_alg·g_hw ≤ 1:"
            + " the meek model's effective compute does not grow)";
      }
      return s + ".";
    }
    if (never == withAdvantage) {
      return "The SOTA loss advantage never peaks: in every draw with an advantage (" + withAnAdvantage() + ") the meek model's"
          + " effective compute does not grow (G = g_alg·g_hw ≤ 1), so the gap widens for ever and meek models never catch up.";
    }
    double p5 = time.at(0.05).value();
    return "The SOTA loss advantage never peaks in the median draw: in " + Numbers.percent(never, withAdvantage)
        + " of the draws with an advantage (" + withAnAdvantage() + ") the meek model's effective compute does not grow"
        + " (G = g_alg·g_hw ≤ 1), so the gap widens for ever"
        + (Double.isFinite(p5) ? "; 5% of them peak within " + Numbers.sig(p5, DIGITS) + " years after " + baseline : "") + ".";
  }

  private String peakGap() {
    if (withAdvantage == 0) {
      return null;
    }
    OutputSummary gap = r.output(LossView.PEAK_GAP);
    double median = gap.at(0.5).value();
    if (peaksInTheMedianDraw()) {
      return (never > 0
          ? "At the peak (or, in draws whose gap never peaks, the largest value it approaches) the meek model's loss exceeds the SOTA model's by "
          : "At that peak the meek model's loss exceeds the SOTA model's by ")
          + Numbers.sig(median, DIGITS) + " nats per token (median; 90% interval " + range(gap, "") + "; " + withAnAdvantage() + ").";
    }
    if (Double.isInfinite(median)) {
      double p5 = gap.at(0.05).value();
      return "In the median draw the meek model's loss falls ever further behind the SOTA model's: the gap grows without bound"
          + (Double.isFinite(p5) ? " (90% interval of its largest value: " + range(gap, "nats per token") + ")" : "") + ".";
    }
    return "The gap's largest value, the limit it approaches where it never peaks, is " + Numbers.sig(median, DIGITS)
        + " nats per token (median; 90% interval " + range(gap, "") + "; " + withAnAdvantage() + ").";
  }

  private String decline() {
    if (!peaksInTheMedianDraw()) {
      return null;
    }
    OutputSummary steepest = r.output(LossView.STEEPEST_DECLINE_TIME);
    OutputSummary half = r.output(LossView.HALF_GAP_YEAR);
    OutputSummary tenth = r.output(LossView.TENTH_GAP_YEAR);
    return String.format("The gap then shrinks fastest %s years after %s (median; 90%% interval %s), falls below half its peak by %s (%s)"
            + " and below a tenth by %s (%s).",
        Numbers.of(steepest.output(), steepest.at(0.5).value(), DIGITS), baseline, range(steepest, "years"),
        Numbers.of(half.output(), half.at(0.5).value(), DIGITS), range(half, ""),
        Numbers.of(tenth.output(), tenth.at(0.5).value(), DIGITS), range(tenth, ""));
  }

  private String benchmark() {
    if (!r.has(BenchmarkView.PEAK_GAP) || r.output(BenchmarkView.INFLECTION_TIME).n() == 0) {
      return null;
    }
    OutputSummary t = r.output(BenchmarkView.INFLECTION_TIME);
    OutputSummary points = r.output(BenchmarkView.PEAK_GAP);
    if (!Double.isFinite(t.at(0.5).value())) {
      return "On the benchmark, the SOTA advantage never peaks in the median draw (" + sample(t) + "): it widens for ever.";
    }
    return String.format("On the benchmark, the SOTA advantage peaks %s years after %s (median; 90%% interval %s) at %s percentage points"
            + " (%s; %s).",
        Numbers.sig(t.at(0.5).value(), DIGITS), baseline, range(t, "years"), Numbers.of(points.output(), points.at(0.5).value(), DIGITS),
        range(points, ""), sample(t));
  }

  private String tokens() {
    if (!r.has(TokensView.AT_PEAK) || !peaksInTheMedianDraw()) {
      return null;
    }
    OutputSummary tokens = r.output(TokensView.AT_PEAK);
    if (tokens.n() == 0 || !Double.isFinite(tokens.at(0.5).value())) {
      return null;
    }
    return String.format("Telling the models apart takes at least %s tokens, at the peak (median; 90%% interval %s; %s); it takes more as"
        + " the gap closes.", Numbers.sig(tokens.at(0.5).value(), DIGITS), range(tokens, ""), sample(tokens));
  }

  /** The inference view counts from its own start year, not the training baseline. */
  private String inference() {
    if (!r.has(InferenceView.CATCH_UP_TIME) || r.output(InferenceView.CATCH_UP_TIME).n() == 0) {
      return null;
    }
    OutputSummary t = r.output(InferenceView.CATCH_UP_TIME);
    OutputSummary year = r.output(InferenceView.CATCH_UP_YEAR);
    String start = yearLabel(t.output().startYear());
    long neverCatchUp = t.infinite();
    if (Double.isFinite(t.at(0.5).value())) {
      String s = String.format("With inference budgets, the meek user's runnable model catches up with the SOTA model %s years after %s"
              + " (median; 90%% interval %s; %s), in %s (%s)",
          Numbers.sig(t.at(0.5).value(), DIGITS), start, range(t, "years"), sample(t), Numbers.year(year.at(0.5).value()), range(year, ""));
      if (neverCatchUp > 0) {
        s += "; in " + Numbers.percent(neverCatchUp, t.n()) + " of the draws it never does (its runnable compute grows no faster than"
            + " the SOTA model's)";
      }
      return s + ".";
    }
    double p5 = t.at(0.05).value();
    return "With inference budgets, the meek user's runnable model never catches up with the SOTA model in the median draw: in "
        + Numbers.percent(neverCatchUp, t.n()) + " of the draws (" + sample(t) + ") its runnable compute grows no faster than the"
        + " SOTA model's" + (Double.isFinite(p5) ? "; 5% catch up within " + Numbers.sig(p5, DIGITS) + " years after " + start : "") + ".";
  }

  private String precision() {
    if (!peaksInTheMedianDraw()) {
      return null;
    }
    QuantileEstimate m = time.at(0.5);
    if (!Double.isFinite(m.ciLower())) {
      return "Monte Carlo precision: " + Numbers.count(time.n()) + (time.n() == 1 ? " draw is" : " draws are")
          + " too few for a 95% confidence interval of the median peak time (it needs at least 6 with a peak).";
    }
    if (Double.isFinite(m.ciUpper())) {
      return String.format("Monte Carlo precision: the median peak time is known to within %s–%s years (95%% confidence interval).",
          Numbers.sig(m.ciLower(), DIGITS + 1), Numbers.sig(m.ciUpper(), DIGITS + 1));
    }
    return "Monte Carlo precision: the median peak time is at least " + Numbers.sig(m.ciLower(), DIGITS + 1) + " years (95% confidence"
        + " interval); at this N its upper end is not bounded, so more draws would narrow it.";
  }

  /**
   * A short account of the peak time for a progress line or a batch index: "t* median 3.08 years (90%
   * interval 2.36–4.19 years)", or why there is none.
   *
   * @param t the inflection time's summary over the draws with an advantage
   * @param samples all draws
   */
  public static String briefPeak(OutputSummary t, long samples) {
    if (t == null || t.n() == 0) {
      return "no peak: no draw gives the SOTA model an advantage";
    }
    String over = t.n() == samples ? "" : "; over the " + Numbers.count(t.n()) + " draws with an advantage";
    double median = t.at(0.5).value();
    if (Double.isInfinite(median)) {
      return "t* never in the median draw (" + Numbers.percent(t.infinite(), t.n()) + " of the draws with an advantage never peak"
          + over + ")";
    }
    return "t* median " + Numbers.sig(median, DIGITS) + " years (90% interval " + range(t, "years") + over + ")";
  }

  /** The peak in a clause for a batch index: "the loss gap peaks 2.98 years after 2019 (…) at 0.101 nats per token (…)", or why not. */
  public static String peakClause(OutputSummary t, OutputSummary gap, long samples) {
    if (t == null || t.n() == 0) {
      return "no draw gives the SOTA model an advantage, so the gap never opens and has no peak";
    }
    String over = t.n() == samples ? "" : "; over the " + Numbers.count(t.n()) + " draws with an advantage";
    double median = t.at(0.5).value();
    if (Double.isInfinite(median)) {
      return "the loss gap never peaks in the median draw: it widens for ever in " + Numbers.percent(t.infinite(), t.n())
          + " of the draws with an advantage (G = g_alg·g_hw ≤ 1)";
    }
    String after = Double.isFinite(t.output().startYear()) ? " years after " + yearLabel(t.output().startYear()) : " years";
    return "the loss gap peaks " + Numbers.sig(median, DIGITS) + after + " (median; 90% interval " + range(t, "years") + over + ") at "
        + Numbers.of(gap.output(), gap.at(0.5).value(), DIGITS) + " nats per token (" + range(gap, "") + ")";
  }

  /** The p5–p95 range of an output, in words where an end is never reached. */
  static String range(OutputSummary s, String unit) {
    return Numbers.range(s.output(), s.at(0.05).value(), s.at(0.95).value(), DIGITS, unit);
  }

  private String all() {
    return "N = " + Numbers.count(r.samples()) + ", seed " + r.seed();
  }

  /** Over what the loss gap's quantiles are taken: all N draws, or those with an advantage. */
  private String withAnAdvantage() {
    if (withAdvantage == r.samples()) {
      return all();
    }
    // say why draws are left out: an invalid draw is not one "without an advantage"
    long invalid = r.count(GapOutcome.INVALID);
    long noAdvantage = r.count(GapOutcome.NO_ADVANTAGE);
    String which = invalid == 0 ? " draws in which the SOTA model gains an advantage"
        : noAdvantage == 0 ? " draws with every parameter in its domain (" + Numbers.count(invalid) + " invalid, counted apart)"
        : " draws that are valid and give the SOTA model an advantage";
    return "the " + Numbers.count(withAdvantage) + " of N = " + Numbers.count(r.samples()) + which + "; seed " + r.seed();
  }

  /** Over what an output's quantiles are taken: all N draws, or those where it is defined. */
  private String sample(OutputSummary s) {
    return s.n() == r.samples() ? all()
        : "the " + Numbers.count(s.n()) + " of N = " + Numbers.count(r.samples()) + " draws in which it is defined; seed " + r.seed();
  }

  /** 2019, or 2019.5: a year as the spec gives it. */
  static String yearLabel(double year) {
    return Numbers.year(year).replaceAll("\\.0$", "");
  }
}
