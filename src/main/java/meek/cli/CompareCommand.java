package meek.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import meek.report.Charts;
import meek.report.CompareReport;
import meek.report.JsonReport;
import meek.report.Numbers;
import meek.report.ResultFolder;
import meek.spec.Spec;
import meek.InputException;
import meek.spec.SpecReader;
import meek.stats.Comparison;
import meek.stats.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec.Target;

/** {@code meek compare SPEC_A SPEC_B [SPEC …]}: specs side by side, with common random numbers. */
@Command(
    name = "compare",
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
    RunOptions options = sampling.options(RunOptions.Quantiles.EXACT);
    int samples = options.samples();
    boolean quiet = sampling.quiet;
    List<Spec> specs = new ArrayList<>();
    for (Path f : specFiles) {
      specs.add(new SpecReader().read(f));
    }
    Spec first = specs.get(0);
    for (Spec s : specs.subList(1, specs.size())) {
      if (s.horizonYears() != first.horizonYears() || s.stepYears() != first.stepYears() || s.baselineYear() != first.baselineYear()) {
        throw new InputException(s.source() + ": baseline_year, horizon_years or step_years differ from " + first.source()
            + " (" + s.baselineYear() + "/" + s.horizonYears() + "/" + s.stepYears() + " vs " + first.baselineYear() + "/"
            + first.horizonYears() + "/" + first.stepYears() + "); align them so the fans share a time axis");
      }
      if (s.name().equals(first.name())) {
        throw new InputException(s.source() + ": has the same name as " + first.source() + " ('" + s.name() + "'); give each spec its own name:");
      }
    }
    Path target = out != null ? out : Path.of("results", String.join("-vs-", specs.stream().map(Spec::name).toList()));
    ResultFolder.checkWritable(target, force);
    Comparison c;
    try (Progress progress = new Progress("meek compare", (long) samples * specs.size(), !quiet)) {
      c = Comparison.run(specs, options, progress);
    }
    try (ResultFolder folder = ResultFolder.open(target, force)) {
      JsonReport.write(CompareReport.json(c), folder.file("compare.json"));
      CompareReport.writeCsv(c, folder.file("compare.csv"));
      Files.writeString(folder.file("compare.md"), CompareReport.markdown(c, Main.version()), StandardCharsets.UTF_8);
      var chart = Charts.compareFans(c.runs().stream().map(r -> r.fan()).toList(), specs.stream().map(Spec::title).toList(),
          String.join(" vs ", specs.stream().map(Spec::name).toList()),
          String.format("N = %s draws per spec, seed %d, common random numbers · meek %s", Numbers.count(samples), options.seed(), Main.version()));
      Charts.writePng(chart, folder.file("compare_fan.png"));
      Charts.writeSvg(chart, folder.file("compare_fan.svg"));
      Files.writeString(folder.file("references.bib"), meek.report.References.forSpecs(specFiles), StandardCharsets.UTF_8);
      folder.commit();
    }
    if (!quiet) {
      String md = CompareReport.markdown(c, Main.version());
      md.lines().filter(l -> l.startsWith("- ")).forEach(l -> self.commandLine().getOut().println(l.substring(2)));
      self.commandLine().getOut().printf("Results in %s (%.1f s)%n", target, (System.nanoTime() - wallStart) / 1e9);
    }
    return 0;
  }
}
