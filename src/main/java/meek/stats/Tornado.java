package meek.stats;

import java.util.function.Function;

/**
 * One-at-a-time swings: every output at the inputs' medians (the base case), then with one input moved to
 * its 5th and to its 95th percentile while the others stay at their medians. With the others fixed the model
 * is deterministic, so each end of a swing is a single evaluation.
 *
 * @param base per output, its value at the medians
 * @param low {@code low[input][output]}: the output with that input at its 5th percentile
 * @param high the same at its 95th percentile
 * @param lowInput per input, its 5th percentile
 * @param highInput per input, its 95th percentile
 */
public record Tornado(double[] base, double[][] low, double[][] high, double[] lowInput, double[] highInput) {

  public static final double LOW = 0.05;
  public static final double HIGH = 0.95;

  /**
   * @param medians every parameter's median, in parameter order
   * @param inputs the parameters to swing (indices)
   * @param lowInput each swung input's 5th percentile (in {@code inputs} order)
   * @param highInput each one's 95th percentile
   * @param model parameter vector → outputs
   */
  public static Tornado of(double[] medians, int[] inputs, double[] lowInput, double[] highInput, Function<double[], double[]> model) {
    double[] base = model.apply(medians.clone());
    double[][] low = new double[inputs.length][];
    double[][] high = new double[inputs.length][];
    for (int k = 0; k < inputs.length; k++) {
      int p = inputs[k];
      double[] x = medians.clone();
      x[p] = lowInput[k];
      low[k] = model.apply(x);
      x[p] = highInput[k];
      high[k] = model.apply(x.clone());
    }
    return new Tornado(base, low, high, lowInput.clone(), highInput.clone());
  }

  /** |output at p95 − output at p5| for one input and output; NaN when either end is undefined. */
  public double swing(int input, int output) {
    return Math.abs(high[input][output] - low[input][output]);
  }
}
