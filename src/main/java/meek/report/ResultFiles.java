package meek.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The names of the files in a results folder that meek itself reads back (cite, batch re-runs, --force),
 * and what kind of folder holds them. Users' scripts rely on these names: they do not change.
 */
public final class ResultFiles {

  /** Every folder meek writes: who wrote it, from what, with which options. */
  public static final String MANIFEST = "manifest.json";
  /** A single run's quantiles. */
  public static final String SUMMARY = "summary.json";
  /** A calibration's posterior (summary.json's keys, and its diagnostics). */
  public static final String POSTERIOR = "posterior.json";
  /** A comparison's per-spec quantiles and paired differences. */
  public static final String COMPARE = "compare.json";
  /** A batch's index of runs. */
  public static final String BATCH = "batch.json";
  /** The composed spec of a batch run, which reproduces it alone. */
  public static final String SPEC = "spec.yaml";

  /** What a results folder holds. */
  public enum Kind {
    RUN(SUMMARY), COMPARISON(COMPARE), BATCH(ResultFiles.BATCH), CALIBRATION(POSTERIOR);

    private final String file;

    Kind(String file) {
      this.file = file;
    }

    /** The file that marks this kind. */
    public String file() {
      return file;
    }
  }

  /**
   * Which command wrote a results folder: its manifest's {@code "kind"} (a run's manifest has none; a batch's run
   * is a run whose manifest names its own composed spec.yaml). {@code --force} replaces only a folder written the
   * same way as the command's own results.
   */
  public enum WrittenBy {
    RUN("run", "a run's results (meek run or meek merge)"),
    BATCH_RUN("batch-run", "a run of a batch (meek batch keeps it for its index and resumes)"),
    PART("part", "a part of a split run (meek run --part)"),
    COMPARE("compare", "a comparison (meek compare)"),
    SENSITIVITY("sensitivity", "a sensitivity analysis (meek sensitivity)"),
    FIT_BENCHMARK("fit-benchmark", "a benchmark fit (meek fit-benchmark)"),
    CALIBRATE("calibrate", "a calibration (meek calibrate)"),
    BATCH("batch", "a batch (meek batch)");

    private final String key;
    private final String words;

    WrittenBy(String key, String words) {
      this.key = key;
      this.words = words;
    }

    /** The manifest's "kind" (a batch's run: "batch-run", which no manifest spells). */
    public String key() {
      return key;
    }

    /** What such a folder holds, in a sentence's words. */
    public String words() {
      return words;
    }

    /** Whether a command writing this kind may replace (with --force) a folder written as {@code found}. */
    public boolean replaces(WrittenBy found) {
      // a batch re-runs into its own run folders, where a plain run may have been put by hand
      return found == this || (this == BATCH_RUN && found == RUN);
    }

    /** The kind of a manifest's "kind" key; empty for a key this version does not know. */
    public static Optional<WrittenBy> of(String key) {
      for (WrittenBy w : values()) {
        if (w.key.equals(key)) {
          return Optional.of(w);
        }
      }
      return Optional.empty();
    }
  }

  private ResultFiles() {}

  /** The kind of results the folder holds, judged by its marking file; empty if none. */
  public static Optional<Kind> kind(Path folder) {
    for (Kind k : Kind.values()) {
      if (Files.isRegularFile(folder.resolve(k.file()))) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
