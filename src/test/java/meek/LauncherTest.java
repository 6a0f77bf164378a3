package meek;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's start-up archive, with a stand-in {@code java} on the PATH that logs its calls (a real archive
 * takes seconds to make): made once for a jar and a java, not retried after a failure, remade for another
 * jar, never made in a read-only checkout. The launcher and the rules it sources are copied beside a jar with
 * no other sources, so it builds nothing. {@link SparkLauncherTest} runs the same cases on meek-spark's.
 */
class LauncherTest {

  @TempDir Path dir;
  private Path checkout;
  private Path log;
  private Path bin;

  @BeforeEach
  void setUp() throws IOException {
    checkout = Files.createDirectories(dir.resolve("a checkout"));
    Files.copy(Path.of(launcher()), checkout.resolve(launcher()));
    Path rules = Files.createDirectories(checkout.resolve("src/main/sh"));
    try (var scripts = Files.list(Path.of("src/main/sh"))) { // the rules the launchers source
      for (Path script : (Iterable<Path>) scripts::iterator) {
        Path copy = rules.resolve(script.getFileName());
        Files.copy(script, copy);
        Files.setLastModifiedTime(copy, FileTime.from(Instant.now().minusSeconds(3600))); // older than the jar: no build
      }
    }
    Files.createDirectories(checkout.resolve("target"));
    Files.writeString(jar(), "a jar");
    Files.writeString(checkout.resolve("target/spark-classpath.txt"), "spark.jar"); // (meek-spark's, unused by meek)
    log = dir.resolve("java.log");
    bin = Files.createDirectories(dir.resolve("bin"));
    // records each call; makes the class list and the archive it is asked for, unless FAIL_DUMP is set
    Files.writeString(bin.resolve("java"), String.join("\n",
        "#!/usr/bin/env bash",
        "echo \"$*\" >>\"$JAVA_LOG\"",
        "for a in \"$@\"; do",
        "  case \"$a\" in",
        "    -XX:DumpLoadedClassList=*) : >\"${a#*=}\" ;;",
        "    -Xshare:dump) [ -n \"${FAIL_DUMP:-}\" ] && exit 1; dump=1 ;;",
        "    -cp) [ -n \"${REBUILD_JAR:-}\" ] && touch -d '+2 minutes' \"$REBUILD_JAR\" ;;",
        "    -XX:SharedArchiveFile=*) archive=\"${a#*=}\" ;;",
        "  esac",
        "done",
        "[ -n \"${dump:-}\" ] && echo archive >\"$archive\"",
        "exit 0", ""));
    Files.setPosixFilePermissions(bin.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
    // like Maven when no class changed: it leaves the jar as it was (or fails, edits a source meanwhile, loses the jar)
    Files.writeString(bin.resolve("mvn"), String.join("\n", "#!/usr/bin/env bash", "echo \"mvn $*\" >>\"$JAVA_LOG\"",
        "[ -n \"${FAIL_BUILD:-}\" ] && { echo 'BUILD FAILURE (stand-in)'; exit 1; }",
        "[ -n \"${EDIT_DURING_BUILD:-}\" ] && { sleep 0.05; touch \"$EDIT_DURING_BUILD\"; }",
        "[ -n \"${LOSE_JAR:-}\" ] && rm -f \"$LOSE_JAR\"", "exit 0", ""));
    Files.setPosixFilePermissions(bin.resolve("mvn"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createDirectories(dir.resolve("other-bin"));
    Files.copy(bin.resolve("java"), dir.resolve("other-bin/java"));
  }

  private List<String> launch(boolean failDump) throws IOException, InterruptedException {
    return launch(bin, failDump ? List.of("FAIL_DUMP=1") : List.of(), false);
  }

  /** Runs the launcher with the stand-in java of {@code javaDir}, the given variables, as nobody if asked (and root). */
  private List<String> launch(Path javaDir, List<String> variables, boolean asNobody) throws IOException, InterruptedException {
    return launch(javaDir, variables, asNobody, Path.of("").toAbsolutePath());
  }

  /** The same, started in {@code folder}. */
  private List<String> launch(Path javaDir, List<String> variables, boolean asNobody, Path folder)
      throws IOException, InterruptedException {
    Files.deleteIfExists(log);
    Files.createFile(log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-rw-")));
    Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-rw-rw-"));
    List<String> cmd = new java.util.ArrayList<>();
    if (asNobody) {
      cmd.addAll(List.of("runuser", "-u", "nobody", "--"));
    }
    cmd.addAll(List.of("env", "PATH=" + javaDir + ":" + System.getenv("PATH"), "JAVA_LOG=" + log));
    cmd.addAll(variables);
    cmd.addAll(List.of("bash", checkout.resolve(launcher()).toString(), "--version"));
    Process p = new ProcessBuilder(cmd).directory(folder.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return Files.readAllLines(log);
  }

  /** The launcher under test, at the repository's root. */
  String launcher() {
    return "meek";
  }

  private Path jar() {
    return checkout.resolve("target/" + launcher() + ".jar");
  }

  private Path archive() {
    return checkout.resolve("target/" + launcher() + ".jsa");
  }

  private static boolean trains(List<String> calls) {
    return calls.stream().anyMatch(c -> c.contains("-XX:DumpLoadedClassList="));
  }

  private static String command(List<String> calls) {
    return calls.get(calls.size() - 1);
  }

  @Test
  void theArchiveIsMadeOnceForAJarAndUsedWithItsChecksumVerified() throws Exception {
    List<String> first = launch(false);
    assertThat(trains(first)).isTrue();
    assertThat(archive()).exists();
    assertThat(command(first)).contains("-XX:SharedArchiveFile=" + archive(), "-XX:+VerifySharedSpaces",
        "-Xlog:cds*=off", "--version");
    List<String> second = launch(false);
    assertThat(trains(second)).as("made once").isFalse();
    assertThat(command(second)).contains("-XX:SharedArchiveFile=");
  }

  @Test
  void anotherJarRemakesIt() throws Exception {
    launch(false);
    Files.setLastModifiedTime(jar(), FileTime.from(Instant.now().plusSeconds(60)));
    assertThat(trains(launch(false))).isTrue();
  }

  @Test
  void anotherJavaRemakesIt() throws Exception {
    launch(false);
    assertThat(trains(launch(dir.resolve("other-bin"), List.of(), false))).isTrue();
    assertThat(trains(launch(dir.resolve("other-bin"), List.of(), false))).isFalse();
  }

  @Test
  void anArchiveMadeWhileTheJarWasRebuiltIsNotKept() throws Exception {
    List<String> calls = launch(bin, List.of("REBUILD_JAR=" + jar()), false);
    assertThat(trains(calls)).isTrue();
    assertThat(archive()).doesNotExist();
    assertThat(command(calls)).doesNotContain("SharedArchiveFile");
    assertThat(trains(launch(false))).as("the new jar gets its own").isTrue();
    assertThat(archive()).exists();
  }

  @Test
  void aFailedAttemptIsNotRetriedForTheSameJar() throws Exception {
    List<String> first = launch(true);
    assertThat(trains(first)).isTrue();
    assertThat(archive()).doesNotExist();
    assertThat(command(first)).doesNotContain("SharedArchiveFile").contains("--version");
    List<String> second = launch(true);
    assertThat(trains(second)).as("not retried").isFalse();
    assertThat(command(second)).doesNotContain("SharedArchiveFile");
  }

  @Test
  void anArchiveWithoutAStampIsNotTrustedButRemade() throws Exception {
    Files.writeString(archive(), "from an older launcher");
    assertThat(trains(launch(false))).isTrue();
    assertThat(Files.readString(archive())).isEqualTo("archive\n");
  }

  private static boolean builds(List<String> calls) {
    return calls.stream().anyMatch(c -> c.startsWith("mvn "));
  }

  @Test
  void aSourceNewerThanTheJarCostsOneBuildNotOneAtEveryStart() throws Exception {
    assertThat(builds(launch(false))).as("the jar is newer than its sources").isFalse();
    // a source the jar does not hold (a launcher's rule, say), changed after the jar was built
    Files.setLastModifiedTime(jar(), FileTime.from(Instant.now().minusSeconds(1800)));
    Files.setLastModifiedTime(checkout.resolve("src/main/sh/java-options.sh"), FileTime.from(Instant.now().minusSeconds(60)));
    List<String> first = launch(false);
    assertThat(builds(first)).isTrue();
    assertThat(command(first)).as("then runs").contains("--version");
    assertThat(builds(launch(false))).as("built once").isFalse();
  }

  /** A source edited while the build ran is newer than the jar afterwards: the next start builds again. */
  @Test
  void aSourceEditedDuringTheBuildIsBuiltAtTheNextStart() throws Exception {
    Path rule = checkout.resolve("src/main/sh/java-options.sh");
    Files.setLastModifiedTime(jar(), FileTime.from(Instant.now().minusSeconds(1800)));
    Files.setLastModifiedTime(rule, FileTime.from(Instant.now().minusSeconds(60)));
    assertThat(builds(launch(bin, List.of("EDIT_DURING_BUILD=" + rule), false))).isTrue();
    assertThat(builds(launch(false))).as("the edit came after the build started").isTrue();
    assertThat(builds(launch(false))).isFalse();
  }

  /** A failed build, or one that leaves no jar, stops the launcher: Maven's words, exit 1, and no java. */
  @Test
  void aFailedBuildStopsWithMavensOutput() throws Exception {
    Files.setLastModifiedTime(jar(), FileTime.from(Instant.now().minusSeconds(1800)));
    Files.setLastModifiedTime(checkout.resolve("src/main/sh/java-options.sh"), FileTime.from(Instant.now().minusSeconds(60)));
    for (String variable : List.of("FAIL_BUILD=1", "LOSE_JAR=" + jar())) {
      Files.deleteIfExists(log);
      Process p = new ProcessBuilder("env", "PATH=" + bin + ":" + System.getenv("PATH"), "JAVA_LOG=" + log, variable,
          "bash", checkout.resolve(launcher()).toString(), "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as(variable + ": " + out).isEqualTo(1);
      assertThat(out).as(variable).contains(launcher() + ": the build failed (output above)");
      assertThat(Files.readAllLines(log)).as(variable + ": java never started").allMatch(c -> c.startsWith("mvn "));
    }
    assertThat(jar()).as("no empty jar made in its place").doesNotExist();
  }

  /** The rule the launchers source, for each setting the kernel can have (or none: not Linux). */
  @Test
  void hugePagesAreAskedForExactlyWhenTheKernelGivesThemOnRequest() throws Exception {
    assertThat(pagesOption("always [madvise] never")).isEqualTo("-XX:+UseTransparentHugePages");
    assertThat(pagesOption("[always] madvise never")).isEqualTo("-XX:+UseTransparentHugePages");
    assertThat(pagesOption("always madvise [never]")).isEmpty();
    assertThat(pagesOption(null)).as("no such setting").isEmpty();
  }

  /** What java_options sets (no JAVA_OPTS), given the kernel's setting as its file holds it (null: no file). */
  private String pagesOption(String setting) throws IOException, InterruptedException {
    Path file = dir.resolve("enabled");
    Files.deleteIfExists(file);
    if (setting != null) {
      Files.writeString(file, setting + "\n");
    }
    Process p = new ProcessBuilder("bash", "-c", "set -euo pipefail; JAVA_OPTS=; . \"$1\"; java_options \"$2\"; echo ${java_opts[@]+\"${java_opts[@]}\"}",
        "bash", checkout.resolve("src/main/sh/java-options.sh").toString(), file.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  /** This machine's own setting decides; the user's JAVA_OPTS come after, so they can turn it off. */
  @Test
  void theLaunchCarriesTheHugePagesOptionBeforeJavaOpts() throws Exception {
    String command = command(launch(bin, List.of("JAVA_OPTS=-XX:-UseTransparentHugePages"), false));
    String setting = Files.exists(Path.of("/sys/kernel/mm/transparent_hugepage/enabled"))
        ? Files.readString(Path.of("/sys/kernel/mm/transparent_hugepage/enabled")) : "";
    assertThat(command).contains(" -XX:-UseTransparentHugePages ");
    if (setting.contains("[always]") || setting.contains("[madvise]")) {
      assertThat(command).startsWith("-XX:+UseTransparentHugePages ");
    } else {
      assertThat(command).doesNotContain("+UseTransparentHugePages");
    }
  }

  /** Started in a folder holding a file named like the pattern, a JAVA_OPTS word reaches java as written. */
  @Test
  void javaOptsAreSplitIntoWordsNotMatchedAgainstFileNames() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("user's folder"));
    Files.writeString(folder.resolve("-XX:+UseSerialGC"), "");
    String command = command(launch(bin, List.of("JAVA_OPTS=-Xmx2g  -XX:+UseSeria?GC\n\t-Dsecond.line=1 "), false, folder));
    assertThat(command).contains(" -Xmx2g -XX:+UseSeria?GC -Dsecond.line=1 ").doesNotContain("UseSerialGC");
  }

  /** As another user when the tests run as root (root may write anywhere), a target/ it cannot write to. */
  @Test
  void aReadOnlyCheckoutRunsWithoutMakingOneAndIgnoresAStaleArchive() throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    Assumptions.assumeTrue(!root || new java.io.File("/usr/sbin/runuser").canExecute() || new java.io.File("/sbin/runuser").canExecute(),
        "root without runuser");
    launch(false); // an archive and its stamp, for this jar
    Files.setLastModifiedTime(jar(), FileTime.from(Instant.now().plusSeconds(60))); // now stale
    try (var paths = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        if (!path.equals(log)) {
          Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) || path.getFileName().toString().equals("java")
              ? "r-xr-xr-x" : "r--r--r--"));
        }
      }
    }
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // (for the log file)
    try {
      List<String> calls = launch(bin, List.of(), root);
      assertThat(trains(calls)).isFalse();
      assertThat(command(calls)).as("the archive was made for the jar before").doesNotContain("SharedArchiveFile").contains("--version");
      assertThat(archive()).exists();
    } finally {
      try (var paths = Files.walk(dir)) {
        for (Path path : (Iterable<Path>) paths::iterator) {
          Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
      }
    }
  }
}
