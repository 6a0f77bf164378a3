package meek.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import meek.report.Numbers;
import meek.report.Publish;
import meek.report.ResultFiles;
import meek.report.SensitivityMarkdown;
import meek.report.SensitivityReport;
import meek.run.RunOptions;
import meek.run.Sensitivity;
import meek.run.SensitivityAnalysis;
import meek.spec.Spec;
import meek.spec.SpecReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec.Target;

/** {@code meek sensitivity SPEC}: which uncertain inputs drive each output. */
@Command(
    name = "sensitivity",
    header = "Ranks the uncertain inputs by their effect on every output.",
    mixinStandardHelpOptions = true,
    description = {
      "Ranks the uncertain inputs by their effect on every scalar output and on the loss gap at chosen years:",
      "rank correlations and PRCC from an ordinary run (spearman), one-at-a-time p5/p95 swings (tornado) and",
      "Sobol first-order and total indices with bootstrap CIs (sobol). Writes sensitivity.json, sensitivity.csv,",
      "sensitivity.md and tornado_*/sobol_* charts (.png, .svg)."
    })
final class SensitivityCommand implements Callable<Integer> {

  enum MethodChoice { spearman, tornado, sobol, all }

  /** The largest Saltelli design: N·(d + 2) points must fit the engine's int index (d ≤ 7 loss parameters). */
  private static final long MAX_DESIGN_POINTS = Integer.MAX_VALUE / 4;

  /** Below this the indices are noise (with 3 rows the first-order indices "added up" to 2.4). */
  static final int MIN_SOBOL_ROWS = 64;

  @picocli.CommandLine.Spec(Target.SELF)
  CommandSpec self;

  /** --samples is the size of the ordinary run behind the rank correlations. */
  @picocli.CommandLine.Mixin SamplingOptions sampling;

  @Parameters(paramLabel = "SPEC", description = "The spec file.")
  Path specFile;

  @Option(names = "--method", paramLabel = "M", defaultValue = "all",
      description = "spearman, tornado, sobol or all (default: ${DEFAULT-VALUE}).")
  MethodChoice method;

  @Option(names = "--years", paramLabel = "YEAR", split = ",",
      description = "Calendar years at which the loss gap is also explained (default: 5 and 10 years after the baseline).")
  double[] years;

  @Option(names = "--sobol-rows", paramLabel = "N", defaultValue = "8192",
      description = "Rows N of the Saltelli design: N·(d+2) model runs for d uncertain inputs (default: ${DEFAULT-VALUE}).")
  int sobolRows;

  @Option(names = "--bootstrap", paramLabel = "R", defaultValue = "1000",
      description = "Bootstrap resamples for the Sobol confidence intervals (default: ${DEFAULT-VALUE}).")
  int bootstrap;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: results/<spec name>-sensitivity/).")
  Path out;

  @Option(names = "--force", description = "Replace the output folder if it exists.")
  boolean force;

  @Override
  public Integer call() throws IOException {
    long wallStart = System.nanoTime();
    RunOptions options = sampling.options(RunOptions.Quantiles.EXACT, true);
    if (sobolRows < MIN_SOBOL_ROWS || (long) sobolRows * 9 > MAX_DESIGN_POINTS) {
      throw new ParameterException(self.commandLine(), "--sobol-rows must be between " + MIN_SOBOL_ROWS + " and 50,000,000 (got " + sobolRows
          + "); e.g. --sobol-rows 8192");
    }
    if (bootstrap < 100) {
      throw new ParameterException(self.commandLine(), "--bootstrap must be at least 100 for a 95% interval (got " + bootstrap + "); e.g. --bootstrap 1000");
    }
    Spec spec = new SpecReader().read(specFile);
    double[] gapYears = years != null ? years : new double[] {spec.baselineYear() + 5, spec.baselineYear() + 10};
    if (gapYears.length == 0) {
      throw new ParameterException(self.commandLine(), "--years lists no year; give calendar years, e.g. --years 2024,2029");
    }
    if (java.util.Arrays.stream(gapYears).distinct().count() < gapYears.length) {
      throw new ParameterException(self.commandLine(), "--years lists a year twice; give each once, e.g. --years 2024,2029");
    }
    for (double y : gapYears) {
      if (!(y >= spec.baselineYear() && y <= spec.baselineYear() + spec.horizonYears())) {
        throw new ParameterException(self.commandLine(), "--years " + (Double.isFinite(y) ? Numbers.compact(y) : Double.toString(y)) + " lies outside the spec's span "
            + Numbers.compact(spec.baselineYear()) + "–" + Numbers.compact(spec.baselineYear() + spec.horizonYears()) + "; give years inside it");
      }
    }
    Path target = out != null ? out : Path.of("results", spec.name() + "-sensitivity");
    SensitivityAnalysis analysis = SensitivityAnalysis.of(spec, SensitivityAnalysis.methods(method.name()), options, sobolRows, bootstrap, gapYears);
    Sensitivity s;
    try (Publish.Claim claim = Publish.claimFolder(target, ResultFiles.WrittenBy.SENSITIVITY, force, spec.inputs())) {
      try (Progress progress = new Progress("meek sensitivity", analysis.work(), !sampling.quiet)) {
        s = analysis.execute(progress);
      }
      try (Publish.Folder folder = claim.stage()) {
        folder.publish(f -> SensitivityReport.write(f, s, Main.version(), wallStart));
      }
    }
    if (!sampling.quiet) {
      PrintWriter printer = self.commandLine().getOut();
      for (int k = 0; k < s.outputs().size(); k++) {
        if (SensitivityReport.charted(s.outputs().get(k))) {
          printer.println(SensitivityMarkdown.words(s, k).replace("`", ""));
        }
      }
      printer.printf("Results in %s (%.1f s)%n", target, (System.nanoTime() - wallStart) / 1e9);
    }
    return 0;
  }
}
