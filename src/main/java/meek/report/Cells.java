package meek.report;

/** A number as a CSV cell: written in full precision, or empty when it is not finite (a time never reached). */
final class Cells {

  private Cells() {}

  static Object of(double v) {
    return Double.isFinite(v) ? (Object) v : "";
  }
}
