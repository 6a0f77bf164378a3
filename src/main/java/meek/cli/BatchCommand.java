package meek.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import meek.spec.Batch;
import meek.spec.BatchReader;
import meek.stats.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec.Target;

/** {@code meek batch BATCH.yaml}: a base spec and a grid or list of overrides, one results folder per run. */
@Command(
    name = "batch",
    mixinStandardHelpOptions = true,
    description = {
      "Runs every combination of a grid (or every item of a list) of parameter overrides on a base spec, one",
      "results folder each, then writes the index: batch.csv, batch.md, batch.json and forest.png/.svg (t* median",
      "and 90% interval per run). Resumable: runs whose manifest matches (spec hash, seed, samples, design) are skipped."
    })
final class BatchCommand implements Callable<Integer> {

  @picocli.CommandLine.Spec(Target.SELF)
  CommandSpec self;

  /** The same for every run. */
  @picocli.CommandLine.Mixin SamplingOptions sampling;

  @Parameters(paramLabel = "BATCH", description = "Batch file (YAML), e.g. distributions/batches/investment.yaml")
  Path batchFile;

  @Option(names = "--out", paramLabel = "DIR", description = "Batch folder (default: results/<batch name>/).")
  Path out;

  @Option(names = "--force", description = "Redo runs whose folder was made with another spec, seed, --samples or --design (otherwise refused).")
  boolean force;

  @Override
  public Integer call() throws IOException {
    RunOptions options = sampling.options(RunOptions.Quantiles.AUTO);
    Batch batch = new BatchReader().read(batchFile);
    Path target = out != null ? out : Path.of("results", batch.name());
    BatchRunner.execute(batch, target, options, force, sampling.quiet, self.commandLine().getOut(), name -> {});
    return 0;
  }
}
