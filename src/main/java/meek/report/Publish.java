package meek.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import meek.InputException;
import meek.RuntimeFailure;
import org.apache.commons.io.file.PathUtils;

/**
 * How every result appears, and what meek may replace. A target (a results folder, or a single file such as a
 * sample file) is first <em>claimed</em> ({@link #claimFolder}, {@link #claimFile}): checked as safe to
 * write, and locked against other meek runs. Its files are then written into a hidden staging folder beside
 * it ({@code .NAME.tmp-…}), renamed into place in one step on commit, so that a reader, or an interrupted run,
 * sees the old result or the new one and never half of one.
 *
 * <p>meek replaces only what it made: a folder whose {@code manifest.json} says meek wrote it, a sample file
 * it wrote, or an empty folder; never the current folder or one above it, a folder holding a file the command
 * reads, a git work tree, or anything else — and {@code --force} does not change that.
 */
public final class Publish {

  private Publish() {}

  /** The names of meek's staging beside a target NAME: what a later run may clear. */
  private static String stagingGlob(Path target) {
    String name = target.getFileName().toString().replace("\\", "\\\\").replaceAll("([*?\\[\\]{},])", "\\\\$1");
    return "{." + name + ".tmp-*,." + name + ".old-*}";
  }

  /** Live staging of this process, cleared if it is interrupted ({@link #abandonAll}). */
  private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
  /** Lock files of this process's claims, removed if it is interrupted. */
  private static final Set<Path> LOCKS = ConcurrentHashMap.newKeySet();
  private static final Object COMMITS = new Object();
  private static volatile boolean closing;
  private static volatile boolean committed;

  /**
   * Checks that a results folder may be written, locks it against other meek runs and clears the staging a
   * killed run left beside it. Nothing is written but the lock file.
   *
   * @param writes what the command writes there: --force replaces only a folder of meek's written the same way
   * @param force replace a results folder meek wrote (it never replaces anything else)
   * @param inputs files the command reads: the target must not hold any of them
   */
  public static Claim claimFolder(Path target, ResultFiles.WrittenBy writes, boolean force, List<Path> inputs) {
    Path at = checkFolder(target, writes, force, inputs);
    return new Claim(target, at, writes, force);
  }

  /**
   * Claims a batch's folder, which a batch fills run by run and a later batch resumes: it may exist if meek
   * made it for a batch (its manifest says so, or, from meek before 0.2, it holds a batch.json), or is empty.
   */
  public static Claim claimBatchFolder(Path target, List<Path> inputs) {
    Path at = absolute(target);
    if (Files.isDirectory(at) && !isEmpty(at) && isMeeksBatch(at)) {
      checkPlace(target, at, inputs);
    } else {
      checkFolder(target, ResultFiles.WrittenBy.BATCH, false, inputs); // (another kind of meek's is refused in its words)
    }
    return new Claim(target, at, ResultFiles.WrittenBy.BATCH, false);
  }

  private static boolean isMeeksBatch(Path folder) {
    if (isMeeks(folder)) {
      return writtenBy(folder).equals(Optional.of(ResultFiles.WrittenBy.BATCH));
    }
    try {
      return !Files.exists(folder.resolve(ResultFiles.MANIFEST)) && Json.MAPPER.readTree(folder.resolve(ResultFiles.BATCH).toFile()).has("runs");
    } catch (IOException e) {
      return false;
    }
  }

  /** The same for a single file meek writes (a sample file), named by {@code option} in messages. */
  public static Claim claimFile(Path target, boolean force, List<Path> inputs, String option) {
    Path at = absolute(target);
    for (Path input : inputs) {
      if (Files.exists(input) && Files.exists(at) && isSame(input, at)) {
        throw new InputException(target + ": is " + input + ", which meek reads; name another " + option + " file");
      }
    }
    if (Files.isDirectory(at)) {
      throw new InputException(target + ": is a folder; " + option + " names a file, e.g. samples.csv.gz");
    }
    if (Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
      if (!isMeeksSampleFile(at)) {
        throw new InputException(target + ": exists and was not written by meek; meek replaces only its own files; name another "
            + option + " file");
      }
      if (!force) {
        throw new InputException(target + ": already exists; pass --force to replace it, or name another " + option + " file");
      }
    }
    return new Claim(target, at, null, force);
  }

