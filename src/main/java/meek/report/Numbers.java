package meek.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import meek.model.ScalarOutput;

/** Formatting numbers for people: significant figures, "never" for +∞, thousands separators. */
public final class Numbers {

  private Numbers() {}

  /** {@code v} to {@code digits} significant figures; plain notation between 1e-4 and 1e7. */
  public static String sig(double v, int digits) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "never" : "-never";
    }
    if (v == 0) {
      return "0";
    }
    BigDecimal rounded = rounded(v, digits);
    double a = Math.abs(v);
    if (a >= 1e-4 && a < 1e7) {
      return rounded.toPlainString();
    }
    return String.format(Locale.ROOT, "%." + (digits - 1) + "e", rounded.doubleValue());
  }

  /** v rounded to {@code digits} significant figures, keeping them all: 3.5 to three is 3.50. */
  private static BigDecimal rounded(double v, int digits) {
    BigDecimal r = new BigDecimal(v).round(new MathContext(digits));
    // a value a double holds exactly has fewer digits than asked for: its zeros are significant too
    return r.precision() < digits ? r.setScale(r.scale() + digits - r.precision()) : r;
  }

  /** Up to six significant figures without trailing zeros: 0.155, 1070, 1e+20. */
  public static String compact(double v) {
    String s = sig(v, 6);
    if (s.contains("e")) {
      String[] parts = s.split("e");
      return parts[0].replaceAll("\\.?0+$", "") + "e" + parts[1];
    }
    return s.contains(".") ? s.replaceAll("\\.?0+$", "") : s;
  }

  /** A calendar year to one decimal ("2022.3"), or "never". */
  public static String year(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (Double.isInfinite(v)) {
      return "never";
    }
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** A probability: 3 significant figures, more near 1 so that 0.99996 does not read as 1. */
  public static String probability(double p) {
    if (Double.isNaN(p)) {
      return "n/a";
    }
    if (p == 0 || p == 1) {
      return p == 0 ? "0" : "1";
    }
    double tail = Math.min(p, 1 - p);
    // near 1, enough figures to show the distance from 1; elsewhere three significant ones
    int digits = p < 0.5 || tail >= 0.01 ? 3 : (int) Math.ceil(-Math.log10(tail)) + 2;
    return rounded(p, digits).toPlainString();
  }

  /** A calendar year to two decimals, for confidence intervals of a year. */
  public static String year2(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : year(v);
  }

  /** An integer count with thousands separators: 100,000. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A percentage of a total to a sensible precision. */
  public static String percent(long part, long total) {
    double pct = 100.0 * part / total;
    return sig(pct, 2) + "%";
  }

  /**
   * A value of an output in words where it is not a number: a time or year never reached is "never", an
   * infinite size (a gap that grows for ever) "unbounded"; calendar years to one decimal.
   */
  public static String of(ScalarOutput o, double v, int digits) {
    if (Double.isInfinite(v) && v > 0) {
      return o.duration() || o.calendarYear() ? "never" : "unbounded";
    }
    if (v == Double.NEGATIVE_INFINITY) {
      return "−∞"; // the lower end of a confidence interval the draws do not bound
    }
    return o.calendarYear() ? year(v) : sig(v, digits);
  }

  /** An interval of an output, with its unit once: "7.74–14.2 years", "7.74 years to never", "never". */
  public static String range(ScalarOutput o, double lo, double hi, int digits, String unit) {
    String suffix = unit.isEmpty() ? "" : " " + unit;
    boolean loFinite = Double.isFinite(lo);
    boolean hiFinite = Double.isFinite(hi);
    if (loFinite && hiFinite) {
      return of(o, lo, digits) + "–" + of(o, hi, digits) + suffix;
    }
    if (loFinite) {
      return of(o, lo, digits) + suffix + " to " + of(o, hi, digits);
    }
    return of(o, lo, digits) + (lo == hi ? "" : "–" + of(o, hi, digits));
  }
}
