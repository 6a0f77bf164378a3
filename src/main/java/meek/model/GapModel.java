package meek.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The paper's model as the Monte Carlo engine runs it: the loss view (docs/MODEL.md §1, §7) and the views a spec
 * adds (§4–6), laid out one after another in the draw, output and state vectors. Each view owns its
 * parameters, outputs, per-draw evaluation and fan; this class only composes them. Adding a view is a class
 * implementing {@link View}, a {@link Metric}, one line in {@link #view}, and the reading of its spec block
 * ({@code meek.spec.ViewBlocks}).
 */
public final class GapModel implements MonteCarloModel {

  private final List<View> views = new ArrayList<>();
  private final List<String> parameters;
  private final Domain[] domains;
  private final int[] mustExceed;
  /** Each domain as the closed interval of the doubles it holds ({@link Domain#lowestValue()}, …). */
  private final double[] lowest;
  private final double[] highest;
  private final List<ScalarOutput> outputs;
  private final int[] yearOf;
  private final double[] baselineOf;
  private final int stateWidth;

  public GapModel(ModelConfig config) {
    Layout layout = new Layout();
    LossView loss = new LossView(layout, config);
    views.add(loss);
    BenchmarkView benchmark = null;
    InferenceView inference = null;
    for (ViewOptions options : config.views()) {
      View v = view(options, layout, loss, config);
      views.add(v);
      benchmark = v instanceof BenchmarkView b ? b : benchmark;
      inference = v instanceof InferenceView i ? i : inference;
    }
    if (benchmark != null && inference != null) {
      views.add(new InferenceBenchmarkView(loss, benchmark, inference));
    }
    parameters = List.copyOf(layout.parameters);
    domains = layout.domains.toArray(Domain[]::new);
    mustExceed = layout.mustExceed.stream().mapToInt(Integer::intValue).toArray();
    lowest = new double[domains.length];
    highest = new double[domains.length];
    for (int i = 0; i < domains.length; i++) {
      lowest[i] = domains[i].lowestValue();
      highest[i] = domains[i].highestValue();
    }
    outputs = List.copyOf(layout.outputs);
    yearOf = layout.yearOf.stream().mapToInt(Integer::intValue).toArray();
    baselineOf = layout.baselineOf.stream().mapToDouble(Double::doubleValue).toArray();
    stateWidth = layout.stateWidth;
  }

  /** The registration of the views besides the loss gap: each from its options, in {@link Metric} order. */
  private static View view(ViewOptions options, Layout layout, LossView loss, ModelConfig config) {
    switch (options.metric()) {
      case BENCHMARK:
        return new BenchmarkView(layout, loss, config.baselineYear());
      case TOKENS:
        return new TokensView(layout, loss, config.baselineYear(), (TokensView.Options) options);
      case INFERENCE:
        return new InferenceView(layout, loss, config.schedules(), (InferenceView.Options) options);
      default:
        throw new IllegalArgumentException("no view for " + options.metric());
    }
  }

  @Override
  public List<String> parameterNames() {
    return parameters;
  }

  /** The domain of the named parameter: a draw outside it is invalid. */
  public Domain domain(String parameter) {
    int i = parameters.indexOf(parameter);
    if (i < 0) {
      throw new IllegalArgumentException("no parameter " + parameter);
    }
    return domains[i];
  }

  @Override
  public List<ScalarOutput> outputs() {
    return outputs;
  }

  @Override
  public int shiftedFrom(int output) {
    return yearOf[output];
  }

  @Override
  public double shift(int output) {
    return baselineOf[output];
  }

  @Override
  public List<Metric> fans() {
    return views.stream().map(View::metric).toList();
  }

  @Override
  public double fanBaselineYear(int fan) {
    return views.get(fan).fanBaselineYear();
  }

  @Override
  public int stateWidth() {
    return stateWidth;
  }

  @Override
  public FanEvaluator newFanEvaluator(int fan, int capacity) {
    return views.get(fan).newFan(capacity);
  }

  /**
   * The model for one parameter vector, with the loss gap at chosen times: what {@code meek point} reports.
   *
   * @param outcome the draw's outcome ({@link GapOutcome#INVALID}: a parameter outside its domain)
   * @param scalars each output (NaN: not defined; +∞: never; all NaN for an invalid draw)
   * @param k K = A·C0^(−α), the gap's scale in nats
   * @param gaps the loss gap at each time asked for
   * @param invalidParameter the index of the first parameter outside its domain, or −1
   */
  public record Point(GapOutcome outcome, double[] scalars, double k, double[] gaps, int invalidParameter) {}

  /** Evaluates one parameter vector, and the loss gap at the given years after the baseline. */
  public Point evaluate(double[] p, double[] times) {
    double[] out = new double[outputs.size()];
    double[] gaps = new double[times.length];
    Arrays.fill(out, Double.NaN);
    Arrays.fill(gaps, Double.NaN);
    int invalid = invalid(p);
    if (invalid >= 0) {
      return new Point(GapOutcome.INVALID, out, Double.NaN, gaps, invalid);
    }
    LossDraw draw = new LossDraw(((LossView) views.get(0)).newSchedule());
    double[] state = new double[stateWidth];
    for (View v : views) {
      v.newEvaluator().evaluate(p, draw, state, out);
    }
    for (int i = 0; i < times.length; i++) {
      gaps[i] = draw.gap(times[i]);
    }
    return new Point(draw.outcome, out, draw.k, gaps, -1);
  }

  /** The first parameter outside its domain (or not above the one it must exceed), or −1. */
  private int invalid(double[] p) {
    for (int i = 0; i < p.length; i++) {
      // (two comparisons with the domain's closed hull: a record's four fields and its branches per parameter cost more)
      if (!(p[i] >= lowest[i] && p[i] <= highest[i]) || mustExceed[i] >= 0 && !(p[i] > p[mustExceed[i]])) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public Evaluator newEvaluator() {
    View.Evaluator[] parts = views.stream().map(View::newEvaluator).toArray(View.Evaluator[]::new);
    LossDraw draw = new LossDraw(((LossView) views.get(0)).newSchedule());
    return new Evaluator() {
      @Override
      public GapOutcome evaluate(double[] p, double[] state, double[] out) {
        if (invalidParameter(p) >= 0) {
          return GapOutcome.INVALID;
        }
        Arrays.fill(state, 0);
        for (View.Evaluator part : parts) {
          part.evaluate(p, draw, state, out);
        }
        return draw.outcome;
      }

      @Override
      public int invalidParameter(double[] p) {
        return invalid(p);
      }
    };
  }
}
