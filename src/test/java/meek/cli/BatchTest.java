package meek.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import meek.InputException;
import meek.model.GapModel;
import meek.report.BatchFolder;
import meek.run.BatchPlan;
import meek.run.RunOptions;
import meek.sampling.Design;
import meek.spec.Batch;
import meek.spec.BatchReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meek batch}: composition, resumption after an interruption, refusals, and cite. */
public class BatchTest {

  @TempDir Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final RunOptions OPTIONS = new RunOptions(4000, 9, 2, Design.MC, RunOptions.Quantiles.AUTO, true);

  private Path batchFile(String body) throws IOException {
    Path f = dir.resolve("b.yaml");
    Files.writeString(f, "base: " + Path.of("distributions/chinchilla.yaml").toAbsolutePath() + "\n" + body);
    return f;
  }

  private Batch read(Path f) {
    return new BatchReader().read(f);
  }

  /** Every regular file under the folder, with its bytes' hash and modification time. */
  private static Map<Path, String> snapshot(Path folder) throws IOException {
    Map<Path, String> files = new HashMap<>();
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        FileTime t = Files.getLastModifiedTime(p);
        files.put(folder.relativize(p), java.util.Arrays.hashCode(Files.readAllBytes(p)) + "@" + t.toMillis());
      }
    }
    return files;
  }

  @Test
  void aGridRunsEveryCombinationLastKeyFastest() throws IOException {
    Batch b = read(batchFile("grid:\n  g_inv: [3.6, 5]\n  alpha: [0.155, {dist: normal, mean: 0.05, sd: 0.005}]\n"));
    assertThat(b.runs().stream().map(Batch.Run::name)).containsExactly(
        "g_inv-3.6_alpha-0.155", "g_inv-3.6_alpha-normal-0.05-0.005", "g_inv-5_alpha-0.155", "g_inv-5_alpha-normal-0.05-0.005");
    Batch.Run last = b.runs().get(3);
    assertThat(last.spec().params().get("g_inv").median()).isEqualTo(5.0);
    assertThat(last.spec().params().get("alpha").median()).isCloseTo(0.05, within(1e-12));
    assertThat(last.spec().params().get("g_alg").isConstant()).isFalse(); // the rest is the base's
    assertThat(last.overrides()).containsEntry("alpha", "{dist: normal, mean: 0.05, sd: 0.005}");
  }

  @Test
  void anInterruptedBatchResumesWithoutTouchingFinishedRuns() throws IOException {
    Batch b = read(batchFile("grid:\n  g_inv: [2.5, 3.6, 5, 10]\n"));
    Path out = dir.resolve("out");
    int k = 2;
    PrintWriter quiet = new PrintWriter(new StringWriter());
    // a kill after k of n runs: the batch says a run is done once its folder is published, and this writer
    // stops the batch at the k-th such line
    PrintWriter killer = new PrintWriter(new StringWriter()) {
      private int lines;

      @Override
      public PrintWriter printf(String format, Object... args) {
        if (String.format(format, args).contains("t* median") && ++lines == k) {
          throw new IllegalStateException("killed");
        }
        return this;
      }
    };
    assertThatThrownBy(() -> BatchCommand.execute(BatchPlan.of(b), out, OPTIONS, false, false, killer)).hasMessage("killed");
    List<String> names = b.runs().stream().map(Batch.Run::name).toList();
    for (int i = 0; i < names.size(); i++) {
      assertThat(Files.exists(out.resolve(names.get(i)))).as(names.get(i)).isEqualTo(i < k);
    }
    assertThat(out.resolve("batch.csv")).doesNotExist();
    Map<Path, String> first = snapshot(out.resolve(names.get(0)));
    Map<Path, String> second = snapshot(out.resolve(names.get(1)));
    // what a kill in the middle of run k+1 leaves: its hidden staging folder and a lock file holding no lock;
    // and a run folder of meek's that lost its summary.json
    Files.createDirectories(out.resolve("." + names.get(2) + ".tmp-12345")).resolve("summary.json").toFile().createNewFile();
    Files.writeString(dir.resolve(".out.lock"), "");
    Files.createDirectories(out.resolve(names.get(3)));
    Files.writeString(out.resolve(names.get(3)).resolve("manifest.json"), "{\"tool\": \"meek\"}");
    assertThat(BatchFolder.state(out.resolve(names.get(3)), b.runs().get(3).spec().sha256(), OPTIONS)).isEqualTo(BatchFolder.State.PARTIAL);
    // a folder in a run's place that meek did not write is never replaced: the batch stops before running anything
    Path foreign = Files.createDirectories(dir.resolve("out2").resolve(names.get(0)));
    Files.writeString(foreign.resolve("notes.txt"), "mine");
    assertThatThrownBy(() -> BatchCommand.execute(BatchPlan.of(b), dir.resolve("out2"), OPTIONS, true, true, quiet))
        .isInstanceOf(meek.InputException.class).hasMessageContaining("was not written by meek");
    assertThat(foreign.resolve("notes.txt")).hasContent("mine");

    BatchCommand.execute(BatchPlan.of(b), out, OPTIONS, false, true, quiet);

    assertThat(snapshot(out.resolve(names.get(0)))).isEqualTo(first); // same bytes, same modification times
    assertThat(snapshot(out.resolve(names.get(1)))).isEqualTo(second);
    for (Batch.Run r : b.runs()) {
      assertThat(BatchFolder.state(out.resolve(r.name()), r.spec().sha256(), OPTIONS)).as(r.name()).isEqualTo(BatchFolder.State.UP_TO_DATE);
      assertThat(out.resolve(r.name()).resolve("spec.yaml")).isNotEmptyFile();
    }
    try (Stream<Path> left = Files.list(out)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
    }
    assertThat(dir.resolve(".out.lock")).doesNotExist(); // the killed run's lock file, taken and cleared
    JsonNode index = new ObjectMapper().readTree(out.resolve("batch.json").toFile());
    assertThat(index.get("runs")).hasSize(4);
    assertThat(Files.readAllLines(out.resolve("batch.csv"))).hasSize(5);
    assertThat(out.resolve("forest.png")).isNotEmptyFile();
    // faster investment, earlier peak: t* medians fall along the grid (docs/MODEL.md §1: ∂t*/∂ln g_inv < 0)
    double previous = Double.POSITIVE_INFINITY;
    for (JsonNode run : index.get("runs")) {
      double t = run.at("/outputs/inflection_time_years/p50").asDouble();
      assertThat(t).isLessThan(previous);
      previous = t;
    }
  }

  /** A base spec's data file is found from the base spec's folder, and the composed spec.yaml still finds it. */
  @Test
  void aBaseSpecsDataFileIsFoundAndTheComposedSpecReproduces() throws IOException {
    Path specs = Files.createDirectories(dir.resolve("specs"));
    Files.writeString(specs.resolve("rates.csv"), "rate\n2.5\n3.0\n3.6\n4.2\n");
    Files.writeString(specs.resolve("emp.yaml"), Files.readString(Path.of("distributions/chinchilla.yaml"))
        .replaceFirst("(?m)^name: .*$", "name: emp")
        .replaceFirst("(?m)^  g_inv: .*$", "  g_inv: {dist: empirical, file: rates.csv, column: rate}"));
    Path file = dir.resolve("b.yaml");
    Files.writeString(file, "base: specs/emp.yaml\ngrid:\n  g_alg: [2.8, 3.0]\n");
    Path out = dir.resolve("emp-out");
    CliRunner.Result r = CliRunner.run("batch", file.toString(), "--samples", "4000", "--out", out.toString(), "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    Path again = dir.resolve("again");
    CliRunner.Result rerun = CliRunner.run("run", out.resolve("g_alg-2.8/spec.yaml").toString(), "--samples", "4000", "--out",
        again.toString(), "--quiet");
    assertThat(rerun.code()).as(rerun.err()).isZero();
    assertThat(JSON.readTree(again.resolve("summary.json").toFile()).get("outputs"))
        .isEqualTo(JSON.readTree(out.resolve("g_alg-2.8/summary.json").toFile()).get("outputs"));
  }

  /** The plan: every run and its state, the draws, a time and disk estimate; a dry run writes nothing. */
  @Test
  void aDryRunPrintsThePlanAndWritesNothing() throws IOException {
    Path file = batchFile("grid:\n  g_inv: [2.5, 3.6, 5]\n");
    Path out = dir.resolve("planned");
    CliRunner.Result plan = CliRunner.run("batch", file.toString(), "--samples", "4000", "--out", out.toString(), "--dry-run");
    assertThat(plan.code()).as(plan.err()).isZero();
    assertThat(plan.out()).contains("3 runs × N = 4,000 draws, into " + out + "; 3 to run, 0 up to date.")
        .contains("[1/3] g_inv-2.5: g_inv = 2.5; to run").contains("[3/3] g_inv-5: g_inv = 5; to run")
        .containsPattern("on this machine: about [0-9.]+ (s|min|h) and [0-9.]+ (KB|MB|GB) on disk for the 3 runs to do");
    assertThat(out).doesNotExist();
    try (var left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("b.yaml");
    }
    // after one run is made, the plan says so
    assertThat(CliRunner.run("batch", batchFile("grid:\n  g_inv: [2.5]\n").toString(), "--samples", "4000", "--out", out.toString(),
        "--quiet").code()).isZero();
    CliRunner.Result again = CliRunner.run("batch", batchFile("grid:\n  g_inv: [2.5, 3.6, 5]\n").toString(), "--samples", "4000",
        "--out", out.toString(), "--dry-run");
    assertThat(again.out()).contains("2 to run, 1 up to date").contains("[1/3] g_inv-2.5: g_inv = 2.5; up to date (skipped)");
    // a real batch prints the plan first
    CliRunner.Result real = CliRunner.run("batch", file.toString(), "--samples", "4000", "--out", out.toString());
    assertThat(real.out().lines().findFirst().orElseThrow()).startsWith("Batch ").contains("2 to run, 1 up to date");
  }

  /** A block of runs folded into text (runs: >) is quoted short and on one line, not echoed whole. */
  @Test
  void aValueQuotedInAnErrorIsShortAndOnOneLine() throws IOException {
    Path f = batchFile("runs: >\n  - name: keeps-growing\n    g_inv: 5\n  - name: stops-after-10\n    g_inv: 3.6\n");
    assertThatThrownBy(() -> read(f)).isInstanceOf(InputException.class)
        .hasMessageContaining("runs: must be a list (- item per run), not '- name: keeps-growing g_inv: 5 - name: …';")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void runsMadeWithOtherOptionsAreRefusedUnlessForced() throws IOException {
    Batch b = read(batchFile("grid:\n  g_inv: [3.6, 5]\n"));
    Path out = dir.resolve("out");
    PrintWriter quiet = new PrintWriter(new StringWriter());
    BatchCommand.execute(BatchPlan.of(b), out, OPTIONS, false, true, quiet);
    Map<Path, String> before = snapshot(out);
    RunOptions otherSeed = new RunOptions(4000, 10, 2, Design.MC, RunOptions.Quantiles.AUTO, true);
    assertThatThrownBy(() -> BatchCommand.execute(BatchPlan.of(b), out, otherSeed, false, true, quiet))
        .isInstanceOf(InputException.class).hasMessageContaining("--force");
    assertThat(snapshot(out)).isEqualTo(before);
    BatchCommand.execute(BatchPlan.of(b), out, otherSeed, true, true, quiet);
    JsonNode m = new ObjectMapper().readTree(out.resolve("g_inv-5/manifest.json").toFile());
    assertThat(m.get("seed").asLong()).isEqualTo(10);
  }

  /** Bad batch bodies (after a base: line) and what their error must say; the schema test reads them too. */
  public static final Map<String, String> BAD_BATCHES = Map.of(
      "grid:\n  g_inf: [3.6, 5]\n", "did you mean 'g_inv'",
      "grid: {}\n", "grid: is empty",
      "grid:\n  g_inv: []\n", "non-empty list",
      "grid:\n  g_inv: [3.6]\nruns: [{g_inv: 5}]\n", "not both",
      "grid:\n  g_inv: [3.6, {dist: normal, mean: 1}]\n", ":3:",
      "runs: [{g_inv: 5}, {g_inv: 5}]\n", "share the folder name",
      "runs:\n  - {name: x, base: nowhere.yaml}\n", "no spec file",
      "runs:\n  - {name: batch.json}\n  - {name: b, g_inv: 5}\n", "would collide with the batch's batch.json");

  @Test
  void badBatchesFailWithOneLineAndWriteNothing() throws IOException {
    for (Map.Entry<String, String> c : BAD_BATCHES.entrySet()) {
      Path f = batchFile(c.getKey());
      Path out = dir.resolve("out");
      CliRunner.Result r = CliRunner.run("batch", f.toString(), "--out", out.toString(), "--samples", "1000", "--quiet");
      assertThat(r.code()).as(c.getKey() + r.err()).isEqualTo(2);
      assertThat(r.err().strip()).as(c.getKey()).startsWith("meek: ").doesNotContain("\n").contains(c.getValue()).doesNotContain("Exception");
      assertThat(out).as(c.getKey()).doesNotExist();
    }
  }

  @Test
  void citeOfABatchGivesEveryRunsNumbers() throws IOException {
    Path out = dir.resolve("cited");
    CliRunner.Result r = CliRunner.run("batch", "distributions/batches/investment.yaml", "--samples", "4000", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("[3/3] g_inv-10");
    JsonNode index = new ObjectMapper().readTree(out.resolve("batch.json").toFile());
    CliRunner.Result cite = CliRunner.run("cite", out.toString(), "--sig", "4");
    assertThat(cite.code()).as(cite.err()).isZero();
    for (JsonNode run : index.get("runs")) {
      String title = Pattern.quote(run.get("title").asText());
      Matcher m = Pattern.compile(title + ", inflection_time_years: ([0-9.]+) years after 2019 \\(median; 90% interval ([0-9.]+)–([0-9.]+) years; N = 4,000 per run, seed 1\\)")
          .matcher(cite.out());
      assertThat(m.find()).as(run.get("title").asText()).isTrue();
      JsonNode t = run.at("/outputs/inflection_time_years");
      for (int g = 1; g <= 3; g++) {
        double exact = t.get(List.of("p50", "p5", "p95").get(g - 1)).asDouble();
        double unit = Math.pow(10, Math.floor(Math.log10(exact)) - 3);
        assertThat(Double.parseDouble(m.group(g))).isCloseTo(exact, within(0.5 * unit + 1e-12));
      }
    }
    // a second invocation finds every run up to date
    CliRunner.Result again = CliRunner.run("batch", "distributions/batches/investment.yaml", "--samples", "4000", "--out", out.toString());
    assertThat(again.out()).contains("[1/3] g_inv-3.6: up to date");
  }
}
