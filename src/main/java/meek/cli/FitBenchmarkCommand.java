package meek.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import meek.report.Charts;
import meek.report.Numbers;
import meek.report.ResultFolder;
import meek.spec.BenchmarkData;
import meek.InputException;
import meek.stats.SigmoidFit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec.Target;

/** {@code meek fit-benchmark DATA.csv}: the benchmark sigmoid fitted to published scores. */
@Command(
    name = "fit-benchmark",
    mixinStandardHelpOptions = true,
    description = {
      "Fits the benchmark sigmoid (MODEL.md §4) by least squares to a CSV of (loss, score) or (params, tokens, score) rows,",
      "the latter mapped to loss with Chinchilla's L(N, D). Prints the fit, its standard errors and R², and writes a",
      "spec fragment (benchmark.yaml, the coefficients as normal distributions), fit.json and fit.png (data and curve)."
    })
final class FitBenchmarkCommand implements Callable<Integer> {

  @picocli.CommandLine.Spec(Target.SELF)
  CommandSpec self;

  @Parameters(index = "0", paramLabel = "DATA.csv", description = "Columns loss,score or params,tokens,score (score as a fraction or in percent); model and source columns are kept as labels.")
  Path data;

  @Option(names = "--floor", paramLabel = "F", defaultValue = "0.25", description = "Fixed floor (default: ${DEFAULT-VALUE}, chance on four choices).")
  double floor;

  @Option(names = "--ceiling", paramLabel = "C", defaultValue = "1.0", description = "Fixed ceiling (default: ${DEFAULT-VALUE}).")
  double ceiling;

  @Option(names = "--fit-floor", description = "Fit the floor too.")
  boolean fitFloor;

  @Option(names = "--fit-ceiling", description = "Fit the ceiling too.")
  boolean fitCeiling;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: results/fit-<data file name>/).")
  Path out;

  @Option(names = "--force", description = "Replace the output folder if it exists.")
  boolean force;

  @Override
  public Integer call() throws IOException {
    BenchmarkData pts = BenchmarkData.read(data);
    Path target = out != null ? out : Path.of("results", "fit-" + data.getFileName().toString().replaceFirst("\\.csv$", ""));
    ResultFolder.checkWritable(target, force);
    SigmoidFit.Result fit;
    try {
      fit = SigmoidFit.fit(pts.loss(), pts.score(), fitFloor ? Double.NaN : floor, fitCeiling ? Double.NaN : ceiling);
    } catch (IllegalArgumentException e) {
      throw new InputException(data + ": " + e.getMessage() + "; add rows or fix more coefficients");
    }
    for (int k = 0; k < 4; k++) {
      if (fit.fitted()[k] && !(Double.isFinite(fit.errors()[k]) && Double.isFinite(fit.values()[k]))) {
        throw new InputException(data + ": the data do not pin down " + fit.names()[k]
            + " (its standard error is undefined); fix it with --" + (k == 0 ? "floor" : k == 1 ? "ceiling" : "floor/--ceiling")
            + " or add points nearer the sigmoid's ends");
      }
    }
    PrintWriter o = self.commandLine().getOut();
    o.printf("%s: %d points%s%n", data, fit.points(), pts.fromCounts() ? " (loss from Chinchilla's L(N, D))" : "");
    o.printf("  %-8s %12s %12s%n", "coef", "value", "std. error");
    for (int k = 0; k < 4; k++) {
      o.printf(Locale.ROOT, "  %-8s %12s %12s%n", fit.names()[k], Numbers.sig(fit.values()[k], 4),
          fit.fitted()[k] ? Numbers.sig(fit.errors()[k], 2) : "fixed");
    }
    o.printf(Locale.ROOT, "  R² = %.4f, residual sd = %s (score as a fraction)%n", fit.rSquared(), Numbers.sig(fit.rmse(), 3));

    try (ResultFolder folder = ResultFolder.open(target, force)) {
      Files.writeString(folder.file("benchmark.yaml"), fragment(fit), StandardCharsets.UTF_8);
      ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode root = json.createObjectNode();
      root.put("data", data.toString());
      root.put("points", fit.points());
      root.put("loss_from", pts.fromCounts() ? "Chinchilla L(N, D) = 1.69 + 406.4/N^0.34 + 410.7/D^0.28" : "the data's loss column");
      root.put("score_scale", pts.percent() ? "percent in the data, fitted as a fraction" : "fraction");
      ObjectNode coef = root.putObject("coefficients");
      for (int k = 0; k < 4; k++) {
        ObjectNode c = coef.putObject(fit.names()[k]);
        c.put("value", fit.values()[k]);
        c.put("fitted", fit.fitted()[k]);
        c.put("std_error", fit.errors()[k]);
      }
      root.put("r_squared", fit.rSquared());
      root.put("residual_sd", fit.rmse());
      json.writeValue(folder.file("fit.json").toFile(), root);
      Charts.writePng(Charts.sigmoidFit(pts.loss(), pts.score(), pts.labels(), fit,
          "Benchmark score against loss: least-squares sigmoid", data.getFileName() + " · " + fit.points() + " points · R² "
              + String.format(Locale.ROOT, "%.3f", fit.rSquared())), folder.file("fit.png"));
      folder.commit();
    }
    o.printf("Spec fragment, fit and plot in %s%n", target);
    return 0;
  }

  private String fragment(SigmoidFit.Result fit) {
    StringBuilder y = new StringBuilder();
    y.append("# Fitted by `meek fit-benchmark ").append(data).append("` (least squares, ").append(fit.points())
        .append(" points, R² ").append(String.format(Locale.ROOT, "%.3f", fit.rSquared())).append(").\n")
        .append("# Fitted coefficients are normal distributions with their standard errors; fixed ones are constants.\n")
        .append("benchmark:\n");
    for (int k = 0; k < 4; k++) {
      y.append("  ").append(fit.names()[k]).append(": ");
      if (fit.fitted()[k]) {
        y.append(String.format(Locale.ROOT, "{dist: normal, mean: %s, sd: %s}", Numbers.sig(fit.values()[k], 6), Numbers.sig(fit.errors()[k], 3)));
      } else {
        y.append(Numbers.compact(fit.values()[k]));
      }
      y.append('\n');
    }
    y.append("  steps: 1\n");
    return y.toString();
  }

}
