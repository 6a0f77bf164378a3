package meek.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What meek must never do, tried with real processes: replace a folder it did not make, let two runs write
 * one folder, or leave debris when it is interrupted or killed.
 */
class SafetyTest {

  @TempDir Path dir;

  private static final Path SPEC = Path.of("distributions/chinchilla.yaml").toAbsolutePath();

  /** meek in a process of its own, in {@code cwd}. */
  private static Process start(Path cwd, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Djava.awt.headless=true", "-Xmx1g", "meek.cli.Main"));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).directory(cwd.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  private record Ended(int code, String err) {}

  private static Ended await(Process p) throws IOException, InterruptedException {
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Ended(p.exitValue(), err);
  }

  private static Ended run(Path cwd, String... args) throws IOException, InterruptedException {
    return await(start(cwd, args));
  }

  private static List<String> listing(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void forceNeverDeletesAFolderMeekDidNotWrite() throws IOException, InterruptedException {
    // a clone: the current folder, a git work tree, a folder of specs
    Path clone = Files.createDirectories(dir.resolve("clone"));
    Files.createDirectories(clone.resolve(".git"));
    Files.writeString(clone.resolve("README.md"), "mine");
    Path specs = Files.createDirectories(clone.resolve("distributions"));
    Files.copy(SPEC, specs.resolve("chinchilla.yaml"));
    Path thesis = Files.createDirectories(clone.resolve("victim"));
    Files.writeString(thesis.resolve("thesis.tex"), "years of work");
    for (String out : List.of(".", "..", "/", "victim", "distributions", clone.toString())) {
      Ended e = run(clone, "run", "distributions/chinchilla.yaml", "--samples", "1000", "--out", out, "--force", "--quiet");
      assertThat(e.code()).as("--out " + out + ": " + e.err()).isEqualTo(2);
      assertThat(e.err().strip()).as(out).startsWith("meek: ").doesNotContain("\n").doesNotContain("--force").doesNotContain("Exception");
    }
    assertThat(listing(clone)).containsExactly(".git", "README.md", "distributions", "victim");
    assertThat(thesis.resolve("thesis.tex")).hasContent("years of work");
    assertThat(specs.resolve("chinchilla.yaml")).exists();
  }

  @Test
  void twoRunsIntoOneFolderCannotBothWin() throws IOException, InterruptedException {
    Path out = dir.resolve("out");
    Process first = start(dir, "run", SPEC.toString(), "--samples", "2000000", "--out", out.toString(), "--quiet");
    Thread.sleep(1000);
    Ended second = run(dir, "run", SPEC.toString(), "--samples", "1000", "--out", out.toString(), "--quiet", "--force");
    Ended firstEnded = await(first);
    assertThat(firstEnded.code()).as(firstEnded.err()).isZero();
    assertThat(second.code()).isEqualTo(1);
    assertThat(second.err().strip()).isEqualTo("meek: " + out + ": is being written by another meek run; wait for it to finish, or choose another --out");
    assertThat(Files.readString(out.resolve("summary.json"))).contains("\"samples\" : 2000000");
    assertThat(listing(dir)).containsExactly("out");
  }

  /** What a folder may be after a signal: absent, or a whole result. */
  private static void wholeOrAbsent(Path out) throws IOException {
    if (Files.exists(out)) {
      assertThat(listing(out)).contains("summary.json", "manifest.json", "summary.md", "fan.csv", "references.bib");
    }
  }

  @Test
  void aSignalAtAnyMomentLeavesAWholeResultOrNothing() throws IOException, InterruptedException {
    // moments from reading the spec to writing the files (a 1e6 run with its samples takes about 2 s)
    String[][] cases = {{"TERM", "300"}, {"INT", "900"}, {"KILL", "900"}, {"TERM", "1300"}, {"INT", "1700"}, {"KILL", "1700"},
        {"TERM", "2100"}, {"KILL", "2100"}};
    int n = 0;
    for (String[] c : cases) {
      String signal = c[0];
      int delay = Integer.parseInt(c[1]);
      Path out = dir.resolve("out-" + n++);
      Process p = start(dir, "run", SPEC.toString(), "--samples", "1000000", "--out", out.toString(), "--quiet",
          "--keep-samples", dir.resolve(out.getFileName() + ".csv.gz").toString());
      Thread.sleep(delay);
      new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
      Ended e = await(p);
      wholeOrAbsent(out);
      List<String> debris = listing(dir).stream().filter(f -> f.startsWith(".")).toList();
      if (!signal.equals("KILL") && e.code() != 0) {
        // Ctrl-C or kill: cleaned up, and said so in one line
        assertThat(debris).as(signal + " at " + delay + " ms").isEmpty();
        assertThat(e.err().strip()).as(signal + " at " + delay + " ms").isEqualTo("meek: interrupted; nothing was written");
      }
      // whatever was left, the next run into the same folder clears meek's staging and succeeds
      Ended again = run(dir, "run", SPEC.toString(), "--samples", "1000", "--out", out.toString(), "--quiet", "--force",
          "--keep-samples", dir.resolve(out.getFileName() + ".csv.gz").toString());
      assertThat(again.code()).as(again.err()).isZero();
      wholeOrAbsent(out);
      assertThat(listing(dir).stream().filter(f -> f.startsWith("."))).as("after the next run").isEmpty();
    }
  }
}
