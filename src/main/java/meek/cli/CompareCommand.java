package meek.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import meek.report.CompareReport;
import meek.report.Publish;
import meek.report.ResultFiles;
import meek.run.Comparison;
import meek.run.RunOptions;
import meek.spec.Spec;
import meek.spec.SpecReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec.Target;

/** {@code meek compare SPEC_A SPEC_B [SPEC …]}: specs side by side, with common random numbers. */
@Command(
    name = "compare",
    header = "Runs several specs with common random numbers and compares them pair by pair.",
    mixinStandardHelpOptions = true,
    description = {
      "Runs several specs with common random numbers (same seed and draws for shared parameters) and writes",
      "compare.json, compare.csv, compare.md (side-by-side medians, paired differences with P(A > B), sentences)",
      "and compare_fan.png/.svg (the fans overlaid)."
    })
final class CompareCommand implements Callable<Integer> {

  @picocli.CommandLine.Spec(Target.SELF)
  CommandSpec self;

  /** Same options as run; mc and lhs keep common random numbers per parameter. */
  @picocli.CommandLine.Mixin SamplingOptions sampling;

  @Parameters(arity = "2..*", paramLabel = "SPEC", description = "Two or more spec files with the same baseline, horizon and step.")
  List<Path> specFiles;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: results/<a>-vs-<b>/).")
  Path out;

  @Option(names = "--force", description = "Replace the output folder if it exists.")
  boolean force;

  @Override
  public Integer call() throws IOException {
    long wallStart = System.nanoTime();
    RunOptions options = sampling.options(RunOptions.Quantiles.EXACT, true);
    List<Spec> specs = new ArrayList<>();
    for (Path f : specFiles) {
      specs.add(new SpecReader().read(f));
    }
    Comparison.checkComparable(specs);
    Path target = out != null ? out : Path.of("results", String.join("-vs-", specs.stream().map(Spec::name).toList()));
    List<Path> inputs = new ArrayList<>();
    specs.forEach(s -> inputs.addAll(s.inputs()));
    Comparison c;
    try (Publish.Claim claim = Publish.claimFolder(target, ResultFiles.WrittenBy.COMPARE, force, inputs)) {
      try (Progress progress = new Progress("meek compare", (long) options.samples() * specs.size(), !sampling.quiet)) {
        c = Comparison.run(specs, options, progress);
      }
      try (Publish.Folder folder = claim.stage()) {
        folder.publish(f -> CompareReport.write(f, c, options, Main.version(), wallStart));
      }
    }
    if (!sampling.quiet) {
      CompareReport.sentences(c).forEach(self.commandLine().getOut()::println);
      self.commandLine().getOut().printf("Results in %s (%.1f s)%n", target, (System.nanoTime() - wallStart) / 1e9);
    }
    return 0;
  }
}
