package meek.model;

/**
 * An observed gap (docs/MODEL.md §8: the paper's §5 readings, or a user's own), to hold against the model's.
 *
 * @param year the calendar year of the reading
 * @param gap the gap observed, in the metric's own unit (nats, percentage points, tokens)
 * @param label a name for it on charts ("" for none)
 * @param metric which view's gap it is
 * @param sd the observation error's standard deviation (NaN when the file gives none), in the metric's unit,
 *     or of ln(gap) when {@code logScale}
 * @param logScale the error is multiplicative: ln(observed) ~ N(ln(model gap), sd²)
 * @param line the file's line the point came from (0 when it came from no file)
 */
public record Observation(double year, double gap, String label, Metric metric, double sd, boolean logScale, long line) {

  /** A point without an error model (to draw, not to calibrate against). */
  public Observation(double year, double gap, String label, Metric metric) {
    this(year, gap, label, metric, Double.NaN, false, 0);
  }

  /** Whether it carries an observation error. */
  public boolean hasError() {
    return Double.isFinite(sd);
  }

  /**
   * ln p(observed | the model's gap g), up to the constant that does not depend on g: −½((y − g)/sd)², on ln y
   * and ln g for a multiplicative error (−∞ when g ≤ 0 there, or g is not a number).
   */
  public double logLikelihood(double modelGap) {
    double r;
    if (logScale) {
      if (!(modelGap > 0) || modelGap == Double.POSITIVE_INFINITY) {
        return Double.NEGATIVE_INFINITY;
      }
      r = (Math.log(gap) - Math.log(modelGap)) / sd;
    } else {
      if (!Double.isFinite(modelGap)) {
        return Double.NEGATIVE_INFINITY;
      }
      r = (gap - modelGap) / sd;
    }
    return -0.5 * r * r;
  }
}
