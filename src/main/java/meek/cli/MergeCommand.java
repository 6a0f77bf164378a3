package meek.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import meek.InputException;
import meek.model.GapModel;
import meek.report.PartFolder;
import meek.report.Publish;
import meek.report.ResultFiles;
import meek.report.RunFolder;
import meek.report.Sentences;
import meek.run.MergedRun;
import meek.run.RunOptions;
import meek.run.RunResult;
import meek.spec.Spec;
import meek.spec.SpecReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec.Target;

/** {@code meek merge PARTDIR…}: the results folder of a run made in parts ({@code meek run --part I/K}). */
@Command(
    name = "merge",
    header = "Puts the parts of a run (meek run --part I/K) together into its results folder.",
    mixinStandardHelpOptions = true,
    description = "Checks that the part folders belong to one run (same spec and data files, seed, samples, design, quantile mode,"
        + " views and meek version), that together they hold every block exactly once (in any order given), and that each part's"
        + " numbers match their checksum; then writes the results folder meek run writes without --part: summary.json,"
        + " quantiles.csv, fan*.csv and report.html the same byte for byte, and the same charts. A part that is missing, doubled,"
        + " of another run or corrupted is named in one line (exit 2), and nothing is written.")
final class MergeCommand implements Callable<Integer> {

  @picocli.CommandLine.Spec(Target.SELF)
  CommandSpec self;

  @Parameters(arity = "1..*", paramLabel = "PARTDIR", description = "The part folders (all K of them, in any order).")
  List<Path> partFolders;

  @Option(names = "--out", paramLabel = "DIR", description = "Results folder (default: results/<spec name>/).")
  Path out;

  @Option(names = "--spec", paramLabel = "FILE",
      description = "The spec the parts ran, if it is no longer where they recorded it (checked by its SHA-256).")
  Path specOption;

  @Option(names = "--threads", paramLabel = "T", description = "Worker threads for the summaries (default: all cores). Results do not depend on it.")
  Integer threads;

  @Option(names = "--force", description = "Replace the results folder if it exists (meek replaces only its own).")
  boolean force;

  @Option(names = "--quiet", description = "Print nothing but errors.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    long wallStart = System.nanoTime();
    int t = SamplingOptions.threads(self.commandLine(), threads);
    String version = Main.version();
    List<PartFolder.Manifest> manifests = new ArrayList<>();
    for (Path folder : partFolders) {
      manifests.add(PartFolder.manifest(folder, version));
    }
    PartFolder.checkSameRun(manifests);
    PartFolder.Manifest first = manifests.get(0);
    if (specOption != null && !Files.isRegularFile(specOption)) {
      throw new InputException("--spec " + specOption + (Files.isDirectory(specOption) ? ": a folder, not a YAML file" : ": no such file")
          + "; give the spec file the parts ran");
    }
    Path specFile = specOption != null ? specOption : first.specPath();
    if (!Files.isRegularFile(specFile)) {
      throw new InputException(first.folder() + ": its spec " + specFile + " is not there; pass --spec FILE with the spec the parts ran");
    }
    Spec spec = new SpecReader().read(specFile);
    PartFolder.checkSpec(first, spec, specFile);
    if (specOption == null && !first.json().path("spec_file").asText().isEmpty()) {
      spec = spec.named(Path.of(first.json().path("spec_file").asText())); // as the parts' run typed it, as a whole run shows it
    }
    if (first.metrics() != null) {
      spec = spec.only(first.metrics());
    }
    RunOptions options = first.options(t);
    meek.run.MonteCarloRun.checkMergeMemory(spec, options); // before the parts' data are read and checksummed
    List<MergedRun.Part> parts = new ArrayList<>();
    for (PartFolder.Manifest m : manifests) {
      parts.add(PartFolder.part(m));
    }
    Path target = out != null ? out : Path.of("results", spec.name());
    List<Path> inputs = new ArrayList<>(spec.inputs());
    inputs.addAll(partFolders);
    RunResult result;
    try (Publish.Claim claim = Publish.claimFolder(target, ResultFiles.WrittenBy.RUN, force, inputs)) {
      result = MergedRun.merge(spec, options, parts);
      try (Publish.Folder folder = claim.stage()) {
        List<String> specTexts = List.of(spec.text());
        folder.publish(f -> {
          RunFolder.write(f, result, null, List.of(), specTexts, version, wallStart);
          PartFolder.recordParts(f.file(ResultFiles.MANIFEST), manifests);
        });
      }
    }
    PrintWriter err = self.commandLine().getErr();
    RunCommand.warnAboutInvalidDraws(err, specFile, result, new GapModel(spec.model()));
    if (!quiet) {
      PrintWriter o = self.commandLine().getOut();
      for (String sentence : Sentences.headline(result)) {
        o.println(sentence);
      }
      o.printf("Merged %d part%s into %s (%.1f s)%n", parts.size(), parts.size() == 1 ? "" : "s", target, (System.nanoTime() - wallStart) / 1e9);
    }
    return 0;
  }
}
