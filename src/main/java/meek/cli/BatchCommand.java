package meek.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import meek.model.LossView;
import meek.report.BatchFolder;
import meek.report.BatchIndex;
import meek.report.Numbers;
import meek.report.Publish;
import meek.report.Sentences;
import meek.run.BatchPlan;
import meek.run.BatchRun;
import meek.run.RunEngine;
import meek.run.RunOptions;
import meek.run.RunResult;
import meek.spec.BatchReader;
import meek.stats.OutputSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec.Target;

/** {@code meek batch BATCH.yaml}: a base spec and a grid or list of overrides, one results folder per run. */
@Command(
    name = "batch",
    header = "Runs a grid or list of parameter overrides on a base spec, one results folder each, and indexes them.",
    mixinStandardHelpOptions = true,
    description = {
      "Runs every combination of a grid (or every item of a list) of parameter overrides on a base spec, one",
      "results folder each, then writes the index: batch.csv, batch.md, batch.json and forest.png/.svg (t* median",
      "and 90%% interval per run). Resumable: runs whose manifest matches (spec hash, seed, samples, design) are skipped."
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

  @Option(names = "--dry-run",
      description = "Print the plan (each run, whether it is up to date, the draws, and the time and disk the rest will take, measured on short pilot runs) and write nothing.")
  boolean dryRun;

  /** Where the runs are computed: this machine, or a cluster when meek-spark runs the command. */
  RunEngine engine = RunEngine.LOCAL;

  @Override
  public Integer call() throws IOException {
    RunOptions options = sampling.options(RunOptions.Quantiles.AUTO, true);
    BatchPlan batch = BatchPlan.of(new BatchReader().read(batchFile));
    Path target = out != null ? out : Path.of("results", batch.name());
    PrintWriter o = self.commandLine().getOut();
    if (dryRun) {
      BatchEstimate.printPlan(batch, target, options, true, o);
      return 0;
    }
    execute(batch, target, options, force, sampling.quiet, o, engine);
    return 0;
  }

  /** Runs a batch into its folder and writes the index; the plan is printed once the folder is claimed (a refusal comes first). */
  static void execute(BatchPlan batch, Path target, RunOptions options, boolean force, boolean quiet, PrintWriter out)
      throws IOException {
    execute(batch, target, options, force, quiet, out, RunEngine.LOCAL);
  }

  /** The same, each run computed on the given engine. */
  static void execute(BatchPlan batch, Path target, RunOptions options, boolean force, boolean quiet, PrintWriter out, RunEngine engine)
      throws IOException {
    boolean existed = java.nio.file.Files.exists(target);
    try (Publish.Claim claim = BatchFolder.prepare(batch, target, options, force, batch.inputs(), Main.version())) {
      try {
        if (!quiet) {
          BatchEstimate.printPlan(batch, target, options, false, out);
        }
        BatchRun.execute(batch, options, new Printed(batch, target, options, quiet, out), engine);
        BatchIndex.write(batch, target, options, Main.version());
      } catch (IOException | RuntimeException e) {
        dropIfOnlyManifest(target, existed); // "nothing was written" must be true: no folder holding just our manifest
        throw e;
      }
    }
    if (!quiet) {
      out.printf("Batch index in %s (batch.csv, batch.md, batch.json, forest.png/.svg)%n", target);
    }
  }

  /** Removes a batch folder this invocation made when no run got into it (a failure before the first run ended). */
  private static void dropIfOnlyManifest(Path target, boolean existed) {
    if (existed) {
      return;
    }
    try (var entries = java.nio.file.Files.list(target)) {
      List<Path> all = entries.toList();
      if (all.size() == 1 && all.get(0).getFileName().toString().equals(meek.report.ResultFiles.MANIFEST)) {
        java.nio.file.Files.delete(all.get(0));
        java.nio.file.Files.delete(target);
      }
    } catch (IOException e) {
      // leave it: the failure being reported matters more
    }
  }

  /** Writes each run's folder as it ends, and says so on the terminal. */
  private static final class Printed implements BatchRun.Sink {
    private final BatchPlan batch;
    private final Path target;
    private final RunOptions options;
    private final boolean quiet;
    private final PrintWriter out;
    /** Of the run under way: what its folder was, its progress bar and when it started. */
    private final java.util.Map<Integer, BatchFolder.State> states = new java.util.HashMap<>();
    /** Of runs started together: when they started. */
    private long togetherStart;
    private boolean together;
    private Progress progress;
    private long wallStart;
    /** Runs made so far, and their time: the estimate of what is left. */
    private int ran;
    private double ranSeconds;

    Printed(BatchPlan batch, Path target, RunOptions options, boolean quiet, PrintWriter out) {
      this.batch = batch;
      this.target = target;
      this.options = options;
      this.quiet = quiet;
      this.out = out;
    }

    private String counter(int index, BatchPlan.Job run) {
      return String.format("[%d/%d] %s", index + 1, batch.jobs().size(), run.name());
    }

    @Override
    public boolean isDone(int index, BatchPlan.Job run) {
      BatchFolder.State state = BatchFolder.state(target.resolve(run.name()), run.sha256(), options);
      states.put(index, state);
      if (state == BatchFolder.State.UP_TO_DATE && !quiet) {
        out.println(counter(index, run) + ": up to date (manifest matches), skipped");
      }
      return state == BatchFolder.State.UP_TO_DATE;
    }

    @Override
    public LongConsumer starting(int index, BatchPlan.Job run) {
      wallStart = System.nanoTime();
      progress = new Progress("meek batch " + counter(index, run), options.samples(), !quiet);
      return progress;
    }

    @Override
    public LongConsumer startingTogether(List<BatchPlan.Job> jobs) {
      together = true;
      togetherStart = System.nanoTime();
      wallStart = togetherStart;
      progress = new Progress("meek batch: " + jobs.size() + " run" + (jobs.size() == 1 ? "" : "s") + " together", options.samples() * jobs.size(), !quiet);
      return progress;
    }

    @Override
    public void endedTogether() {
      progress.close();
    }

    @Override
    public void ended(int index, BatchPlan.Job run) {
      progress.close();
    }

    @Override
    public void finished(int index, BatchPlan.Job run, RunResult result) throws IOException {
      BatchFolder.writeRun(target, run, result, Main.version(), wallStart);
      double seconds = (System.nanoTime() - wallStart) / 1e9;
      ranSeconds += seconds;
      ran++;
      if (!quiet && together) { // one job: no time of its own, nothing left to estimate
        out.printf("%s: %s%s%n", counter(index, run), Sentences.briefPeak(result.output(LossView.INFLECTION_TIME), result.samples()),
            states.get(index) == BatchFolder.State.MISSING ? "" : states.get(index) == BatchFolder.State.PARTIAL ? ", redone (was incomplete)" : ", redone (--force)");
      } else if (!quiet) {
        int left = batch.jobs().size() - index - 1; // an upper bound: some may turn out up to date
        out.printf("%s: %s%s, %.1f s%s%n", counter(index, run), Sentences.briefPeak(result.output(LossView.INFLECTION_TIME), result.samples()),
            states.get(index) == BatchFolder.State.MISSING ? "" : states.get(index) == BatchFolder.State.PARTIAL ? ", redone (was incomplete)" : ", redone (--force)",
            seconds, left == 0 ? "" : "; at most about " + BatchEstimate.duration(ranSeconds / ran * left) + " left");
      }
    }
  }
}