  /** The checks of {@link #claimFolder}, without the lock: the folder where the results will go. */
  static Path checkFolder(Path target, ResultFiles.WrittenBy writes, boolean force, List<Path> inputs) {
    Path at = absolute(target);
    checkPlace(target, at, inputs);
    if (!Files.exists(at)) {
      return at;
    }
    if (!Files.isDirectory(at)) {
      throw new InputException(target + ": exists and is not a folder; choose another --out");
    }
    if (isEmpty(at)) {
      return at;
    }
    if (!isMeeks(at)) {
      throw new InputException(target + ": exists and was not written by meek (no manifest.json of meek's); meek replaces only its own"
          + " results folders or an empty one; choose another --out");
    }
    Optional<ResultFiles.WrittenBy> found = writtenBy(at);
    if (found.isEmpty() || !writes.replaces(found.get())) {
      throw new InputException(target + ": holds " + found.map(ResultFiles.WrittenBy::words).orElse("meek's results of a kind this"
          + " version does not know") + "; " + writes.words() + " goes only where meek wrote the same kind of results; choose another"
          + " --out, or remove that folder yourself");
    }
    refuseForeignFiles(target, at);
    if (!force) {
      throw new InputException(target + ": already exists; pass --force to replace it, or choose another folder with --out");
    }
    return at;
  }

  /**
   * The names of the files meek writes into each kind of results folder: a folder with a manifest of meek's
   * may still hold a user's notes (or a spec.yaml in a run's folder), and replacing it would delete them.
   */
  private static final String COMMON = "manifest\\.json|references\\.bib|report\\.html";
  /** Every view's fan stem (fan, fan_benchmark, …), from the one list of views: a new view needs no edit here. */
  private static final String FANS = "(" + java.util.Arrays.stream(meek.model.Metric.values()).map(m -> Pattern.quote(m.fileStem()))
      .collect(java.util.stream.Collectors.joining("|")) + ")";
  /** A run's files; a batch's run also holds its composed spec.yaml. */
  private static final String RUN = COMMON + "|summary\\.(json|md)|quantiles\\.csv|inflection_time\\.(png|svg)"
      + "|" + FANS + "\\.(csv|png|svg)";
  /** The files each kind of folder holds (a batch's: its index; its runs are folders of their own). */
  private static final Map<ResultFiles.WrittenBy, Pattern> MEEKS_FILES = Map.of(
      ResultFiles.WrittenBy.RUN, Pattern.compile(RUN),
      ResultFiles.WrittenBy.BATCH_RUN, Pattern.compile(RUN + "|spec\\.yaml"),
      ResultFiles.WrittenBy.COMPARE, Pattern.compile(COMMON + "|compare\\.(json|csv|md)|compare_fan\\.(png|svg)"),
      ResultFiles.WrittenBy.SENSITIVITY, Pattern.compile(COMMON + "|sensitivity\\.(json|csv|md)"
          + "|(tornado|sobol)_(inflection_time_years|peak_gap_nats|gap_-?[0-9]+(\\.[0-9]+)?_nats)\\.(png|svg)"),
      ResultFiles.WrittenBy.FIT_BENCHMARK, Pattern.compile(COMMON + "|benchmark\\.yaml|fit\\.(json|png|svg)"),
      ResultFiles.WrittenBy.PART, Pattern.compile(COMMON + "|part\\.bin"),
      ResultFiles.WrittenBy.CALIBRATE, Pattern.compile(COMMON + "|posterior\\.json|summary\\.md|parameters\\.csv|inflection_time\\.(png|svg)"
          + "|" + FANS + "(\\.(csv|png|svg)|_prior\\.csv)"),
      ResultFiles.WrittenBy.BATCH, Pattern.compile(COMMON + "|batch\\.(json|csv|md)|forest\\.(png|svg)"));

  /** A kind this version does not know: only the files every folder holds are meek's. */
  private static final Pattern COMMON_FILES = Pattern.compile(COMMON);

  /**
   * What in a folder meek did not write: files not named as meek names the results of that kind of folder (its
   * manifest's "kind"; a sample file meek wrote is meek's), and any subfolder. Empty when the folder holds
   * meek's files only.
   */
  public static List<String> foreignFiles(Path folder) {
    List<String> foreign = new java.util.ArrayList<>();
    Pattern names = writtenBy(folder).map(MEEKS_FILES::get).orElse(COMMON_FILES);
    try (Stream<Path> entries = Files.list(folder)) {
      entries.sorted().forEach(p -> {
        String name = p.getFileName().toString();
        boolean meeks = Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
            && (names.matcher(name).matches() || (name.endsWith(".csv.gz") && isMeeksSampleFile(p)));
        if (!meeks) {
          foreign.add(name + (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "/" : ""));
        }
      });
    } catch (IOException e) {
      foreign.add("(cannot be listed: " + e.getMessage() + ")");
    }
    return foreign;
  }

