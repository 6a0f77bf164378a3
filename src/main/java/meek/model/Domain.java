package meek.model;

/**
 * The values a model parameter may take: an interval whose ends are each open or closed. An infinite end
 * is open, so every domain holds finite values only, and NaN lies in none. A draw outside its parameter's
 * domain is invalid (docs/MODEL.md §1, edge cases); a constant outside it is an error in the spec.
 *
 * @param lower the lower end (may be −∞)
 * @param includesLower whether the lower end itself is allowed
 * @param upper the upper end (may be +∞)
 * @param includesUpper whether the upper end itself is allowed
 */
public record Domain(double lower, boolean includesLower, double upper, boolean includesUpper) {

  /** (0, ∞): scales, budgets, exponents and growth factors. */
  public static final Domain POSITIVE = new Domain(0, false, Double.POSITIVE_INFINITY, false);
  /** Any finite number. */
  public static final Domain FINITE = new Domain(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);
  /** [1, ∞). */
  public static final Domain AT_LEAST_ONE = new Domain(1, true, Double.POSITIVE_INFINITY, false);

  public Domain {
    if (includesLower && Double.isInfinite(lower) || includesUpper && Double.isInfinite(upper)) {
      throw new IllegalArgumentException("an infinite end of a domain is open");
    }
  }

  /** Whether v lies in the domain (false for NaN and infinities). */
  public boolean contains(double v) {
    return (includesLower ? v >= lower : v > lower) && (includesUpper ? v <= upper : v < upper);
  }

  /**
   * The smallest double in the domain (an open end's next double up): v lies in the domain exactly when
   * {@code lowestValue() <= v && v <= highestValue()}, which is false for NaN and, as every infinite end is
   * open, for infinities.
   */
  public double lowestValue() {
    return includesLower ? lower : Math.nextUp(lower);
  }

  /** The largest double in the domain (an open end's next double down). */
  public double highestValue() {
    return includesUpper ? upper : Math.nextDown(upper);
  }

  /** Interval notation, e.g. {@code (0, ∞)} or {@code [0, 1)}. */
  @Override
  public String toString() {
    return (includesLower ? "[" : "(") + end(lower) + ", " + end(upper) + (includesUpper ? "]" : ")");
  }

  /** What to add to a distribution so that its draws stay inside: the finite ends as min:/max:. */
  public String truncationHint() {
    boolean low = Double.isFinite(lower);
    boolean high = Double.isFinite(upper);
    String keys = low && high ? "min: and max:" : low ? "min:" : "max:";
    return "add " + keys + " to truncate it into " + this;
  }

  private static String end(double v) {
    return Double.isInfinite(v) ? (v > 0 ? "∞" : "-∞") : v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
