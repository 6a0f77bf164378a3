package meek.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --force} replaces meek's results only with results of the same kind: a run never replaces a batch, a
 * batch's run, a comparison or a part, nor a comparison a run. Each refusal is one line naming what the folder
 * holds, and leaves it as it was.
 */
class ForceKindTest {

  private static final String CHINCHILLA = "distributions/chinchilla.yaml";
  private static final String KAPLAN = "distributions/kaplan.yaml";
  private static final String BATCH = "distributions/batches/investment.yaml";

  @TempDir static Path dir;

  @BeforeAll
  static void makeOneOfEachKind() {
    ok("run", CHINCHILLA, "--samples", "2000", "--out", dir.resolve("run").toString(), "--quiet");
    ok("batch", BATCH, "--samples", "2000", "--out", dir.resolve("batch").toString());
    ok("compare", CHINCHILLA, KAPLAN, "--samples", "2000", "--out", dir.resolve("compare").toString());
    ok("run", CHINCHILLA, "--samples", "20000", "--part", "1/2", "--out", dir.resolve("part1").toString(), "--quiet");
    ok("run", CHINCHILLA, "--samples", "20000", "--part", "2/2", "--out", dir.resolve("part2").toString(), "--quiet");
  }

  private static void ok(String command, String... args) {
    String[] all = Stream.concat(Stream.of(command), Stream.of(args)).toArray(String[]::new);
    CliRunner.Result r = CliRunner.run(all);
    assertThat(r.code()).as(String.join(" ", all) + "\n" + r.err()).isZero();
  }

  /** Every file under a folder, with its bytes (to show a refusal changed nothing). */
  private static Map<String, String> contents(Path folder) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        files.put(folder.relativize(p).toString(), java.util.Arrays.toString(Files.readAllBytes(p)));
      }
    }
    return files;
  }

  private static void refused(String folder, String holds, String... command) throws IOException {
    Path target = dir.resolve(folder);
    Map<String, String> before = contents(target);
    CliRunner.Result r = CliRunner.run(command);
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("meek: " + target + ": holds " + holds).doesNotContain("\n")
        .doesNotContain("did not write").contains("choose another --out");
    assertThat(contents(target)).as("left as it was").isEqualTo(before);
  }

  @Test
  void aRunDoesNotReplaceAFolderOfAnotherKind() throws IOException {
    refused("batch", "a batch (meek batch)", "run", CHINCHILLA, "--samples", "2000", "--out", dir.resolve("batch").toString(), "--force");
    refused("batch/g_inv-5", "a run of a batch", "run", CHINCHILLA, "--samples", "2000", "--out", dir.resolve("batch/g_inv-5").toString(),
        "--force");
    refused("compare", "a comparison (meek compare)", "run", CHINCHILLA, "--samples", "2000", "--out", dir.resolve("compare").toString(),
        "--force");
    refused("part1", "a part of a split run", "run", CHINCHILLA, "--samples", "2000", "--out", dir.resolve("part1").toString(), "--force");
  }

  @Test
  void otherCommandsDoNotReplaceARun() throws IOException {
    String run = dir.resolve("run").toString();
    refused("run", "a run's results", "compare", CHINCHILLA, KAPLAN, "--samples", "2000", "--out", run, "--force");
    refused("run", "a run's results", "sensitivity", CHINCHILLA, "--method", "spearman", "--samples", "2000", "--out", run, "--force");
    refused("run", "a run's results", "run", CHINCHILLA, "--samples", "20000", "--part", "1/2", "--out", run, "--force");
  }

  @Test
  void resultsOfTheSameKindAreReplaced() throws IOException {
    Path again = dir.resolve("run again");
    ok("run", CHINCHILLA, "--samples", "2000", "--out", again.toString(), "--quiet");
    ok("run", CHINCHILLA, "--samples", "3000", "--out", again.toString(), "--force", "--quiet");
    assertThat(Files.readString(again.resolve("summary.json"))).contains("\"samples\" : 3000");
    // a merge writes a run: it replaces one
    ok("merge", dir.resolve("part1").toString(), dir.resolve("part2").toString(), "--out", again.toString(), "--force", "--quiet");
    assertThat(Files.readString(again.resolve("summary.json"))).contains("\"samples\" : 20000");
  }

  /** A plain run put where a batch keeps one of its runs (by hand, or by meek before this rule) is re-run by the batch. */
  @Test
  void aBatchReplacesAPlainRunInItsOwnRunFolder() throws IOException {
    Path batch = dir.resolve("batch again");
    ok("batch", BATCH, "--samples", "2000", "--out", batch.toString());
    Path run = batch.resolve("g_inv-5");
    org.apache.commons.io.file.PathUtils.deleteDirectory(run);
    org.apache.commons.io.file.PathUtils.copyDirectory(dir.resolve("run"), run);
    ok("batch", BATCH, "--samples", "2000", "--out", batch.toString(), "--force");
    assertThat(run.resolve("spec.yaml")).exists();
  }
}