  /** Refuses to replace a folder of meek's that also holds what meek did not write. */
  public static void refuseForeignFiles(Path target, Path at) {
    List<String> foreign = foreignFiles(at);
    if (!foreign.isEmpty()) {
      throw new InputException(target + ": holds what meek did not write (" + foreign.get(0)
          + (foreign.size() > 1 ? " and " + (foreign.size() - 1) + " more" : "")
          + "); meek replaces only a folder of its own results; move them away or choose another --out");
    }
  }

  /** What no results folder may be, whatever it holds: the current folder or above, a holder of an input, a git work tree. */
  private static void checkPlace(Path target, Path at, List<Path> inputs) {
    Path cwd = absolute(Path.of(""));
    if (cwd.startsWith(at)) {
      throw new InputException(target + ": is the current folder or holds it; results need a folder of their own; choose another --out");
    }
    for (Path input : inputs) {
      Path in = absolute(input);
      if (in.startsWith(at)) {
        throw new InputException(target + ": holds " + input + ", which this command reads; choose another --out");
      }
    }
    if (Files.exists(at.resolve(".git"))) {
      throw new InputException(target + ": is a git work tree; meek never replaces one; choose another --out");
    }
  }

  /**
   * Which command wrote a folder of meek's, from its manifest (a run's has no "kind"; a batch's run names its
   * composed spec "RUN/spec.yaml"); a run's when the manifest cannot be read, empty for a kind this version
   * does not know.
   */
  static Optional<ResultFiles.WrittenBy> writtenBy(Path folder) {
    try {
      JsonNode m = Json.MAPPER.readTree(folder.resolve(ResultFiles.MANIFEST).toFile());
      String kind = m.path("kind").asText("run");
      if (kind.equals("run") && m.path("spec_file").asText().equals(folder.getFileName() + "/" + ResultFiles.SPEC)) {
        return Optional.of(ResultFiles.WrittenBy.BATCH_RUN);
      }
      return ResultFiles.WrittenBy.of(kind);
    } catch (IOException e) {
      return Optional.of(ResultFiles.WrittenBy.RUN);
    }
  }

