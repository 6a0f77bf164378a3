package meek.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Telling the two models apart (docs/MODEL.md §5; paper §3.2, appendix A): the tokens an ideal observer needs,
 * {@link Discrimination#tokens}, at the gap's peak (the fewest) and in chosen calendar years, and its fan.
 * Its parameters are the test's error rate ε and the Bayes slowdown s (named "discrimination.epsilon" …).
 */
public final class TokensView implements View {

  /** The spec's block and the prefix of this view's parameters. */
  public static final String BLOCK = "discrimination";

  /** Its parameters, in order, as the block names them. */
  public static final List<String> PARAMETERS = List.of("epsilon", "slowdown");

  /** What a spec may leave out, and the value then used. */
  public static final java.util.Map<String, Double> DEFAULTS = java.util.Map.of("epsilon", 0.05, "slowdown", 1.0);

  public static final ScalarOutput AT_PEAK =
      new ScalarOutput("tokens_at_peak", "tokens", "tokens needed to tell the models apart at the peak (the fewest)", false);

  /** @param years calendar years at which to report the tokens needed (tokens_at_YEAR) */
  public record Options(List<Double> years) implements ViewOptions {
    public Options {
      years = List.copyOf(years);
    }

    @Override
    public Metric metric() {
      return Metric.TOKENS;
    }
  }

  /** "discrimination.epsilon" for "epsilon". */
  public static String parameter(String name) {
    return BLOCK + "." + name;
  }

  /** ε in (0, 0.5), the error rate of each decision; s ≥ 1. */
  public static Domain domain(String name) {
    switch (name) {
      case "epsilon":
        return new Domain(0, false, 0.5, false);
      case "slowdown":
        return Domain.AT_LEAST_ONE;
      default:
        throw new IllegalArgumentException("not a discrimination parameter: " + name);
    }
  }

  /** The output for the tokens needed in a calendar year: tokens_at_2030. */
  public static ScalarOutput atYear(double year) {
    String y = year == Math.rint(year) ? String.valueOf((long) year) : String.valueOf(year);
    return new ScalarOutput("tokens_at_" + y, "tokens", "tokens needed to tell the models apart in " + y, false);
  }

  private final LossView loss;
  private final double baselineYear;
  private final double[] times;
  private final int epsilon;
  private final int out;
  private final int column;

  TokensView(Layout layout, LossView loss, double baselineYear, Options options) {
    this.loss = loss;
    this.baselineYear = baselineYear;
    epsilon = layout.parameter(parameter("epsilon"), domain("epsilon"));
    layout.parameter(parameter("slowdown"), domain("slowdown"));
    out = layout.output(AT_PEAK);
    List<Double> t = new ArrayList<>();
    for (double year : options.years()) {
      layout.output(atYear(year));
      t.add(year - baselineYear);
    }
    times = t.stream().mapToDouble(Double::doubleValue).toArray();
    column = layout.state(1);
  }

  @Override
  public Metric metric() {
    return Metric.TOKENS;
  }

  @Override
  public double fanBaselineYear() {
    return baselineYear;
  }

  @Override
  public Evaluator newEvaluator() {
    return (p, draw, state, scalars) -> {
      double nats = Discrimination.nats(p[epsilon], p[epsilon + 1]);
      state[column] = nats;
      scalars[out] = draw.outcome == GapOutcome.NO_ADVANTAGE ? Double.NaN : Discrimination.tokens(nats, draw.peakGap);
      for (int y = 0; y < times.length; y++) {
        double t = times[y];
        double gapThen = draw.gap(t);
        scalars[out + 1 + y] = t < 0 ? Double.NaN : Discrimination.tokens(nats, gapThen);
      }
    };
  }

  @Override
  public MonteCarloModel.FanEvaluator newFan(int capacity) {
    if (loss.scheduled()) {
      return new LossView.ScheduledFan(loss) {
        @Override
        double value(int i, double t) {
          return Discrimination.tokens(state[column][i], gap.gap(t));
        }
      };
    }
    return new LossView.RecurrenceFan(loss, capacity) {
      @Override
      public void next(double[] row) {
        double[] nats = state[column];
        for (int i = 0; i < count; i++) {
          row[i] = Discrimination.tokens(nats[i], path.meek[i] * (1 - path.ratio[i]));
          path.advance(i);
        }
      }
    };
  }
}
