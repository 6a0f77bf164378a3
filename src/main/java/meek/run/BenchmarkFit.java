package meek.run;

import java.nio.file.Path;
import java.util.List;
import meek.InputException;
import meek.spec.BenchmarkData;
import meek.stats.SigmoidFit;

/**
 * {@code meek fit-benchmark}: the benchmark sigmoid (docs/MODEL.md §4) fitted by least squares to published
 * scores, each row's loss given or computed from its parameters and tokens with Chinchilla's L(N, D).
 *
 * @param data the CSV file
 * @param loss each point's loss (nats)
 * @param score each point's score as a fraction
 * @param labels each point's model name, or ""
 * @param percent whether the file gave percents
 * @param fromCounts whether losses came from parameter and token counts
 * @param fit the fitted coefficients, their standard errors and R²
 */
public record BenchmarkFit(Path data, double[] loss, double[] score, List<String> labels, boolean percent, boolean fromCounts,
    SigmoidFit.Result fit) {

  /** The scores, read and checked, ready to be fitted. */
  public static final class Scores {
    private final Path data;
    private final BenchmarkData points;

    private Scores(Path data, BenchmarkData points) {
      this.data = data;
      this.points = points;
    }

    /**
     * Fits the sigmoid; floor and ceiling fixed at the values given, or fitted where NaN. A coefficient the
     * data cannot pin down is an error that says which to fix.
     */
    public BenchmarkFit fit(double floor, double ceiling) {
      SigmoidFit.Result fit;
      try {
        fit = SigmoidFit.fit(points.loss(), points.score(), floor, ceiling);
      } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
        // Commons Math's optimiser fails with its own runtime exceptions (no convergence, too many evaluations)
        // when the data cannot shape a sigmoid: that is the data's or the options' doing, said in one line
        double lo = java.util.Arrays.stream(points.score()).min().orElse(Double.NaN);
        double hi = java.util.Arrays.stream(points.score()).max().orElse(Double.NaN);
        String why = !Double.isNaN(floor) && floor >= hi ? "the floor " + floor + " is not below the scores (the highest is " + hi + ")"
            : !Double.isNaN(ceiling) && ceiling <= lo ? "the ceiling " + ceiling + " is not above the scores (the lowest is " + lo + ")"
            : e instanceof IllegalArgumentException ? e.getMessage()
            : lo == hi ? "every score is " + lo + ": a flat line has no sigmoid"
            : "the least-squares fit did not converge (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\n")[0]) + ")";
        throw new InputException(data + ": " + why + "; check the scores and --floor/--ceiling, add rows, or fix more coefficients");
      }
      for (int k = 0; k < 4; k++) {
        // a standard error larger than the coefficient itself (floor −68,510 ± 2e8) pins nothing down either
        if (fit.fitted()[k] && !(Double.isFinite(fit.errors()[k]) && Double.isFinite(fit.values()[k])
            && fit.errors()[k] < Math.max(Math.abs(fit.values()[k]), k < 2 ? 0.1 : 0))) {
          throw new InputException(data + ": the data do not pin down " + fit.names()[k]
              + " (its standard error is undefined or larger than its value); fix it with --" + (k == 0 ? "floor" : k == 1 ? "ceiling" : "floor/--ceiling")
              + " or add points nearer the sigmoid's ends");
        }
      }
      return new BenchmarkFit(data, points.loss(), points.score(), points.labels(), points.percent(), points.fromCounts(), fit);
    }
  }

  /** Reads rows of {@code loss,score} or {@code params,tokens,score} (scores as fractions or percents). */
  public static Scores read(Path data) {
    return new Scores(data, BenchmarkData.read(data));
  }

  /** How many points were fitted. */
  public int points() {
    return fit.points();
  }
}
