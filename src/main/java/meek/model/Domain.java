package meek.model;

/**
 * The values a model parameter may take: an interval whose ends are each open or closed. An infinite end
 * is open, so every domain holds finite values only, and NaN lies in none. A draw outside its parameter's
 * domain is invalid (MODEL.md §1, edge cases); a constant outside it is an error in the spec.
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
}
