package meek.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import meek.model.GapModel;
import meek.report.BatchReport;
import meek.report.Numbers;
import meek.report.ResultFolder;
import meek.report.RunFolder;
import meek.spec.Batch;
import meek.InputException;
import meek.stats.Analysis;
import meek.stats.RunOptions;
import meek.stats.RunResult;

/**
 * Runs a batch into one folder: a results folder per run (each written atomically, so an interrupted batch
 * leaves complete runs and nothing half-written), then the index. Runs go one after another, each on all
 * the threads asked for, so the machine is never oversubscribed. A run whose folder's manifest matches
 * (spec hash, seed, samples, design) is skipped: re-running an interrupted batch redoes only what is
 * missing.
 */
final class BatchRunner {

  /** What was found in a run's folder. */
  enum State { MISSING, UP_TO_DATE, PARTIAL, DIFFERENT }

  private BatchRunner() {}

  static State state(Path runFolder, String sha256, RunOptions options) {
    if (!Files.exists(runFolder)) {
      return State.MISSING;
    }
    Path manifest = runFolder.resolve("manifest.json");
    if (!Files.isRegularFile(manifest) || !Files.isRegularFile(runFolder.resolve("summary.json"))) {
      return State.PARTIAL;
    }
    try {
      JsonNode m = new ObjectMapper().readTree(manifest.toFile());
      boolean same = m.path("spec_sha256").asText().equals(sha256) && m.path("seed").asLong() == options.seed()
          && m.path("samples").asLong() == options.samples() && m.path("design").asText().equals(options.design().name().toLowerCase());
      return same ? State.UP_TO_DATE : State.DIFFERENT;
    } catch (IOException e) {
      return State.PARTIAL;
    }
  }

  /**
   * @param afterRun told the name of each run as soon as its folder is committed (tests use it to stop a
   *     batch part way, as a kill would)
   */
  static void execute(Batch batch, Path target, RunOptions options, boolean force, boolean quiet, PrintWriter out,
      Consumer<String> afterRun) throws IOException {
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new InputException(target + ": exists and is not a folder; choose another --out");
    }
    if (Files.isRegularFile(target.resolve("summary.json")) || Files.isRegularFile(target.resolve("compare.json"))) {
      throw new InputException(target + ": holds a run or a comparison, not a batch; choose another --out");
    }
    // check every run before running any, so that a refusal writes nothing
    List<String> different = new ArrayList<>();
    for (Batch.Run run : batch.runs()) {
      if (state(target.resolve(run.name()), run.spec().sha256(), options) == State.DIFFERENT) {
        different.add(run.name());
      }
    }
    if (!different.isEmpty() && !force) {
      throw new InputException(target.resolve(different.get(0)) + (different.size() > 1 ? " and " + (different.size() - 1) + " more" : "")
          + ": made with another spec, seed, --samples or --design (manifest.json); re-run with the same options, or pass --force to redo "
          + (different.size() > 1 ? "them" : "it"));
    }
    Files.createDirectories(target);
    removeStaleStaging(target);
    int n = batch.runs().size();
    for (int i = 0; i < n; i++) {
      Batch.Run run = batch.runs().get(i);
      Path folder = target.resolve(run.name());
      State state = state(folder, run.spec().sha256(), options);
      String counter = String.format("[%d/%d] %s", i + 1, n, run.name());
      if (state == State.UP_TO_DATE) {
        if (!quiet) {
          out.println(counter + ": up to date (manifest matches), skipped");
        }
        continue;
      }
      long wallStart = System.nanoTime();
      GapModel model = new GapModel(run.spec().model());
      Analysis.checkMemory(model, options, run.spec().times().length);
      RunResult result;
      try (Progress progress = new Progress("meek batch " + counter, options.samples(), !quiet)) {
        result = Analysis.run(run.spec(), model, options, null, progress);
      }
      try (ResultFolder staged = ResultFolder.open(folder, true)) {
        RunFolder.write(staged, result, null, List.of(), List.of(run.base()), Main.version(), wallStart);
        Files.write(staged.file("spec.yaml"), run.specYaml());
        staged.commit();
      }
      if (!quiet) {
        var t = result.output("inflection_time_years");
        out.printf("%s: t* median %s years (90%% interval %s–%s)%s, %.1f s%n", counter, Numbers.sig(t.at(0.5).value(), 3),
            Numbers.sig(t.at(0.05).value(), 3), Numbers.sig(t.at(0.95).value(), 3),
            state == State.MISSING ? "" : state == State.PARTIAL ? ", redone (was incomplete)" : ", redone (--force)",
            (System.nanoTime() - wallStart) / 1e9);
      }
      afterRun.accept(run.name());
    }
    BatchReport.writeIndex(batch, target, options, Main.version());
    if (!quiet) {
      out.printf("Batch index in %s (batch.csv, batch.md, batch.json, forest.png/.svg)%n", target);
    }
  }

  /**
   * Staging folders and temporary files a killed batch left behind (hidden, named by ResultFolder and
   * BatchReport): never results, safe to drop.
   */
  private static void removeStaleStaging(Path target) throws IOException {
    try (DirectoryStream<Path> hidden = Files.newDirectoryStream(target, "{.*.tmp-*,.*.old-*,.*.tmp}")) {
      for (Path p : hidden) {
        if (Files.isDirectory(p)) {
          org.apache.commons.io.file.PathUtils.deleteDirectory(p);
        } else {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
