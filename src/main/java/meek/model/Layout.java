package meek.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each view's parameters, outputs and state columns sit in the engine's flat vectors. Views claim
 * their places one after another as {@link GapModel} builds them, and keep the indices they were given:
 * the only owner of the model's parameter names and positions.
 */
final class Layout {
  final List<String> parameters = new ArrayList<>();
  final List<Domain> domains = new ArrayList<>();
  /** Per parameter, another that it must exceed to be valid (−1: none). */
  final List<Integer> mustExceed = new ArrayList<>();
  final List<ScalarOutput> outputs = new ArrayList<>();
  /** Per output, the duration output it is the calendar year of (−1: none), and the year added. */
  final List<Integer> yearOf = new ArrayList<>();
  final List<Double> baselineOf = new ArrayList<>();
  int stateWidth;

  /** A parameter's index in the draw vector. */
  int parameter(String name, Domain domain) {
    if (parameters.contains(name)) {
      throw new IllegalStateException("parameter " + name + " laid out twice");
    }
    parameters.add(name);
    domains.add(domain);
    mustExceed.add(-1);
    return parameters.size() - 1;
  }

  /** Parameter {@code index} is valid only above parameter {@code other} (laid out before it). */
  void mustExceed(int index, int other) {
    mustExceed.set(index, other);
  }

  /** An output's index in the scalar vector. */
  int output(ScalarOutput output) {
    outputs.add(output);
    yearOf.add(-1);
    baselineOf.add(0.0);
    return outputs.size() - 1;
  }

  /** A duration output, counted from the calendar year {@code startYear}. */
  int duration(ScalarOutput output, double startYear) {
    return output(output.countedFrom(startYear));
  }

  /** An output that is, draw by draw, a duration output plus a baseline year (its calendar year). */
  int yearOutput(ScalarOutput output, int duration, double baselineYear) {
    outputs.add(output);
    yearOf.add(duration);
    baselineOf.add(baselineYear);
    return outputs.size() - 1;
  }

  /** The first of {@code count} state columns. */
  int state(int count) {
    int first = stateWidth;
    stateWidth += count;
    return first;
  }
}
