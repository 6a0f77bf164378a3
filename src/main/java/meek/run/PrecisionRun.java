package meek.run;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import meek.model.GapModel;
import meek.model.ScalarOutput;
import meek.sampling.MonteCarloEngine;
import meek.spec.Spec;
import meek.stats.OutputSummary;
import meek.stats.QuantileEstimate;

/**
 * {@code --precision R}: adds draws until every reported p5 … p95 of every scalar output has a 95% CI
 * half-width below R × |its value|, or a cap on N is reached. Each round is an ordinary run with N grown in
 * whole blocks, so the final numbers are exactly those of {@code meek run --samples N} with the N reported.
 * Calendar-year outputs are judged through their durations (a year is a duration plus a constant).
 */
public final class PrecisionRun {

  private static final double[] JUDGED = {0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95};

  /**
   * How a precision run went.
   *
   * @param target R
   * @param met whether every judged quantile reached it
   * @param samplesPerRound N of each round
   * @param worstOutput the output and quantile furthest from the target in the last round
   * @param worstRatio its half-width ÷ (R·|value|): below 1 when met; NaN when no output had a finite quantile to judge
   */
  public record Report(double target, boolean met, List<Long> samplesPerRound, String worstOutput, double worstRatio, int neverQuantiles) {}

  /** The result of the final round and how it was reached. */
  public record Outcome(RunResult result, Report report) {}

  private final Spec spec;
  private final GapModel model;
  private final RunOptions start;
  private final double target;
  private final long maxSamples;

  private PrecisionRun(Spec spec, GapModel model, RunOptions start, double target, long maxSamples) {
    this.spec = spec;
    this.model = model;
    this.start = start;
    this.target = target;
    this.maxSamples = maxSamples;
  }

  /**
   * Prepares a precision run: the spec's model, checked up front against the heap at the cap.
   *
   * @param start the first round's options (its N is rounded up to whole blocks)
   * @param target R, in (0, 1)
   * @param maxSamples the cap on N, at least {@code start.samples()}
   */
  public static PrecisionRun of(Spec spec, RunOptions start, double target, long maxSamples) {
    GapModel model = new GapModel(spec.model());
    MonteCarloRun.checkMemory(model, start, spec.times().length);
    MonteCarloRun.checkMemory(model, start.withSamples(maxSamples), spec.times().length);
    return new PrecisionRun(spec, model, start, target, maxSamples);
  }

  /** The model's parameters, in draw order (the columns a sample file gets). */
  public List<String> parameterNames() {
    return model.parameterNames();
  }

  /** The model's scalar outputs, in order. */
  public List<ScalarOutput> outputs() {
    return model.outputs();
  }

  /**
   * Runs rounds until the target is met or the cap reached.
   *
   * @param sinks a fresh sink for each round's draws (a new sample file: an earlier round's is discarded), or null
   */
  public Outcome execute(Supplier<DrawSink> sinks, LongConsumer progress) {
    int block = MonteCarloEngine.BLOCK_SIZE;
    long n = Math.min(maxSamples, roundUp(start.samples(), block));
    List<Long> rounds = new ArrayList<>();
    while (true) {
      RunResult r = MonteCarloRun.run(spec, model, start.withSamples(n),
          sinks == null ? null : MonteCarloRun.drawsTo(sinks.get()), progress);
      rounds.add(n);
      Worst w = worst(r, target);
      if (w.ratio < 1 || n >= maxSamples || Double.isNaN(w.ratio)) { // NaN: nothing to measure, more draws cannot help
        return new Outcome(r, new Report(target, w.ratio < 1, List.copyOf(rounds), w.name, w.ratio, w.never));
      }
      // half-widths shrink like 1/sqrt(N): aim 20% past the estimate, grow at most 8× a round
      double factor = Math.min(8, Math.max(1.5, 1.2 * w.ratio * w.ratio));
      n = Math.min(maxSamples, roundUp((long) Math.ceil(n * factor), block));
    }
  }

  /** The worst judged quantile, and how many judged quantiles were "never" with confidence (no width to judge). */
  private record Worst(String name, double ratio, int never) {}

  private static Worst worst(RunResult r, double target) {
    String name = "";
    double ratio = 0;
    int finite = 0;
    int never = 0;
    for (OutputSummary s : r.outputs()) {
      if (s.output().calendarYear() || s.n() == 0) {
        continue;
      }
      for (double p : JUDGED) {
        QuantileEstimate q = s.at(p);
        double rho;
        if (Double.isInfinite(q.value()) && Double.isInfinite(q.ciLower())) {
          rho = 0; // "never", with confidence
          never++;
        } else {
          finite++;
          double half = Math.max(q.value() - q.ciLower(), q.ciUpper() - q.value());
          rho = half / (target * Math.abs(q.value()));
          if (Double.isNaN(rho)) {
            rho = Double.POSITIVE_INFINITY;
          }
        }
        if (rho > ratio) {
          ratio = rho;
          name = s.output().name() + " " + q.key();
        }
      }
    }
    // no finite quantile anywhere (no draw has a peak, or every one is "never"): the target is not met, it is moot
    return finite == 0 ? new Worst("", Double.NaN, never) : new Worst(name, ratio, never);
  }

  private static long roundUp(long n, int block) {
    return (n + block - 1) / block * block;
  }
}
