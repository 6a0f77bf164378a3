package meek.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import meek.model.MonteCarloModel;
import meek.sampling.BlockListener;
import meek.sampling.MonteCarloEngine;
import meek.spec.Spec;

/**
 * {@code --precision R}: adds draws until every reported p5 … p95 of every scalar output has a 95% CI
 * half-width below R × |its value|, or a cap on N is reached. Each round is an ordinary run with N grown in
 * whole blocks, so the final numbers are exactly those of {@code meek run --samples N} with the N reported.
 * Calendar-year outputs are judged through their durations (a year is a duration plus a constant).
 */
public final class PrecisionTarget {

  private static final double[] JUDGED = {0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95};

  /**
   * How a precision run went.
   *
   * @param target R
   * @param met whether every judged quantile reached it
   * @param samplesPerRound N of each round
   * @param worstOutput the output and quantile furthest from the target in the last round
   * @param worstRatio its half-width ÷ (R·|value|): below 1 when met
   */
  public record Report(double target, boolean met, List<Integer> samplesPerRound, String worstOutput, double worstRatio) {}

  /** The result of the final round and how it was reached. */
  public record Outcome(RunResult result, Report report) {}

  private PrecisionTarget() {}

  public static Outcome run(
      Spec spec, MonteCarloModel model, RunOptions start, double target, int maxSamples,
      BlockListenerFactory extra, LongConsumer progress) {
    int block = MonteCarloEngine.BLOCK_SIZE;
    int n = Math.min(maxSamples, roundUp(start.samples(), block));
    List<Integer> rounds = new ArrayList<>();
    while (true) {
      RunResult r = Analysis.run(spec, model, start.withSamples(n),
          extra == null ? null : extra.create(), progress);
      rounds.add(n);
      Worst w = worst(r, target);
      if (w.ratio < 1 || n >= maxSamples) {
        return new Outcome(r, new Report(target, w.ratio < 1, List.copyOf(rounds), w.name, w.ratio));
      }
      // half-widths shrink like 1/sqrt(N): aim 20% past the estimate, grow at most 8× a round
      double factor = Math.min(8, Math.max(1.5, 1.2 * w.ratio * w.ratio));
      n = (int) Math.min(maxSamples, roundUp((long) Math.ceil(n * factor), block));
    }
  }

  /** Makes a fresh extra listener per round (e.g. a new sample file), or null. */
  public interface BlockListenerFactory {
    BlockListener create();
  }

  private record Worst(String name, double ratio) {}

  private static Worst worst(RunResult r, double target) {
    String name = "";
    double ratio = 0;
    for (OutputSummary s : r.outputs()) {
      if (s.output().calendarYear() || s.n() == 0) {
        continue;
      }
      for (double p : JUDGED) {
        QuantileEstimate q = s.at(p);
        double rho;
        if (Double.isInfinite(q.value()) && Double.isInfinite(q.ciLower())) {
          rho = 0; // "never", with confidence
        } else {
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
    return new Worst(name, ratio);
  }

  private static int roundUp(long n, int block) {
    long r = (n + block - 1) / block * block;
    return (int) Math.min(Integer.MAX_VALUE - block, r);
  }
}
