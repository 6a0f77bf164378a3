package meek.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The proof behind the convergence-time table: over ρ in [1e-3, 1e3] its spline root is within {@link
 * TrainingGap.ConvergenceSolver#CERTIFIED_RELATIVE_ERROR} (1e-9, relative) of the true root, so no draw needs
 * checking. The bound is the largest error at 32 points per spline piece against Brent's method (to 1e-13 in
 * u) plus, for the points between, half the spacing times twice the largest slope of the error seen between
 * neighbouring points (a Lipschitz bound with a safety factor of 2). The shipped tables (1,665 knots) measure
 * 2.9e-12 and 2.3e-12, and must stay below 1e-11: a hundredfold margin, so that Brent's own 1e-13 cannot
 * matter; halving the knots gives 4.5e-11 and fails that, an eighth of them (1.2e-8) fails the promise itself.
 * The error falls like the knot spacing to the fourth power, as a cubic spline's should.
 */
class RootTableErrorBoundTest {

  private static final int POINTS_PER_PIECE = 32;

  /** The relative error bound of a table over [ln 1e-3, ln 1e3]. */
  private static double bound(TrainingGap.RootTable table, double fraction) {
    TrainingGap.ConvergenceSolver brent = new TrainingGap.ConvergenceSolver();
    double from = Math.log(TrainingGap.RootTable.RHO_MIN);
    double to = Math.log(TrainingGap.RootTable.RHO_MAX);
    double delta = table.step() / POINTS_PER_PIECE;
    int points = (int) Math.ceil((to - from) / delta) + 1;
    double worst = 0;
    double slope = 0;
    double previous = Double.NaN;
    double smallestRoot = Double.POSITIVE_INFINITY;
    for (int i = 0; i < points; i++) {
      double x = Math.min(to, from + i * delta);
      double exact = brent.solveByBrent(1, Math.exp(x), fraction);
      double error = (table.root(x) - exact) / exact;
      worst = Math.max(worst, Math.abs(error));
      smallestRoot = Math.min(smallestRoot, exact);
      if (i > 0) {
        slope = Math.max(slope, Math.abs(error - previous) / delta);
      }
      previous = error;
    }
    assertThat(smallestRoot).as("roots are positive, so relative errors are defined").isPositive();
    return worst + delta / 2 * 2 * slope;
  }

  @Test
  void theShippedTablesAreWithinTheStatedBoundEverywhereInTheirRange() {
    for (double f : new double[] {0.5, 0.1}) {
      double b = bound(new TrainingGap.RootTable(f, TrainingGap.RootTable.KNOTS), f);
      assertThat(b).as("f = %s", f).isLessThan(TrainingGap.ConvergenceSolver.CERTIFIED_RELATIVE_ERROR).isLessThan(1e-11);
    }
  }

  @Test
  void aCoarserTableFailsTheBound() {
    for (double f : new double[] {0.5, 0.1}) {
      assertThat(bound(new TrainingGap.RootTable(f, TrainingGap.RootTable.KNOTS / 2 + 1), f)).as("f = %s, half the knots", f).isGreaterThan(1e-11);
      assertThat(bound(new TrainingGap.RootTable(f, TrainingGap.RootTable.KNOTS / 8 + 1), f)).as("f = %s, an eighth of the knots", f)
          .isGreaterThan(TrainingGap.ConvergenceSolver.CERTIFIED_RELATIVE_ERROR);
    }
  }
}
