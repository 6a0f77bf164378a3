package meek.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code meek run --part I/K} and {@code meek merge}: the parts, merged in any order, give the whole run's
 * results byte for byte (the whole run, made by plain {@code meek run}, is the reference); parts that do not
 * make up one run are refused in one line, and nothing is written.
 */
class PartsAndMergeTest {

  @TempDir Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The files merge promises byte for byte, plus summary.md. */
  private static List<String> numberFiles(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".csv") || n.equals("summary.json") || n.equals("summary.md")).sorted().toList();
    }
  }

  private static void ok(CliRunner.Result r) {
    assertThat(r.code()).as(r.err()).isZero();
  }

  /** Runs the K parts (in a shuffled order) into dir/name-i; returns their folders, shuffled again. */
  private List<String> parts(String name, int k, long shuffle, String... runArgs) {
    List<Integer> order = new ArrayList<>();
    for (int i = 1; i <= k; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(shuffle));
    List<String> folders = new ArrayList<>();
    for (int i : order) {
      List<String> args = new ArrayList<>(List.of("run"));
      args.addAll(List.of(runArgs));
      args.addAll(List.of("--part", i + "/" + k, "--out", dir.resolve(name + "-" + i).toString(), "--quiet"));
      ok(CliRunner.run(args.toArray(String[]::new)));
      folders.add(dir.resolve(name + "-" + i).toString());
    }
    Collections.shuffle(folders, new Random(shuffle + 1));
    return folders;
  }

  @ParameterizedTest(name = "{0} {1} {2} in {3} parts {4}")
  @CsvSource({
    "chinchilla.yaml, mc, exact, 3, ''",
    "chinchilla.yaml, mc, sketch, 4, ''",
    "chinchilla.yaml, mc, exact, 1, ''",
    "chinchilla-views.yaml, lhs, exact, 2, ''",
    "chinchilla-views.yaml, sobol, sketch, 5, ''",
    "correlated.yaml, mc, exact, 4, ''",
    "correlated.yaml, sobol, exact, 3, --no-fan",
    "inference.yaml, lhs, sketch, 3, ''",
  })
  void partsMergedInAnyOrderGiveTheWholeRunByteForByte(String spec, String design, String quantiles, int k, String extra)
      throws Exception {
    List<String> common = new ArrayList<>(List.of("distributions/" + spec, "--samples", "40000", "--seed", "5", "--design", design,
        "--quantiles", quantiles, "--threads", "2"));
    if (!extra.isEmpty()) {
      common.add(extra);
    }
    Path whole = dir.resolve("whole");
    List<String> run = new ArrayList<>(List.of("run"));
    run.addAll(common);
    run.addAll(List.of("--out", whole.toString(), "--quiet"));
    ok(CliRunner.run(run.toArray(String[]::new)));

    List<String> folders = parts("p", k, 31L * k + design.length(), common.toArray(String[]::new));
    Path merged = dir.resolve("merged");
    List<String> merge = new ArrayList<>(List.of("merge"));
    merge.addAll(folders);
    merge.addAll(List.of("--out", merged.toString(), "--threads", "1"));
    CliRunner.Result r = CliRunner.run(merge.toArray(String[]::new));
    ok(r);
    assertThat(r.out()).contains("Merged " + k + " part");

    List<String> files = numberFiles(whole);
    assertThat(files).contains("summary.json", "quantiles.csv");
    assertThat(numberFiles(merged)).isEqualTo(files);
    for (String f : files) {
      assertThat(Files.readAllBytes(merged.resolve(f))).as(f).isEqualTo(Files.readAllBytes(whole.resolve(f)));
    }
    // the page too: it names the spec as the parts' run typed it, as the whole run does
    assertThat(Files.readString(merged.resolve("report.html"))).isEqualTo(Files.readString(whole.resolve("report.html")));
    assertThat(JSON.readTree(merged.resolve("manifest.json").toFile()).path("spec_file"))
        .isEqualTo(JSON.readTree(whole.resolve("manifest.json").toFile()).path("spec_file"));
    // its manifest says which parts made it, in part order, each with its data checksum
    com.fasterxml.jackson.databind.JsonNode from = JSON.readTree(merged.resolve("manifest.json").toFile()).path("merged_from");
    assertThat(from.size()).isEqualTo(k);
    for (int i = 0; i < k; i++) {
      com.fasterxml.jackson.databind.JsonNode entry = from.get(i);
      assertThat(entry.path("part").asInt()).isEqualTo(i + 1);
      Path partFolder = Path.of(entry.path("folder").asText());
      assertThat(folders).contains(partFolder.toString());
      assertThat(entry.path("data_sha256").asText()).isEqualTo(sha256(partFolder.resolve("part.bin")));
    }
    try (Stream<Path> s = Files.list(whole)) { // the same charts and files
      List<String> all = s.map(p -> p.getFileName().toString()).sorted().toList();
      try (Stream<Path> m = Files.list(merged)) {
        assertThat(m.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(all);
      }
    }
  }

  /** The views run in the spec's order whatever --metric's order: parts that listed them otherwise still merge. */
  @Test
  void partsAskingForTheSameMetricsInAnotherOrderMerge() throws IOException {
    String[] common = {"distributions/chinchilla-views.yaml", "--samples", "20000", "--seed", "3", "--threads", "2"};
    Path whole = dir.resolve("metrics-whole");
    List<String> run = new ArrayList<>(List.of("run"));
    run.addAll(List.of(common));
    run.addAll(List.of("--metric", "tokens,benchmark", "--out", whole.toString(), "--quiet"));
    ok(CliRunner.run(run.toArray(String[]::new)));
    List<String> first = new ArrayList<>(List.of(common));
    first.addAll(List.of("--metric", "tokens,benchmark"));
    List<String> second = new ArrayList<>(List.of(common));
    second.addAll(List.of("--metric", "benchmark,tokens,benchmark"));
    String a = parts("metrics-a", 2, 1, first.toArray(String[]::new)).stream().filter(f -> f.endsWith("-1")).findFirst().orElseThrow();
    String b = parts("metrics-b", 2, 1, second.toArray(String[]::new)).stream().filter(f -> f.endsWith("-2")).findFirst().orElseThrow();
    Path merged = dir.resolve("metrics-merged");
    CliRunner.Result r = CliRunner.run("merge", b, a, "--out", merged.toString());
    ok(r);
    for (String f : numberFiles(whole)) {
      assertThat(Files.readAllBytes(merged.resolve(f))).as(f).isEqualTo(Files.readAllBytes(whole.resolve(f)));
    }
  }

  /** --metric naming every view the spec has is the same run as no --metric: such parts merge with plain ones. */
  @Test
  void partsNamingEveryViewMergeWithPartsNamingNone() throws IOException {
    String[] common = {"distributions/chinchilla-views.yaml", "--samples", "20000", "--seed", "3"};
    Path whole = dir.resolve("views-whole");
    List<String> run = new ArrayList<>(List.of("run"));
    run.addAll(List.of(common));
    run.addAll(List.of("--out", whole.toString(), "--quiet"));
    ok(CliRunner.run(run.toArray(String[]::new)));
    List<String> every = new ArrayList<>(List.of(common));
    every.addAll(List.of("--metric", "tokens,loss,benchmark"));
    String a = parts("views-a", 2, 1, every.toArray(String[]::new)).stream().filter(f -> f.endsWith("-1")).findFirst().orElseThrow();
    String b = parts("views-b", 2, 1, common).stream().filter(f -> f.endsWith("-2")).findFirst().orElseThrow();
    Path merged = dir.resolve("views-merged");
    ok(CliRunner.run("merge", a, b, "--out", merged.toString(), "--quiet"));
    for (String f : numberFiles(whole)) {
      assertThat(Files.readAllBytes(merged.resolve(f))).as(f).isEqualTo(Files.readAllBytes(whole.resolve(f)));
    }
    // a view left out is another run
    List<String> fewer = new ArrayList<>(List.of(common));
    fewer.addAll(List.of("--metric", "tokens,loss"));
    String c = parts("views-c", 2, 1, fewer.toArray(String[]::new)).stream().filter(f -> f.endsWith("-2")).findFirst().orElseThrow();
    assertThat(refusedMerge(a, c).err()).contains("metrics");
  }

  /**
   * A merge the heap cannot hold is refused before it reads the parts' data (a damaged part.bin is not reached),
   * in the merge's words, and writes nothing; one the heap can hold, under the same -Xmx, is merged.
   */
  @Test
  void aMergeTooLargeForTheHeapIsOneLineNamingTheMerge() throws Exception {
    Path big = dir.resolve("heap-part");
    ok(CliRunner.run("run", "distributions/chinchilla.yaml", "--samples", "3e6", "--quantiles", "exact", "--part", "1/1", "--out",
        big.toString(), "--quiet"));
    byte[] data = Files.readAllBytes(big.resolve("part.bin"));
    data[data.length / 2] ^= 1;
    Files.write(big.resolve("part.bin"), data);
    Path small = dir.resolve("small-part");
    ok(CliRunner.run("run", "distributions/chinchilla.yaml", "--samples", "20000", "--part", "1/1", "--out", small.toString(), "--quiet"));
    // under -Xmx128m the bound is about 124 - 64 MB: exact quantiles of 3e6 draws need about 114 MB, of 2e4 about 1 MB
    Path out = dir.resolve("heap-merged");
    Process refused = mergeUnder128m(big, out);
    String err = new String(refused.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(refused.waitFor()).as(err).isEqualTo(2);
    assertThat(err.strip()).startsWith("meek: these parts make a run of 3,000,000 draws with exact quantiles").doesNotContain("\n")
        .contains("of which 64 MB is kept for charts and files, leaving").contains("./meek merge").contains("--quantiles sketch").doesNotContain("--samples");
    assertThat(out).doesNotExist();
    Process merged = mergeUnder128m(small, out);
    String mergedErr = new String(merged.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(merged.waitFor()).as(mergedErr).isZero();
    assertThat(out.resolve("summary.json")).exists();
  }

  private static Process mergeUnder128m(Path part, Path out) throws java.io.IOException {
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-Djava.awt.headless=true",
        "-cp", System.getProperty("java.class.path"), "meek.cli.Main", "merge", part.toString(), "--out", out.toString(), "--quiet");
    return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  @Test
  void aMergedRunIsMeeksOwnFolderAndAPartFolderIsReplacedOnlyWithForce() {
    List<String> folders = parts("q", 2, 1, "distributions/chinchilla.yaml", "--samples", "20000");
    CliRunner.Result again = CliRunner.run("run", "distributions/chinchilla.yaml", "--samples", "20000", "--part", "1/2", "--out",
        dir.resolve("q-1").toString());
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("already exists; pass --force");
    ok(CliRunner.run("run", "distributions/chinchilla.yaml", "--samples", "20000", "--part", "1/2", "--out", dir.resolve("q-1").toString(),
        "--force", "--quiet"));
    ok(CliRunner.run("merge", folders.get(0), folders.get(1), "--out", dir.resolve("m").toString(), "--quiet"));
    ok(CliRunner.run("cite", dir.resolve("m").toString()));
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  private CliRunner.Result refusedMerge(String... folders) {
    List<String> args = new ArrayList<>(List.of("merge"));
    args.addAll(List.of(folders));
    args.addAll(List.of("--out", dir.resolve("never").toString()));
    CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
    assertThat(r.code()).as(r.out()).isEqualTo(2);
    assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(dir.resolve("never")).doesNotExist();
    return r;
  }

  @Test
  void partsThatDoNotMakeUpOneRunAreNamedInOneLineAndNothingIsWritten() throws Exception {
    String[] run = {"distributions/chinchilla.yaml", "--samples", "40000", "--seed", "3"};
    List<String> p = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      List<String> args = new ArrayList<>(List.of("run"));
      args.addAll(List.of(run));
      args.addAll(List.of("--part", i + "/3", "--out", dir.resolve("b" + i).toString(), "--quiet"));
      ok(CliRunner.run(args.toArray(String[]::new)));
      p.add(dir.resolve("b" + i).toString());
    }
    // missing: the part and its command are named
    assertThat(refusedMerge(p.get(0), p.get(2)).err()).contains("in no part given").contains("part 2/3 is missing")
        .contains("--part 2/3");
    assertThat(refusedMerge(p.get(0), p.get(1)).err()).contains("part 3/3 is missing");
    // doubled
    assertThat(refusedMerge(p.get(0), p.get(1), p.get(1), p.get(2)).err()).contains("is given twice; give each part once");
    // a part of another run (another seed)
    ok(CliRunner.run("run", "distributions/chinchilla.yaml", "--samples", "40000", "--seed", "4", "--part", "2/3", "--out",
        dir.resolve("seed4").toString(), "--quiet"));
    assertThat(refusedMerge(p.get(0), dir.resolve("seed4").toString(), p.get(2)).err()).contains("another run").contains("seed 4");
    // run without its fans: said in the option's words
    ok(CliRunner.run("run", "distributions/chinchilla.yaml", "--samples", "40000", "--seed", "3", "--no-fan", "--part", "2/3", "--out",
        dir.resolve("nofan").toString(), "--quiet"));
    assertThat(refusedMerge(p.get(0), dir.resolve("nofan").toString(), p.get(2)).err()).contains("(--no-fan, where it has fans)");
    // of another split: its blocks overlap
    ok(CliRunner.run("run", "distributions/chinchilla.yaml", "--samples", "40000", "--seed", "3", "--part", "1/2", "--out",
        dir.resolve("half").toString(), "--quiet"));
    assertThat(refusedMerge(p.get(0), p.get(1), p.get(2), dir.resolve("half").toString()).err()).contains("both hold block");
    // not a part folder at all
    ok(CliRunner.run("run", "distributions/chinchilla.yaml", "--samples", "20000", "--out", dir.resolve("results").toString(), "--quiet"));
    assertThat(refusedMerge(p.get(0), dir.resolve("results").toString()).err()).contains("is not a part folder of meek's");
    assertThat(refusedMerge(p.get(0), dir.resolve("nowhere").toString()).err()).contains("no such folder");
    assertThat(refusedMerge(p.get(0), "distributions/chinchilla.yaml").err()).contains("a file, not a folder");
    // a --spec that is not a file is the option's fault, not the part's
    CliRunner.Result specFolder = CliRunner.run("merge", p.get(0), p.get(1), p.get(2), "--spec", "distributions", "--out",
        dir.resolve("never").toString());
    assertThat(specFolder.code()).isEqualTo(2);
    assertThat(specFolder.err().strip()).isEqualTo("meek: --spec distributions: a folder, not a YAML file; give the spec file the parts ran");
    assertThat(dir.resolve("never")).doesNotExist();

    // corrupted: one byte changed
    Path bad = copy(Path.of(p.get(1)), "corrupt");
    byte[] bytes = Files.readAllBytes(bad.resolve("part.bin"));
    bytes[bytes.length / 2] ^= 1;
    Files.write(bad.resolve("part.bin"), bytes);
    assertThat(refusedMerge(p.get(0), bad.toString(), p.get(2)).err()).contains("does not match the checksum").contains("--part 2/3");
    // cut short, with a checksum made to match: the reader still refuses it
    Path cut = copy(Path.of(p.get(1)), "cut");
    byte[] whole = Files.readAllBytes(cut.resolve("part.bin"));
    Files.write(cut.resolve("part.bin"), java.util.Arrays.copyOf(whole, whole.length - 100));
    setManifest(cut, "data_sha256", sha256(cut.resolve("part.bin")));
    assertThat(refusedMerge(p.get(0), cut.toString(), p.get(2)).err()).contains("cut short");
    // its numbers missing
    Path empty = copy(Path.of(p.get(1)), "nodata");
    Files.delete(empty.resolve("part.bin"));
    assertThat(refusedMerge(p.get(0), empty.toString(), p.get(2)).err()).contains("part.bin is missing");
    // made by another version of meek
    Path old = copy(Path.of(p.get(1)), "old");
    setManifest(old, "tool_version", "0.0.1");
    assertThat(refusedMerge(p.get(0), old.toString(), p.get(2)).err()).contains("was made by meek 0.0.1");
    // hand-edited manifests: one line, not a stack trace
    for (String[] edit : new String[][] {{"design", "foo"}, {"samples", "-5"}, {"samples", "1e15"}, {"from_block", "2.7"}}) {
      Path edited = copy(Path.of(p.get(1)), "edit-" + edit[0] + edit[1]);
      ObjectNode m = (ObjectNode) JSON.readTree(edited.resolve("manifest.json").toFile());
      if (edit[0].equals("design")) {
        m.put(edit[0], edit[1]);
      } else {
        m.put(edit[0], Double.parseDouble(edit[1]));
      }
      JSON.writeValue(edited.resolve("manifest.json").toFile(), m);
      assertThat(refusedMerge(p.get(0), edited.toString(), p.get(2)).err()).as(edit[0] + " " + edit[1]).contains("manifest.json");
    }
    // and the good parts still merge
    ok(CliRunner.run("merge", p.get(2), p.get(1), p.get(0), "--out", dir.resolve("fine").toString(), "--quiet"));
  }

  @Test
  void theSpecMustBeTheOneThePartsRan() throws IOException {
    Path spec = dir.resolve("spec.yaml");
    Files.copy(Path.of("distributions/chinchilla.yaml"), spec);
    List<String> folders = parts("s", 2, 9, spec.toString(), "--samples", "20000");
    Files.writeString(spec, Files.readString(spec).replace("Chinchilla exponent", "Changed title"));
    CliRunner.Result changed = refusedMerge(folders.get(0), folders.get(1));
    assertThat(changed.err()).contains("is not the spec").contains("--spec");
    Files.delete(spec);
    assertThat(refusedMerge(folders.get(0), folders.get(1)).err()).contains("is not there").contains("--spec");
    // --spec names the spec where it now is, checked by its hash
    ok(CliRunner.run("merge", folders.get(0), folders.get(1), "--spec", "distributions/chinchilla.yaml", "--out",
        dir.resolve("m").toString(), "--quiet"));
  }

  @Test
  void badPartOptionsAreOneLineErrors() {
    String[][] cases = {
      {"--part", "0/3", "I must lie between 1 and K"},
      {"--part", "4/3", "I must lie between 1 and K"},
      {"--part", "two", "is not a part I/K"},
      {"--part", "9/9", "only 3 blocks"},
    };
    for (String[] c : cases) {
      CliRunner.Result r = CliRunner.run("run", "distributions/chinchilla.yaml", "--samples", "20000", c[0], c[1], "--out",
          dir.resolve("x").toString());
      assertThat(r.code()).as(c[1]).isEqualTo(2);
      assertThat(r.err()).as(c[1]).contains(c[2]).doesNotContain("Exception");
    }
    CliRunner.Result precision = CliRunner.run("run", "distributions/chinchilla.yaml", "--part", "1/2", "--precision", "0.05", "--out",
        dir.resolve("x").toString());
    assertThat(precision.code()).isEqualTo(2);
    assertThat(precision.err()).contains("--precision does not work with --part");
    assertThat(dir.resolve("x")).doesNotExist();
  }

  private Path copy(Path from, String name) throws IOException {
    Path to = dir.resolve(name);
    Files.createDirectories(to);
    try (Stream<Path> s = Files.list(from)) {
      for (Path f : s.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
    return to;
  }

  private static void setManifest(Path folder, String key, String value) throws IOException {
    ObjectNode m = (ObjectNode) JSON.readTree(folder.resolve("manifest.json").toFile());
    m.put(key, value);
    JSON.writeValue(folder.resolve("manifest.json").toFile(), m);
  }
}
