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
