package meek.model;

import java.util.List;

/**
 * The benchmark view (docs/MODEL.md §4; paper §3.1, eqs 6–7): both models' losses mapped through the sigmoid
 * {@link BenchmarkMap} to a score, and the gap in percentage points. Its coefficients are parameters
 * ("benchmark.k" and so on), so any may be drawn; it reports the score gap's peak and when it comes, and
 * its fan.
 */
public final class BenchmarkView implements View {

  /** The spec's block and the prefix of this view's parameters. */
  public static final String BLOCK = "benchmark";

  /** Its parameters, in order, as the block names them. */
  public static final List<String> PARAMETERS = List.of("floor", "ceiling", "L_mid", "k", "steps");

  public static final ScalarOutput INFLECTION_TIME =
      new ScalarOutput("benchmark_inflection_time_years", "years", "time of the peak benchmark gap", false);
  public static final ScalarOutput INFLECTION_YEAR =
      new ScalarOutput("benchmark_inflection_year", "", "calendar year of the peak benchmark gap", true);
  public static final ScalarOutput PEAK_GAP =
      new ScalarOutput("benchmark_peak_gap_points", "points", "peak benchmark gap (percentage points)", false);

  /** This view's options: it has none beyond its parameters. */
  public record Options() implements ViewOptions {
    @Override
    public Metric metric() {
      return Metric.BENCHMARK;
    }
  }

  /** "benchmark.k" for "k". */
  public static String parameter(String name) {
    return BLOCK + "." + name;
  }

  /**
   * The domain of each of {@link #PARAMETERS}: floor in [0, 1), ceiling in (0, 1] and above the floor, L_mid finite, k &gt; 0 (lower loss, higher score), steps ≥ 1.
   */
  public static Domain domain(String name) {
    switch (name) {
      case "floor":
        return new Domain(0, true, 1, false);
      case "ceiling":
        return new Domain(0, false, 1, true);
      case "L_mid":
        return Domain.FINITE;
      case "k":
        return Domain.POSITIVE;
      case "steps":
        return Domain.AT_LEAST_ONE;
      default:
        throw new IllegalArgumentException("not a benchmark parameter: " + name);
    }
  }

  /** What a spec may leave out, and the value then used (what the paper left unstated: four-choice MMLU). */
  public static final java.util.Map<String, Double> DEFAULTS = java.util.Map.of("floor", 0.25, "ceiling", 1.0, "steps", 1.0);

  private final LossView loss;
  private final double baselineYear;
  private final int floor;
  private final int time;
  private final int column;

  BenchmarkView(Layout layout, LossView loss, double baselineYear) {
    this.loss = loss;
    this.baselineYear = baselineYear;
    floor = layout.parameters.size();
    PARAMETERS.forEach(name -> layout.parameter(parameter(name), domain(name)));
    layout.mustExceed(floor + 1, floor); // the ceiling
    time = layout.duration(INFLECTION_TIME, baselineYear);
    layout.yearOutput(INFLECTION_YEAR, time, baselineYear);
    layout.output(PEAK_GAP);
    column = layout.state(PARAMETERS.size());
  }

  @Override
  public Metric metric() {
    return Metric.BENCHMARK;
  }

  /** The first of the state columns holding a draw's coefficients, in {@link #PARAMETERS} order. */
  int coefficientColumn() {
    return column;
  }

  @Override
  public double fanBaselineYear() {
    return baselineYear;
  }

  @Override
  public Evaluator newEvaluator() {
    BenchmarkPeak peak = new BenchmarkPeak();
    double[] coefficients = new double[PARAMETERS.size()];
    return (p, draw, state, out) -> {
      System.arraycopy(p, floor, state, column, coefficients.length);
      if (draw.outcome == GapOutcome.NO_ADVANTAGE) {
        out[time] = Double.NaN;
        out[time + 1] = Double.NaN;
        out[time + 2] = Double.NaN;
        return;
      }
      System.arraycopy(p, floor, coefficients, 0, coefficients.length);
      peak.find(draw.path(), draw.l0, coefficients, out, time, time + 2);
      out[time + 1] = baselineYear + out[time];
    };
  }

  @Override
  public MonteCarloModel.FanEvaluator newFan(int capacity) {
    double[] coefficients = new double[PARAMETERS.size()];
    if (loss.scheduled()) {
      return new LossView.ScheduledFan(loss) {
        @Override
        double value(int i, double t) {
          for (int c = 0; c < coefficients.length; c++) {
            coefficients[c] = state[column + c][i];
          }
          return BenchmarkMap.gapPoints(gap.meekExcess(t), gap.sotaExcess(t), state[loss.l0Column][i], coefficients);
        }
      };
    }
    return new LossView.RecurrenceFan(loss, capacity) {
      @Override
      public void next(double[] out) {
        double[] l0 = state[loss.l0Column];
        for (int i = 0; i < count; i++) {
          for (int c = 0; c < coefficients.length; c++) {
            coefficients[c] = state[column + c][i];
          }
          out[i] = BenchmarkMap.gapPoints(path.meek[i], path.meek[i] * path.ratio[i], l0[i], coefficients);
          path.advance(i);
        }
      }
    };
  }
}
