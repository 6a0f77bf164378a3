package meek.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import meek.report.FitReport;
import meek.report.Publish;
import meek.report.ResultFiles;
import meek.run.BenchmarkFit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec.Target;

/** {@code meek fit-benchmark DATA.csv}: the benchmark sigmoid fitted to published scores. */
@Command(
    name = "fit-benchmark",
    header = "Fits the benchmark sigmoid to (loss, score) data and writes a spec fragment.",
    mixinStandardHelpOptions = true,
    description = {
      "Fits the benchmark sigmoid (docs/MODEL.md §4) by least squares to a CSV of (loss, score) or (params, tokens, score) rows,",
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
    // the fragment must be one a spec accepts: floor in [0, 1), ceiling in (floor, 1] (benchmark: block's domains)
    if (!fitFloor && !(floor >= 0 && floor < 1)) {
      throw new ParameterException(self.commandLine(), "--floor must lie in [0, 1) (got " + floor + "); e.g. --floor 0.25 for four choices");
    }
    if (!fitCeiling && !(ceiling > 0 && ceiling <= 1 && (fitFloor || ceiling > floor))) {
      throw new ParameterException(self.commandLine(), "--ceiling must lie in (floor, 1] (got " + ceiling + "); e.g. --ceiling 1");
    }
    BenchmarkFit.Scores scores = BenchmarkFit.read(data);
    Path target = out != null ? out : Path.of("results", "fit-" + data.getFileName().toString().replaceFirst("\\.csv$", ""));
    try (Publish.Claim claim = Publish.claimFolder(target, ResultFiles.WrittenBy.FIT_BENCHMARK, force, List.of(data))) {
      BenchmarkFit fit = scores.fit(fitFloor ? Double.NaN : floor, fitCeiling ? Double.NaN : ceiling);
      PrintWriter o = self.commandLine().getOut();
      FitReport.print(o, fit);
      try (Publish.Folder folder = claim.stage()) {
        folder.publish(f -> FitReport.write(f, fit, Main.version()));
      }
      o.printf("Spec fragment, fit and plot in %s%n", target);
    }
    return 0;
  }
}
