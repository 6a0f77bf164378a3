package meek.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import meek.report.Citation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec.Target;

/** {@code meek cite RESULT_DIR}: ready-to-paste sentences and a table for a run, a comparison or a batch. */
@Command(
    name = "cite",
    header = "Prints ready-to-paste numbers (sentences, Markdown or LaTeX) for a results folder.",
    mixinStandardHelpOptions = true,
    description = "Prints ready-to-paste numbers for a results folder of 'run', 'compare', 'batch' or 'calibrate' (the posterior): sentences (text), a table (md) or a booktabs table (latex), each 'median [p5–p95]' with N significant figures, the sample size and seed.")
final class CiteCommand implements Callable<Integer> {

  @picocli.CommandLine.Spec(Target.SELF)
  CommandSpec self;

  @Parameters(index = "0", paramLabel = "RESULT_DIR", description = "A folder written by meek run, compare, batch or calibrate.")
  Path dir;

  /** Picocli checks the value (case-insensitive) and lists the formats on a bad one. */
  @Option(names = "--format", paramLabel = "F", defaultValue = "text", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Citation.Format format;

  @Option(names = "--sig", paramLabel = "N", defaultValue = "3", description = "Significant figures (default: ${DEFAULT-VALUE}).")
  int sig;

  @Override
  public Integer call() throws IOException {
    if (sig < 1 || sig > 12) {
      throw new ParameterException(self.commandLine(), "--sig must be between 1 and 12 (got " + sig + ")");
    }
    new Citation(self.commandLine().getOut(), format, sig).print(dir);
    return 0;
  }
}
