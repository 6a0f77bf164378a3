package meek.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code meek generate-completion} completes every command and option in a real bash, and the build's man
 * pages (target/man/man1, written before the tests run) cover every command and option, as picocli's model of
 * the commands lists them.
 */
class CompletionAndManPagesTest {

  @TempDir Path dir;

  /** Every command below meek with its long options, from picocli's model of the annotations. */
  private static Map<String, List<String>> commands() {
    Map<String, List<String>> commands = new TreeMap<>();
    CommandLine root = new CommandLine(new Main());
    root.getSubcommands().forEach((name, cmd) -> {
      List<String> options = new ArrayList<>();
      for (OptionSpec o : cmd.getCommandSpec().options()) {
        options.add(o.longestName());
      }
      commands.put(name, options);
    });
    return commands;
  }

  /** What bash's completion offers for the words typed so far (the last one being completed). */
  private List<String> complete(Path script, String... words) throws IOException, InterruptedException {
    StringBuilder array = new StringBuilder();
    for (String w : words) {
      array.append(" '").append(w).append("'");
    }
    String probe = "source '" + script + "' 2>/dev/null; COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1)
        + "; _complete_meek 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"";
    Process p = new ProcessBuilder("bash", "-c", probe).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out.lines().filter(l -> !l.isBlank()).toList();
  }

  @Test
  void theCompletionScriptCompletesEveryCommandAndOptionInBash() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
    CliRunner.Result r = CliRunner.run("generate-completion");
    assertThat(r.code()).as(r.err()).isZero();
    Path script = dir.resolve("meek-completion.bash");
    Files.writeString(script, r.out());
    Map<String, List<String>> commands = commands();
    assertThat(commands.keySet()).contains("run", "merge", "calibrate", "compare", "sensitivity", "batch", "cite", "point", "validate", "fit-benchmark",
        "generate-completion");
    assertThat(complete(script, "meek", "")).containsAll(commands.keySet());
    assertThat(complete(script, "meek", "fi")).containsExactly("fit-benchmark");
    for (Map.Entry<String, List<String>> c : commands.entrySet()) {
      assertThat(complete(script, "meek", c.getKey(), "--")).as(c.getKey()).containsAll(c.getValue());
    }
    assertThat(complete(script, "meek", "run", "s.yaml", "--design", "")).containsExactlyInAnyOrder("mc", "lhs", "sobol");
    assertThat(complete(script, "meek", "run", "s.yaml", "--quantiles", "")).containsExactlyInAnyOrder("auto", "exact", "sketch");
    assertThat(complete(script, "meek", "run", "s.yaml", "--metric", "")).containsExactlyInAnyOrder("loss", "benchmark", "tokens", "inference", "inference_benchmark");
    assertThat(complete(script, "meek", "cite", "results/x", "--format", "")).containsExactlyInAnyOrder("text", "md", "latex");
  }

  @Test
  void theBuildWritesAManPageForEveryCommandWithEveryOption() throws Exception {
    Path man = Path.of("target/man/man1");
    Assumptions.assumeFalse(Boolean.getBoolean("meek.skipMan"), "the man pages were skipped (-Dmeek.skipMan=true)");
    assertThat(man.resolve("meek.1")).as("mvn verify makes the man pages before the tests").isRegularFile();
    for (Map.Entry<String, List<String>> c : commands().entrySet()) {
      Path page = man.resolve("meek-" + c.getKey() + ".1");
      assertThat(page).isRegularFile();
      String roff = Files.readString(page, StandardCharsets.UTF_8);
      assertThat(roff).as(page.toString()).contains(".TH \"MEEK\\-" + c.getKey().toUpperCase().replace("-", "\\-") + "\" \"1\"");
      String text = rendered(page);
      for (String option : c.getValue()) {
        assertThat(text).as(page + " documents " + option).contains(option);
      }
    }
    assertThat(Files.readString(man.resolve("meek.1"), StandardCharsets.UTF_8)).contains("generate\\-completion");
  }

  /** The page as man shows it, when man is installed; otherwise its roff with the escapes of '-' undone. */
  private static String rendered(Path page) throws IOException, InterruptedException {
    if (Files.isExecutable(Path.of("/usr/bin/man"))) {
      ProcessBuilder pb = new ProcessBuilder("man", "-l", page.toString());
      pb.environment().put("MANWIDTH", "200");
      pb.environment().put("MANPAGER", "cat");
      pb.environment().put("PAGER", "cat");
      Process p = pb.redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return out.replace('\u2010', '-').replace('\u2212', '-');
      }
    }
    return Files.readString(page, StandardCharsets.UTF_8).replace("\\-", "-");
  }
}
