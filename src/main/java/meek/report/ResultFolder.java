package meek.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import meek.InputException;
import org.apache.commons.io.file.PathUtils;

/**
 * A results folder written atomically: files go into a hidden sibling folder, which replaces the target in
 * one rename on {@link #commit()}. A run that fails or is interrupted leaves the target as it was.
 */
public final class ResultFolder implements AutoCloseable {

  private final Path target;
  private final Path staging;
  private boolean committed;

  private ResultFolder(Path target, Path staging) {
    this.target = target;
    this.staging = staging;
  }

  /**
   * Checks that {@code target} may be written, without writing anything. Call it before a long run so that
   * the user hears at once.
   */
  public static void checkWritable(Path target, boolean force) {
    if (Files.exists(target) && !force) {
      throw new InputException(
          target + ": already exists; pass --force to replace it, or choose another folder with --out");
    }
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new InputException(target + ": exists and is not a folder; choose another --out");
    }
  }

  /** Opens a staging folder beside {@code target}. */
  public static ResultFolder open(Path target, boolean force) {
    checkWritable(target, force);
    Path abs = target.toAbsolutePath().normalize();
    try {
      Files.createDirectories(abs.getParent());
      Path staging = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".tmp-");
      readableByAll(staging, "rwxr-xr-x");
      return new ResultFolder(abs, staging);
    } catch (IOException e) {
      throw new InputException(target + ": cannot create the results folder (" + e.getMessage() + ")");
    }
  }

  /** Temp files and folders are private by default; results are meant to be shared like any other file. */
  static void readableByAll(Path p, String permissions) {
    try {
      Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(permissions));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: keep its defaults
    }
  }

  /** A file inside the (staging) folder. */
  public Path file(String name) {
    return staging.resolve(name);
  }

  /** Moves the staging folder into place, replacing an existing target (allowed by --force). */
  public void commit() throws IOException {
    Path old = null;
    if (Files.exists(target)) {
      old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
      Files.delete(old);
      move(target, old);
    }
    move(staging, target);
    committed = true;
    if (old != null) {
      deleteTree(old);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  @Override
  public void close() {
    if (!committed) {
      deleteTree(staging);
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      PathUtils.deleteDirectory(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
