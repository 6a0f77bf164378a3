package meek.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import meek.InputException;
import meek.run.BatchPlan;
import meek.run.RunOptions;
import meek.run.RunResult;

/**
 * A batch's folder: one results folder per run (each published atomically, so an interrupted batch leaves
 * complete runs and nothing half-written), then the index ({@link BatchIndex}). A run whose folder's
 * manifest matches (spec hash, seed, samples, design) is up to date: re-running an interrupted batch redoes
 * only what is missing.
 */
public final class BatchFolder {

  /** What was found in a run's folder. */
  public enum State { MISSING, UP_TO_DATE, PARTIAL, DIFFERENT }

  private BatchFolder() {}

  public static State state(Path runFolder, String sha256, RunOptions options) {
    if (!Files.exists(runFolder)) {
      return State.MISSING;
    }
    if (!Files.isRegularFile(runFolder.resolve(ResultFiles.MANIFEST)) || !Files.isRegularFile(runFolder.resolve(ResultFiles.SUMMARY))) {
      return State.PARTIAL;
    }
    try {
      ResultReader.Manifest m = ResultReader.manifest(runFolder);
      boolean same = m.specSha256().equals(sha256) && m.seed() == options.seed() && m.samples() == options.samples()
          && m.design().equals(options.designName());
      return same ? State.UP_TO_DATE : State.DIFFERENT;
    } catch (IOException | InputException e) {
      return State.PARTIAL;
    }
  }

  /**
   * Claims the batch's folder (locked against other runs until closed) and checks every run before running
   * any, so that a refusal writes nothing: a run folder made with other options needs --force, one meek did
   * not make is never replaced. Then makes the folder, drops meek's stale staging from an interrupted batch
   * and writes the batch's manifest.
   *
   * @param inputs the files the batch reads (batch file, base specs, data), which the folder must not hold
   */
  public static Publish.Claim prepare(BatchPlan batch, Path target, RunOptions options, boolean force, List<Path> inputs, String version)
      throws IOException {
    Publish.Claim claim = Publish.claimBatchFolder(target, inputs);
    try {
      List<String> different = new ArrayList<>();
      for (BatchPlan.Job run : batch.jobs()) {
        Path folder = target.resolve(run.name());
        State state = state(folder, run.sha256(), options);
        if (state == State.DIFFERENT) {
          Publish.refuseForeignFiles(folder, folder);
          different.add(run.name());
        } else if (state == State.PARTIAL && !Publish.isMeeks(folder) && !isEmpty(folder)) {
          throw new InputException(folder + ": exists and was not written by meek (no manifest.json of meek's); the batch would"
              + " replace it with run " + run.name() + "; move it away");
        } else if (state == State.PARTIAL && Publish.isMeeks(folder)) {
          Publish.refuseForeignFiles(folder, folder);
        }
      }
      if (!different.isEmpty() && !force) {
        throw new InputException(target.resolve(different.get(0)) + (different.size() > 1 ? " and " + (different.size() - 1) + " more" : "")
            + ": made with another spec, seed, --samples or --design (manifest.json); re-run with the same options, or pass --force to redo "
            + (different.size() > 1 ? "them" : "it"));
      }
      Files.createDirectories(target);
      List<String> names = new ArrayList<>(batch.jobs().stream().map(BatchPlan.Job::name).toList());
      names.addAll(List.of(ResultFiles.BATCH, "batch.csv", "batch.md", "forest.png", "forest.svg", HtmlReport.FILE, ResultFiles.MANIFEST));
      Publish.removeStaleStaging(target, names);
      long start = System.nanoTime();
      Publish.write(target.resolve(ResultFiles.MANIFEST),
          f -> new FolderManifest(ResultFiles.WrittenBy.BATCH, version).input("batch_file", batch.source()).options(options).write(f, start));
      return claim;
    } catch (IOException | RuntimeException e) {
      claim.close();
      throw e;
    }
  }

  private static boolean isEmpty(Path folder) {
    try (var s = Files.list(folder)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  /** Publishes one run's results folder, with the composed {@code spec.yaml} that reproduces it. */
  public static void writeRun(Path target, BatchPlan.Job run, RunResult result, String version, long wallStart) throws IOException {
    try (Publish.Folder staged = Publish.folder(target.resolve(run.name()), ResultFiles.WrittenBy.BATCH_RUN, true)) {
      staged.publish(f -> {
        RunFolder.write(f, result, null, List.of(), List.of(run.baseText()), version, wallStart);
        Files.write(f.file(ResultFiles.SPEC), run.specYaml());
      });
    }
  }
}
