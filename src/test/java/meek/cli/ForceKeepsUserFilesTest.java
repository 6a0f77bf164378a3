package meek.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --force replaces a folder of meek's own results, and only that: a user's file or folder inside one (or
 * beside a copied manifest.json) is never deleted. Every command's own folder can still be replaced, so the
 * list of meek's file names misses none of them.
 */
class ForceKeepsUserFilesTest {

  @TempDir Path dir;

  private static final List<List<String>> COMMANDS = List.of(
      List.of("run", "distributions/chinchilla-views.yaml", "--samples", "2000", "--quiet"),
      List.of("compare", "distributions/kaplan.yaml", "distributions/chinchilla.yaml", "--samples", "2000", "--quiet"),
      List.of("sensitivity", "distributions/chinchilla.yaml", "--samples", "2000", "--sobol-rows", "256", "--bootstrap", "100", "--quiet"),
      List.of("fit-benchmark", "distributions/data/mmlu.csv"));

  private static CliRunner.Result meek(List<String> command, Path out, String... more) {
    List<String> args = new java.util.ArrayList<>(command);
    args.addAll(List.of("--out", out.toString()));
    args.addAll(List.of(more));
    return CliRunner.run(args.toArray(String[]::new));
  }

  @Test
  void everyCommandsFolderIsReplacedButNotWithAUsersFileInIt() throws IOException {
    for (List<String> command : COMMANDS) {
      Path out = dir.resolve(command.get(0));
      assertThat(meek(command, out).code()).as(command.toString()).isZero();
      CliRunner.Result again = meek(command, out, "--force");
      assertThat(again.code()).as(command + " replaces its own folder\n" + again.err()).isZero();

      Files.writeString(out.resolve("notes.txt"), "my thesis notes");
      CliRunner.Result refused = meek(command, out, "--force");
      assertThat(refused.code()).as(command.toString()).isEqualTo(2);
      assertThat(refused.err().strip()).startsWith("meek: ").doesNotContain("\n").contains("notes.txt").doesNotContain("--force");
      assertThat(out.resolve("notes.txt")).hasContent("my thesis notes");
      Files.delete(out.resolve("notes.txt"));

      // a name meek gives files of another kind of folder is the user's here (a hand-edited spec.yaml in a run's folder)
      String borrowed = switch (command.get(0)) {
        case "compare" -> "summary.md";
        case "sensitivity" -> "tornado_mine.svg"; // named like its charts, but no output of meek's is "mine"
        default -> "spec.yaml";
      };
      Files.writeString(out.resolve(borrowed), "mine");
      assertThat(meek(command, out, "--force").code()).as(command + " with a user's " + borrowed).isEqualTo(2);
      assertThat(out.resolve(borrowed)).hasContent("mine");
      Files.delete(out.resolve(borrowed));

      Files.createDirectories(out.resolve("drafts"));
      assertThat(meek(command, out, "--force").code()).as(command + " with a user's folder inside").isEqualTo(2);
      assertThat(out.resolve("drafts")).isDirectory();
    }
  }

  @Test
  void aCopiedManifestDoesNotMakeAUsersFolderReplaceable() throws IOException {
    Path made = dir.resolve("made");
    assertThat(meek(COMMANDS.get(1), made).code()).isZero();
    Path fake = dir.resolve("fake");
    Files.createDirectories(fake);
    Files.copy(made.resolve("manifest.json"), fake.resolve("manifest.json"));
    Files.writeString(fake.resolve("data.txt"), "precious");
    CliRunner.Result r = meek(COMMANDS.get(1), fake, "--force");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("data.txt");
    assertThat(fake.resolve("data.txt")).hasContent("precious");
  }

  @Test
  void aBatchKeepsAUsersFileInARunItWouldRedo() throws IOException {
    Path out = dir.resolve("batch");
    List<String> batch = List.of("batch", "distributions/batches/investment.yaml", "--samples", "2000", "--quiet", "--out", out.toString());
    assertThat(CliRunner.run(batch.toArray(String[]::new)).code()).isZero();
    Files.writeString(out.resolve("g_inv-5").resolve("compare.md"), "mine"); // a meek name, but not a run's
    Files.writeString(out.resolve("g_inv-5").resolve("usernote.txt"), "mine");
    List<String> otherSeed = new java.util.ArrayList<>(batch);
    otherSeed.addAll(List.of("--seed", "3", "--force"));
    CliRunner.Result r = CliRunner.run(otherSeed.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("compare.md and 1 more").doesNotContain("Exception");
    assertThat(out.resolve("g_inv-5").resolve("usernote.txt")).hasContent("mine");
    Files.delete(out.resolve("g_inv-5").resolve("usernote.txt"));
    assertThat(CliRunner.run(otherSeed.toArray(String[]::new)).code()).as("compare.md is not a run's file").isEqualTo(2);
    assertThat(out.resolve("g_inv-5").resolve("compare.md")).hasContent("mine");
    Files.delete(out.resolve("g_inv-5").resolve("compare.md"));
    assertThat(CliRunner.run(otherSeed.toArray(String[]::new)).code()).as("without it, the batch redoes its runs").isZero();
  }
}
