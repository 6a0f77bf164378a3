package meek.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import meek.InputException;
import org.apache.commons.io.file.PathUtils;

/**
 * How every result appears: written into a hidden staging folder beside its target
 * ({@code .NAME.tmp-…}), then renamed into place in one step, so that a reader (or an interrupted run) sees
 * the old result or the new one, never half of one. The one publishing routine of meek: results folders
 * ({@link Folder}) and single files (a batch's index, a sample file: {@link StagedFile}) both go through it.
 */
public final class Publish {

  private Publish() {}

  /** The glob of meek's own staging names in a folder: what {@link #removeStaleStaging} may delete. */
  static final String STAGING_GLOB = "{.*.tmp-*,.*.old-*}";

  /**
   * Checks that a results folder may be written, without writing anything: call it before a long run so
   * that the user hears at once.
   */
  public static void checkFolder(Path target, boolean force) {
    if (Files.exists(target) && !force) {
      throw new InputException(target + ": already exists; pass --force to replace it, or choose another folder with --out");
    }
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new InputException(target + ": exists and is not a folder; choose another --out");
    }
  }

  /** Checks that a single result file may be written ({@code option} names it in messages). */
  public static void checkFile(Path target, boolean force, String option) {
    if (Files.exists(target) && !force) {
      throw new InputException(target + ": already exists; pass --force to replace it, or name another " + option + " file");
    }
    if (Files.isDirectory(target)) {
      throw new InputException(target + ": is a folder; " + option + " names a file, e.g. samples.csv.gz");
    }
  }

  /** Opens a staging folder for a results folder (replacing an existing one on commit, as --force allows). */
  public static Folder folder(Path target, boolean force) {
    checkFolder(target, force);
    return new Folder(target.toAbsolutePath().normalize());
  }

  /** Opens a staging folder for one file; the file is written under its own name there. */
  public static StagedFile file(Path target) {
    return new StagedFile(target.toAbsolutePath().normalize());
  }

  /** Writes one file atomically. */
  public static void write(Path target, FileWriter writer) throws IOException {
    try (StagedFile f = file(target)) {
      writer.write(f.path());
      f.commit();
    }
  }

  /** Writes a file given its path. */
  public interface FileWriter {
    void write(Path file) throws IOException;
  }

  /** meek's staging left in {@code folder} by a run that was killed: never results, safe to drop. */
  public static void removeStaleStaging(Path folder) throws IOException {
    try (DirectoryStream<Path> hidden = Files.newDirectoryStream(folder, STAGING_GLOB)) {
      for (Path p : hidden) {
        delete(p);
      }
    }
  }

  /** A results folder being written: files go into {@link #file}; {@link #commit} puts it in place. */
  public static final class Folder implements AutoCloseable {
    private final Path target;
    private final Path staging;
    private boolean committed;

    private Folder(Path target) {
      this.target = target;
      this.staging = stage(target);
    }

    /** A file inside the (staging) folder. */
    public Path file(String name) {
      return staging.resolve(name);
    }

    /** Moves the staging folder into place, replacing an existing target. */
    public void commit() throws IOException {
      Path old = null;
      if (Files.exists(target)) {
        old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
        Files.delete(old);
        rename(target, old, false);
      }
      rename(staging, target, false);
      committed = true;
      if (old != null) {
        delete(old);
      }
    }

    @Override
    public void close() {
      if (!committed) {
        deleteQuietly(staging);
      }
    }
  }

  /** One file being written, under its own name inside a staging folder; {@link #commit} puts it in place. */
  public static final class StagedFile implements AutoCloseable {
    private final Path target;
    private final Path staging;
    private boolean committed;

    private StagedFile(Path target) {
      this.target = target;
      this.staging = stage(target);
    }

    /** Where to write the file. */
    public Path path() {
      return staging.resolve(target.getFileName().toString());
    }

    /** Moves the file into place, replacing an existing one. */
    public void commit() throws IOException {
      readableByAll(path(), "rw-r--r--");
      rename(path(), target, true);
      committed = true;
      deleteQuietly(staging);
    }

    @Override
    public void close() {
      if (!committed) {
        deleteQuietly(staging);
      }
    }
  }

  /** A fresh hidden staging folder beside {@code target}, readable like any other result. */
  private static Path stage(Path target) {
    try {
      Files.createDirectories(target.getParent());
      Path staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".tmp-");
      readableByAll(staging, "rwxr-xr-x");
      return staging;
    } catch (IOException e) {
      throw new InputException(target + ": cannot create the results folder (" + e.getMessage() + ")");
    }
  }

  /** The one rename that publishes: atomic where the file system can, a plain move where it cannot. */
  private static void rename(Path from, Path to, boolean replace) throws IOException {
    StandardCopyOption[] atomic = replace
        ? new StandardCopyOption[] {StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING}
        : new StandardCopyOption[] {StandardCopyOption.ATOMIC_MOVE};
    try {
      Files.move(from, to, atomic);
    } catch (AtomicMoveNotSupportedException e) {
      if (replace) {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.move(from, to);
      }
    }
  }

  /** Temp folders are private by default; results are meant to be shared like any other file. */
  private static void readableByAll(Path p, String permissions) {
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(permissions));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: keep its defaults
    }
  }

  private static void delete(Path p) throws IOException {
    if (Files.isDirectory(p)) {
      PathUtils.deleteDirectory(p);
    } else {
      Files.deleteIfExists(p);
    }
  }

  private static void deleteQuietly(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try {
      delete(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
