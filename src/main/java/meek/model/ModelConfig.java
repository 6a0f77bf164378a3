package meek.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * What a spec asks of the model: the calendar year of t = 0, the growth rates' schedules, and the views to
 * report besides the loss gap (which is always reported), each with its options, in {@link Metric} order.
 *
 * @param baselineYear the calendar year of t = 0, when the meek budget C0 was the SOTA budget
 * @param schedules growth rates given as piecewise schedules ({@link Schedules#NONE}: constant rates)
 * @param views the other views' options, at most one per metric
 */
public record ModelConfig(double baselineYear, Schedules schedules, List<ViewOptions> views) {

  public ModelConfig {
    List<ViewOptions> sorted = new ArrayList<>(views);
    sorted.sort(Comparator.comparing(ViewOptions::metric));
    for (int i = 0; i < sorted.size(); i++) {
      if (sorted.get(i).metric() == Metric.LOSS || i > 0 && sorted.get(i).metric() == sorted.get(i - 1).metric()) {
        throw new IllegalArgumentException("views: each metric other than loss at most once (got " + views + ")");
      }
    }
    views = List.copyOf(sorted);
    List<String> schedulable = new ArrayList<>(LossView.GROWTH_RATES);
    views.forEach(v -> schedulable.addAll(v.schedulableRates()));
    for (String rate : schedules.boundaries().keySet()) {
      if (!schedulable.contains(rate)) {
        throw new IllegalArgumentException("schedule for " + rate + ", which no configured view has (schedulable: " + schedulable + ")");
      }
    }
  }

  /**
   * Every metric reported: the loss gap, then the configured views, and the benchmark score of the inference
   * gap when both the benchmark and the inference views are configured (it needs no block of its own).
   */
  public List<Metric> metrics() {
    List<Metric> m = new ArrayList<>(List.of(Metric.LOSS));
    views.forEach(v -> m.add(v.metric()));
    if (m.contains(Metric.BENCHMARK) && m.contains(Metric.INFERENCE)) {
      m.add(Metric.INFERENCE_BENCHMARK);
    }
    return List.copyOf(m);
  }

  public boolean has(Metric metric) {
    return metrics().contains(metric);
  }

  /** The options of a configured view. */
  public <T extends ViewOptions> T options(Metric metric, Class<T> type) {
    return views.stream().filter(v -> v.metric() == metric).map(type::cast).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no " + metric.key() + " view"));
  }

  /**
   * The same restricted to the given metrics (the loss gap is always kept; the inference benchmark keeps the
   * benchmark and inference views it is made of), with the others' schedules dropped.
   */
  public ModelConfig only(Collection<Metric> asked) {
    List<Metric> kept = new ArrayList<>(asked);
    if (kept.contains(Metric.INFERENCE_BENCHMARK)) { // made of those two views
      kept.add(Metric.BENCHMARK);
      kept.add(Metric.INFERENCE);
    }
    List<ViewOptions> stay = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    for (ViewOptions v : views) {
      if (kept.contains(v.metric())) {
        stay.add(v);
      } else {
        dropped.addAll(v.schedulableRates());
      }
    }
    return new ModelConfig(baselineYear, schedules.without(dropped), stay);
  }
}