  /** Whether meek wrote this folder: its manifest.json says so. */
  public static boolean isMeeks(Path folder) {
    Path manifest = folder.resolve(ResultFiles.MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      return false;
    }
    try {
      JsonNode m = Json.MAPPER.readTree(manifest.toFile());
      return m != null && "meek".equals(m.path("tool").asText());
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether meek wrote this sample file: a gzipped CSV whose header starts with meek's "sample," column. */
  private static boolean isMeeksSampleFile(Path file) {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      byte[] head = in.readNBytes(7);
      return new String(head, StandardCharsets.US_ASCII).equals("sample,");
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isEmpty(Path folder) {
    try (Stream<Path> s = Files.list(folder)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isSame(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  /** The path as the file system resolves it (through links), or its absolute normal form if it does not exist. */
  private static Path absolute(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    try {
      if (Files.exists(abs)) {
        return abs.toRealPath();
      }
      Path parent = abs.getParent();
      return parent != null && Files.exists(parent) ? parent.toRealPath().resolve(abs.getFileName()) : abs;
    } catch (IOException e) {
      return abs;
    }
  }

  /**
   * A target claimed for this run: checked, and locked against other meek runs until closed. Its results are
   * written through {@link #stage()} or {@link #stageFile()}.
   */
  public static final class Claim implements AutoCloseable {
    private final Path given;
    private final Path target;
    /** What the claimed folder will hold; null for a file. */
    private final ResultFiles.WrittenBy writes;
    private final boolean force;
    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;

    private Claim(Path given, Path target, ResultFiles.WrittenBy writes, boolean force) {
      this.given = given;
      this.target = target;
      this.writes = writes;
      this.force = force;
      boolean folder = writes != null;
      this.lockFile = target.resolveSibling("." + target.getFileName() + ".lock");
      FileChannel c;
      FileLock l;
      Path created = firstMissing(target.getParent()); // removed again if the claim fails: no empty results/ left behind
      try {
        Files.createDirectories(target.getParent());
        while (true) {
          c = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          try {
            l = c.tryLock();
          } catch (OverlappingFileLockException e) {
            l = null; // this process holds it already
          }
          if (l == null) {
            c.close();
            throw new RuntimeFailure(given + ": is being written by another meek run; wait for it to finish, or choose another"
                + (folder ? " --out" : " file"));
          }
          if (Files.exists(lockFile)) {
            break;
          }
          // the run before us deleted the lock file after we opened it: take a fresh one
          l.release();
          c.close();
        }
        LOCKS.add(lockFile);
        removeStaleStaging(target);
      } catch (IOException e) {
        removeEmpty(created, target.getParent());
        String what = folder ? "the results folder" : "the file";
        if (e instanceof java.nio.file.FileAlreadyExistsException || e instanceof java.nio.file.NotDirectoryException) {
          throw new InputException(given + ": cannot create " + what + ": " + ((FileSystemException) e).getFile()
              + " is a file, not a folder; choose another " + (folder ? "--out" : "file"));
        }
        // a read-only disk or a folder without permission: the run's surroundings, not its input
        throw new RuntimeFailure(given + ": cannot create " + what + " (" + RuntimeFailure.reason(e) + ")");
      } catch (RuntimeException e) {
        removeEmpty(created, target.getParent());
        throw e;
      }
      this.channel = c;
      this.lock = l;
    }

    /** A staging folder for the results folder claimed. */
    public Folder stage() {
      if (writes == null) {
        throw new IllegalStateException("a file claim stages a file");
      }
      return new Folder(given, target, writes, force);
    }

    /** A staging folder holding the one file claimed, under its own name. */
    public StagedFile stageFile() {
      if (writes != null) {
        throw new IllegalStateException("a folder claim stages a folder");
      }
      return new StagedFile(target);
    }

    @Override
    public void close() {
      try {
        Files.deleteIfExists(lockFile);
        LOCKS.remove(lockFile);
        lock.release();
        channel.close();
      } catch (IOException e) {
        // the lock dies with the process in any case
      }
    }
  }

  /** Opens a staging folder for a results folder inside a folder already claimed (a run of a batch). */
  public static Folder folder(Path target, ResultFiles.WrittenBy writes, boolean force) {
    Path at = checkFolder(target, writes, force, List.of());
    return new Folder(target, at, writes, force);
  }

  /** Writes one file atomically, beside files of a folder already claimed (a batch's index). */
  public static void write(Path target, FileWriter writer) throws IOException {
    try (StagedFile f = new StagedFile(absolute(target))) {
      writer.write(f.path());
      f.commit();
    }
  }

  /** Writes a file given its path. */
  public interface FileWriter {
    void write(Path file) throws IOException;
  }

  /**
   * meek's staging left beside {@code target} by a run that was killed: a half-written {@code .NAME.tmp-…} is
   * dropped; a {@code .NAME.old-…} is the previous result, set aside in the instant of a replacement, and is
   * put back if the target is missing (dropped otherwise).
   */
  static void removeStaleStaging(Path target) throws IOException {
    if (!Files.isDirectory(target.getParent())) {
      return;
    }
    try (DirectoryStream<Path> hidden = Files.newDirectoryStream(target.getParent(), stagingGlob(target))) {
      for (Path p : hidden) {
        if (LIVE.contains(p)) {
          continue;
        }
        if (p.getFileName().toString().startsWith("." + target.getFileName() + ".old-") && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          rename(p, target, false);
        } else {
          delete(p);
        }
      }
    }
  }

  /** meek's staging left in {@code folder} by a batch that was killed (its runs' and its index files'). */
  public static void removeStaleStaging(Path folder, List<String> names) throws IOException {
    for (String name : names) {
      removeStaleStaging(folder.resolve(name));
    }
  }

  /**
   * Called once when the process is interrupted: no commit happens after it, and every staging folder of
   * this process is deleted.
   *
   * @return whether some result was committed before (a batch's finished runs stay)
   */
  public static boolean abandonAll() {
    synchronized (COMMITS) {
      closing = true;
    }
    for (Path p : LIVE) {
      for (int attempt = 0; attempt < 3 && Files.exists(p, LinkOption.NOFOLLOW_LINKS); attempt++) {
        try {
          delete(p);
        } catch (IOException | UncheckedIOException e) {
          // a writer was still adding a file: try again
        }
      }
    }
    for (Path lock : LOCKS) {
      try {
        Files.deleteIfExists(lock);
      } catch (IOException e) {
        // a stale lock file holds no lock: the next run takes it
      }
    }
    return committed;
  }

  /** A results folder being written: files go into {@link #file}; {@link #commit} puts it in place. */
  public static final class Folder implements AutoCloseable {
    private final Path given;
    private final Path target;
    private final ResultFiles.WrittenBy writes;
    private final boolean force;
    private final Path staging;
    private boolean done;

    private Folder(Path given, Path target, ResultFiles.WrittenBy writes, boolean force) {
      this.given = given;
      this.target = target;
      this.writes = writes;
      this.force = force;
      this.staging = stage(target);
    }

    /** A file inside the (staging) folder. */
    public Path file(String name) {
      return staging.resolve(name);
    }

    /** What goes into a results folder: files written with {@link #file}. */
    @FunctionalInterface
    public interface Contents {
      void writeTo(Folder folder) throws IOException;
    }

    /**
     * Writes the contents into staging and moves the folder into place. A write that fails (a full disk)
     * is one line naming the folder as the user gave it, and nothing of it is left.
     */
    public void publish(Contents contents) {
      try {
        contents.writeTo(this);
        commit();
      } catch (IOException e) {
        throw new RuntimeFailure(given + ": cannot be written (" + RuntimeFailure.reason(e) + "); nothing was written");
      } catch (UncheckedIOException e) {
        throw new RuntimeFailure(given + ": cannot be written (" + RuntimeFailure.reason(e.getCause()) + "); nothing was written");
      }
    }

    /** Moves the staging folder into place, replacing what was there (checked again: it may have changed). */
    public void commit() throws IOException {
      synchronized (COMMITS) {
        if (closing) {
          throw new RuntimeFailure("interrupted; nothing was written");
        }
        checkFolder(given, writes, force, List.of());
        Path old = null;
        if (Files.exists(target)) {
          old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
          Files.delete(old);
          rename(target, old, false);
        }
        try {
          rename(staging, target, false);
        } catch (IOException e) {
          if (old != null) {
            rename(old, target, false); // the results that were there stay there
          }
          throw e;
        }
        LIVE.remove(staging);
        done = true;
        committed = true;
        if (old != null) {
          delete(old);
        }
      }
    }

    @Override
    public void close() {
      if (!done) {
        deleteQuietly(staging);
        LIVE.remove(staging);
      }
    }
  }

  /** One file being written, under its own name inside a staging folder; {@link #commit} puts it in place. */
  public static final class StagedFile implements AutoCloseable {
    private final Path target;
    private final Path staging;
    private boolean done;

    private StagedFile(Path target) {
      this.target = target;
      this.staging = stage(target);
    }

    /** Where to write the file. */
    public Path path() {
      return staging.resolve(target.getFileName().toString());
    }

    /** The name it will have (for messages). */
    public Path target() {
      return target;
    }

    /** Moves the file into place, replacing an existing one. */
    public void commit() throws IOException {
      synchronized (COMMITS) {
        if (closing) {
          throw new RuntimeFailure("interrupted; nothing was written");
        }
        readableByAll(path(), "rw-r--r--");
        rename(path(), target, true);
        done = true;
        committed = true;
        deleteQuietly(staging);
        LIVE.remove(staging);
      }
    }

    @Override
    public void close() {
      if (!done) {
        deleteQuietly(staging);
        LIVE.remove(staging);
      }
    }
  }

  /** The outermost ancestor of {@code folder} (or itself) that does not exist yet; null when it exists. */
  private static Path firstMissing(Path folder) {
    Path missing = null;
    for (Path p = folder; p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
      missing = p;
    }
    return missing;
  }

  /** Removes the folders from {@code deepest} up to {@code top} that this claim created, if they are still empty. */
  private static void removeEmpty(Path top, Path deepest) {
    if (top == null) {
      return;
    }
    for (Path p = deepest; p != null && p.startsWith(top); p = p.getParent()) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        return; // not empty (something else is there now), or not ours to remove
      }
    }
  }

  /** A fresh hidden staging folder beside {@code target}, readable like any other result. */
  private static Path stage(Path target) {
    try {
      Files.createDirectories(target.getParent());
      Path staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".tmp-");
      LIVE.add(staging);
      readableByAll(staging, "rwxr-xr-x");
      return staging;
    } catch (IOException e) {
      throw new RuntimeFailure(target + ": cannot create the results folder (" + RuntimeFailure.reason(e) + ")");
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
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      PathUtils.deleteDirectory(p);
    } else {
      Files.deleteIfExists(p);
    }
  }

  private static void deleteQuietly(Path p) {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      delete(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
