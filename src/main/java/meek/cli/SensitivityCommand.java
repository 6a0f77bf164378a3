package meek.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import meek.model.GapModel;
import meek.model.LossView;
import meek.report.JsonReport;
import meek.report.Numbers;
import meek.report.ResultFolder;
import meek.report.SensitivityReport;
import meek.spec.Spec;
import meek.InputException;
import meek.spec.SpecReader;
import meek.stats.RunOptions;
import meek.stats.Sensitivity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec.Target;

/** {@code meek sensitivity SPEC}: which uncertain inputs drive each output. */
@Command(
    name = "sensitivity",
    mixinStandardHelpOptions = true,
    description = {
      "Ranks the uncertain inputs by their effect on every scalar output and on the loss gap at chosen years:",
      "rank correlations and PRCC from an ordinary run (spearman), one-at-a-time p5/p95 swings (tornado) and",
      "Sobol first-order and total indices with bootstrap CIs (sobol). Writes sensitivity.json, sensitivity.csv,",
      "sensitivity.md and tornado_*/sobol_* charts (.png, .svg)."
    })
final class SensitivityCommand implements Callable<Integer> {

  enum MethodChoice { spearman, tornado, sobol, all }

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
    RunOptions options = sampling.options(RunOptions.Quantiles.EXACT);
    if (sobolRows < 2 || (long) sobolRows * (LossView.PARAMETERS.size() + 2) > Integer.MAX_VALUE / 4) {
      throw new InputException("--sobol-rows must be between 2 and 50,000,000 (got " + sobolRows + "); e.g. --sobol-rows 8192");
    }
    if (bootstrap < 100) {
      throw new InputException("--bootstrap must be at least 100 for a 95% interval (got " + bootstrap + "); e.g. --bootstrap 1000");
    }
    Spec spec = new SpecReader().read(specFile);
    double[] gapYears = years != null ? years : new double[] {spec.baselineYear() + 5, spec.baselineYear() + 10};
    for (double y : gapYears) {
      if (!(y >= spec.baselineYear() && y <= spec.baselineYear() + spec.horizonYears())) {
        throw new InputException("--years " + Numbers.compact(y) + " lies outside the spec's span " + Numbers.compact(spec.baselineYear())
            + "–" + Numbers.compact(spec.baselineYear() + spec.horizonYears()) + "; give years inside it");
      }
    }
    Path target = out != null ? out : Path.of("results", spec.name() + "-sensitivity");
    ResultFolder.checkWritable(target, force);
    GapModel model = new GapModel(spec.model());
    var methods = Sensitivity.methods(method.name());
    long work = (methods.contains(Sensitivity.Method.SPEARMAN) ? options.samples() : 0)
        + (methods.contains(Sensitivity.Method.SOBOL) ? (long) sobolRows * (model.parameterNames().size() + 2) : 0);
    Sensitivity s;
    try (Progress progress = new Progress("meek sensitivity", work, !sampling.quiet)) {
      s = Sensitivity.run(spec, model, methods, options, sobolRows, bootstrap, gapYears, progress);
    }
    String footnote = String.format("%s · seed %d · meek %s", spec.name(), options.seed(), Main.version());
    try (ResultFolder folder = ResultFolder.open(target, force)) {
      JsonReport.write(SensitivityReport.json(s), folder.file("sensitivity.json"));
      SensitivityReport.writeCsv(s, folder.file("sensitivity.csv"));
      Files.writeString(folder.file("sensitivity.md"), SensitivityReport.markdown(s, Main.version()), StandardCharsets.UTF_8);
      for (int k = 0; k < s.outputs().size(); k++) {
        String name = s.outputs().get(k).name();
        if (CHARTED.contains(name) || name.startsWith("gap_")) {
          SensitivityReport.writeCharts(s, k, folder::file, footnote);
        }
      }
      Files.writeString(folder.file("references.bib"), meek.report.References.forSpecs(List.of(specFile)), StandardCharsets.UTF_8);
      folder.commit();
    }
    if (!sampling.quiet) {
      var printer = self.commandLine().getOut();
      for (int k = 0; k < s.outputs().size(); k++) {
        if (CHARTED.contains(s.outputs().get(k).name())) {
          printer.println(SensitivityReport.words(s, k).replace("`", ""));
        }
      }
      printer.printf("Results in %s (%.1f s)%n", target, (System.nanoTime() - wallStart) / 1e9);
    }
    return 0;
  }

  /** Outputs that get charts (besides the gap at each chosen year): the headline ones. */
  private static final List<String> CHARTED = List.of("inflection_time_years", "peak_gap_nats");
}
