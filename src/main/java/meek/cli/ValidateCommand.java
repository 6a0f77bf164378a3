package meek.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import meek.report.ValidateReport;
import meek.run.SpecSummary;
import meek.spec.SpecReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec.Target;

/** {@code meek validate SPEC}: checks a spec without running it and shows what it resolves to. */
@Command(
    name = "validate",
    header = "Checks a spec without running it and shows each resolved distribution.",
    mixinStandardHelpOptions = true,
    description = "Checks a spec without running it: prints each parameter's resolved distribution, its p5, p50, p95 and mean, and the correlation matrix. Exit 2 with a one-line error on bad input.")
final class ValidateCommand implements Callable<Integer> {

  @picocli.CommandLine.Spec(Target.SELF)
  CommandSpec self;

  @Parameters(index = "0", paramLabel = "SPEC", description = "Spec file (YAML)")
  Path specFile;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    SpecSummary spec = SpecSummary.of(new SpecReader().read(specFile));
    if (json) {
      self.commandLine().getOut().println(ValidateReport.json(spec));
    } else {
      ValidateReport.print(spec, self.commandLine().getOut());
    }
    return 0;
  }
}
