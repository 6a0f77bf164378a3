package meek.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.List;
import meek.run.BenchmarkFit;
import meek.stats.SigmoidFit;

/**
 * {@code meek fit-benchmark}'s results: the fit in words (for the terminal), {@code benchmark.yaml} (a spec
 * fragment: the fitted coefficients as normal distributions), {@code fit.json} and {@code fit.png}.
 */
public final class FitReport {

  private FitReport() {}

  /** The fit as a table: each coefficient with its standard error, and R². */
  public static void print(PrintWriter o, BenchmarkFit f) {
    SigmoidFit.Result fit = f.fit();
    o.printf("%s: %d points%s%n", f.data(), fit.points(), f.fromCounts() ? " (loss from Chinchilla's L(N, D))" : "");
    o.printf("  %-8s %12s %12s%n", "coef", "value", "std. error");
    for (int k = 0; k < 4; k++) {
      o.printf(Locale.ROOT, "  %-8s %12s %12s%n", fit.names()[k], Numbers.sig(fit.values()[k], 4),
          fit.fitted()[k] ? Numbers.sig(fit.errors()[k], 2) : "fixed");
    }
    o.printf(Locale.ROOT, "  R² = %.4f, residual sd = %s (score as a fraction)%n", fit.rSquared(), Numbers.sig(fit.rmse(), 3));
  }

  /** Writes benchmark.yaml, fit.json, fit.png and manifest.json into the (staging) folder. */
  public static void write(Publish.Folder folder, BenchmarkFit f, String version) throws IOException {
    long wallStart = System.nanoTime();
    SigmoidFit.Result fit = f.fit();
    Path data = f.data();
    Files.writeString(folder.file("benchmark.yaml"), fragment(data, fit), StandardCharsets.UTF_8);
    ObjectNode root = Json.object();
    root.put("data", data.toString());
    root.put("points", fit.points());
    root.put("loss_from", f.fromCounts() ? "Chinchilla L(N, D) = 1.69 + 406.4/N^0.34 + 410.7/D^0.28" : "the data's loss column");
    root.put("score_scale", f.percent() ? "percent in the data, fitted as a fraction" : "fraction");
    ObjectNode coef = root.putObject("coefficients");
    for (int k = 0; k < 4; k++) {
      ObjectNode c = coef.putObject(fit.names()[k]);
      c.put("value", fit.values()[k]);
      c.put("fitted", fit.fitted()[k]);
      c.put("std_error", fit.errors()[k]);
    }
    root.put("r_squared", fit.rSquared());
    root.put("residual_sd", fit.rmse());
    Json.write(root, folder.file("fit.json"));
    var chart = FitChart.sigmoidFit(f.loss(), f.score(), f.labels(), fit,
        "Benchmark score against loss: least-squares sigmoid", data.getFileName() + " · " + fit.points() + " points · R² "
            + String.format(Locale.ROOT, "%.3f", fit.rSquared()));
    ChartStyle.writePng(chart, folder.file("fit.png"));
    ChartStyle.writeSvg(chart, folder.file("fit.svg"));
    new FolderManifest(ResultFiles.WrittenBy.FIT_BENCHMARK, version).input("data", data).write(folder.file(ResultFiles.MANIFEST), wallStart);
    Path report = folder.file(HtmlReport.FILE);
    HtmlReport.write(report.getParent(), report, markdown(f), null,
        List.of(new HtmlReport.Input("The spec fragment (benchmark.yaml)", fragment(data, fit)),
            new HtmlReport.Input("The data: " + data.getFileName(), Files.size(data) <= 1 << 20 ? Files.readString(data, StandardCharsets.UTF_8)
                : "(" + Files.size(data) + " bytes: too long to show; fit.json and manifest.json name the file)")), Map.of());
  }

  /** The fit as report.html shows it: the coefficients with their standard errors, R², and the chart. */
  private static String markdown(BenchmarkFit f) {
    SigmoidFit.Result fit = f.fit();
    StringBuilder md = new StringBuilder("# Benchmark sigmoid fitted to ").append(f.data().getFileName()).append("\n\n")
        .append("Least squares of score = floor + (ceiling − floor) / (1 + exp(k·(L − L_mid))) over ").append(fit.points())
        .append(" models; loss ").append(f.fromCounts() ? "from Chinchilla's L(N, D)" : "from the data's loss column").append(".\n\n")
        .append("| coefficient | value | standard error |\n|---|---|---|\n");
    for (int k = 0; k < 4; k++) {
      md.append("| ").append(fit.names()[k]).append(" | ").append(Numbers.sig(fit.values()[k], 4)).append(" | ")
          .append(fit.fitted()[k] ? Numbers.sig(fit.errors()[k], 2) : "fixed").append(" |\n");
    }
    md.append(String.format(Locale.ROOT, "%nR² = %.4f, residual sd = %s (score as a fraction).%n%n", fit.rSquared(), Numbers.sig(fit.rmse(), 3)))
        .append("![The data and the fitted sigmoid](fit.png)\n");
    return md.toString();
  }

  private static String fragment(Path data, SigmoidFit.Result fit) {
    StringBuilder y = new StringBuilder();
    // the path goes into a YAML comment: a newline in it would start a line of YAML of its own
    y.append("# Fitted by `meek fit-benchmark ").append(data.toString().replaceAll("\\p{Cntrl}", "?")).append("` (least squares, ").append(fit.points())
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
