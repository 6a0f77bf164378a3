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
 * jar, never made in a read-only checkout. The launcher is copied beside a jar with no sources, so it builds
 * nothing.
 */
class LauncherTest {

  @TempDir Path dir;
  private Path checkout;
  private Path log;
  private Path bin;

  @BeforeEach
  void setUp() throws IOException {
    checkout = Files.createDirectories(dir.resolve("a checkout"));
    Files.copy(Path.of("meek"), checkout.resolve("meek"));
    Files.createDirectories(checkout.resolve("target"));
    Files.writeString(checkout.resolve("target/meek.jar"), "a jar");
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
        "    -XX:SharedArchiveFile=*) archive=\"${a#*=}\" ;;",
        "  esac",
        "done",
        "[ -n \"${dump:-}\" ] && echo archive >\"$archive\"",
        "exit 0", ""));
    Files.setPosixFilePermissions(bin.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private List<String> launch(boolean failDump) throws IOException, InterruptedException {
    Files.deleteIfExists(log);
    ProcessBuilder pb = new ProcessBuilder("bash", checkout.resolve("meek").toString(), "--version").redirectErrorStream(true);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("JAVA_LOG", log.toString());
    if (failDump) {
      pb.environment().put("FAIL_DUMP", "1");
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return Files.readAllLines(log);
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
    assertThat(checkout.resolve("target/meek.jsa")).exists();
    assertThat(command(first)).contains("-XX:SharedArchiveFile=" + checkout.resolve("target/meek.jsa"), "-XX:+VerifySharedSpaces", "--version");
    List<String> second = launch(false);
    assertThat(trains(second)).as("made once").isFalse();
    assertThat(command(second)).contains("-XX:SharedArchiveFile=");
  }

  @Test
  void anotherJarRemakesIt() throws Exception {
    launch(false);
    Files.setLastModifiedTime(checkout.resolve("target/meek.jar"), FileTime.from(Instant.now().plusSeconds(60)));
    assertThat(trains(launch(false))).isTrue();
  }

  @Test
  void aFailedAttemptIsNotRetriedForTheSameJar() throws Exception {
    List<String> first = launch(true);
    assertThat(trains(first)).isTrue();
    assertThat(checkout.resolve("target/meek.jsa")).doesNotExist();
    assertThat(command(first)).doesNotContain("SharedArchiveFile").contains("--version");
    List<String> second = launch(true);
    assertThat(trains(second)).as("not retried").isFalse();
    assertThat(command(second)).doesNotContain("SharedArchiveFile");
  }

  @Test
  void anArchiveWithoutAStampIsNotTrustedButRemade() throws Exception {
    Files.writeString(checkout.resolve("target/meek.jsa"), "from an older launcher");
    assertThat(trains(launch(false))).isTrue();
    assertThat(Files.readString(checkout.resolve("target/meek.jsa"))).isEqualTo("archive\n");
  }

  @Test
  void aReadOnlyCheckoutRunsWithoutMakingOne() throws Exception {
    Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere");
    Files.setPosixFilePermissions(checkout.resolve("target"), PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      List<String> calls = launch(false);
      assertThat(trains(calls)).isFalse();
      assertThat(command(calls)).doesNotContain("SharedArchiveFile").contains("--version");
    } finally {
      Files.setPosixFilePermissions(checkout.resolve("target"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }
}
