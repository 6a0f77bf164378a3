package meek.run;

import java.util.List;
import meek.distributions.ParameterDistribution;
import meek.model.GapModel;
import meek.model.ScalarOutput;
import meek.spec.Spec;

/**
 * {@code meek point}: the spec's model once, at every parameter's median, with every view the spec
 * configures, and the loss gap at a few years: how a reader checks the paper's point values.
 *
 * @param parameters the model's parameters, in draw order
 * @param medians each one's median
 * @param outputs the model's outputs, in order
 * @param yearOf for each output, the index of the output that is its calendar year (−1: none)
 * @param years years after the baseline at which the gap was evaluated
 */
public record PointEvaluation(SpecSummary spec, List<String> parameters, double[] medians, List<ScalarOutput> outputs,
    int[] yearOf, double[] years, GapModel.Point point) {

  /** @param years years after the baseline at which to evaluate the gap, or null for 0, 1, 2, 5, 10, 20, 30 within the horizon */
  public static PointEvaluation of(Spec spec, double[] years) {
    GapModel model = new GapModel(spec.model());
    ParameterDistribution[] d = spec.distributions(model.parameterNames());
    double[] p = new double[d.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = d[i].median();
    }
    double[] at = years != null ? years.clone()
        : java.util.stream.DoubleStream.of(0, 1, 2, 5, 10, 20, 30).filter(t -> t <= spec.horizonYears()).toArray();
    int[] yearOf = new int[model.outputs().size()];
    java.util.Arrays.fill(yearOf, -1);
    for (int k = 0; k < yearOf.length; k++) {
      if (model.shiftedFrom(k) >= 0) {
        yearOf[model.shiftedFrom(k)] = k;
      }
    }
    return new PointEvaluation(SpecSummary.of(spec), model.parameterNames(), p, model.outputs(), yearOf, at, model.evaluate(p, at));
  }
}
