package meek.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import meek.report.PointReport;
import meek.run.PointEvaluation;
import meek.spec.SpecReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec.Target;

/** {@code meek point SPEC}: the model once, at every parameter's median. How a user checks the paper. */
@Command(
    name = "point",
    header = "Evaluates the model once, at each parameter's median (the paper's numbers).",
    mixinStandardHelpOptions = true,
    description = "Evaluates the model once, at each parameter's median, with every view the spec configures: prints t*, the peak gap, its year, the convergence times, the other views' outputs and the loss gap at a few years.")
final class PointCommand implements Callable<Integer> {

  @picocli.CommandLine.Spec(Target.SELF)
  CommandSpec self;

  @Parameters(index = "0", paramLabel = "SPEC", description = "Spec file (YAML)")
  Path specFile;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Option(names = "--years", split = ",", paramLabel = "T", description = "Years after the baseline at which to print the gap (default: 0,1,2,5,10,20,30 within the horizon).")
  double[] years;

  @Override
  public Integer call() {
    var spec = new SpecReader().read(specFile);
    if (years != null) {
      if (years.length == 0 || java.util.Arrays.stream(years).distinct().count() < years.length) {
        throw new picocli.CommandLine.ParameterException(self.commandLine(), "--years must list distinct years after the baseline, e.g. --years 0,5,10");
      }
      for (double t : years) {
        if (!(t >= 0 && t <= spec.horizonYears())) { // before the baseline the model has no gap; NaN and 1e300 are typos
          throw new picocli.CommandLine.ParameterException(self.commandLine(), "--years " + (Double.isFinite(t) ? meek.report.Numbers.compact(t) : Double.toString(t))
              + " is not within 0–" + meek.report.Numbers.compact(spec.horizonYears()) + " years after the baseline (the spec's horizon); e.g. --years 0,5,10");
        }
      }
    }
    PointEvaluation e = PointEvaluation.of(spec, years);
    if (json) {
      self.commandLine().getOut().println(PointReport.json(e));
    } else {
      PointReport.print(e, self.commandLine().getOut());
    }
    return 0;
  }
}
