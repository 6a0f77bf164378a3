package meek.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cite} prints the numbers of summary.json, rounded as stated; parsed back, they match. */
class CiteTest {

  @TempDir static Path dir;
  private static Path run;
  private static JsonNode summary;

  @BeforeAll
  static void runOnce() throws IOException {
    run = dir.resolve("run");
    assertThat(CliRunner.run("run", "distributions/chinchilla.yaml", "--samples", "20000", "--seed", "5", "--out", run.toString(), "--quiet").code()).isZero();
    summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
  }

  /** |printed − exact| may be at most half a unit in the last printed significant figure. */
  private static void assertRoundedFrom(String printed, double exact, int sig) {
    double parsed = Double.parseDouble(printed);
    double unit = Math.pow(10, Math.floor(Math.log10(Math.abs(exact))) - sig + 1);
    assertThat(parsed).as("%s from %s", printed, exact).isCloseTo(exact, within(0.5 * unit + 1e-12));
  }

  @Test
  void markdownTableParsesBackToTheSummary() {
    for (int sig : new int[] {2, 4}) {
      CliRunner.Result r = CliRunner.run("cite", run.toString(), "--format", "md", "--sig", "" + sig);
      assertThat(r.code()).as(r.err()).isZero();
      Matcher m = Pattern.compile("\\| `(\\w+)` \\| ([-0-9.e+]+) \\[([-0-9.e+]+)–([-0-9.e+]+)\\] \\|").matcher(r.out());
      int rows = 0;
      while (m.find()) {
        JsonNode o = summary.get("outputs").get(m.group(1));
        if (m.group(1).endsWith("_year")) { // calendar years: one decimal
          assertThat(Double.parseDouble(m.group(2))).isCloseTo(o.get("p50").asDouble(), within(0.05 + 1e-9));
          continue;
        }
        assertRoundedFrom(m.group(2), o.get("p50").asDouble(), sig);
        assertRoundedFrom(m.group(3), o.get("p5").asDouble(), sig);
        assertRoundedFrom(m.group(4), o.get("p95").asDouble(), sig);
        rows++;
      }
      assertThat(rows).isGreaterThanOrEqualTo(5);
    }
  }

  @Test
  void textAndLatexCarryTheSampleAndSeed() {
    assertThat(CliRunner.run("cite", run.toString()).out()).contains("N = 20,000, seed 5").contains("90% interval");
    String latex = CliRunner.run("cite", run.toString(), "--format", "latex").out();
    assertThat(latex).contains("\\toprule").contains("\\bottomrule").contains("inflection\\_time\\_years").contains("N = 20,000, seed 5");
  }

  @Test
  void runsWriteTheReferencesTheirSpecCites() throws IOException {
    String bib = Files.readString(run.resolve("references.bib"));
    assertThat(bib).contains("@misc{gundlach2025meek").contains("ho2024algorithmic").contains("hobbhahn2022gpu")
        .doesNotContain("kaplan2020scaling"); // chinchilla.yaml does not cite Kaplan
  }

  @Test
  void aFolderThatIsNotAResultIsRefused() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    CliRunner.Result r = CliRunner.run("cite", empty.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("meek: ").doesNotContain("\n").contains("not a meek results folder");
    CliRunner.Result none = CliRunner.run("cite", dir.resolve("nowhere").toString());
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err().strip()).isEqualTo("meek: " + dir.resolve("nowhere") + ": no such folder; give a folder written by meek run, compare,"
        + " batch or calibrate");
  }

  /** A file of a results folder given for the folder: named as a file, with the folder to give. */
  @Test
  void aFileOfAResultsFolderPointsAtItsFolder() {
    Path run = dir.resolve("file-run");
    assertThat(CliRunner.run("run", "distributions/chinchilla.yaml", "--samples", "20000", "--out", run.toString(), "--quiet").code()).isZero();
    CliRunner.Result r = CliRunner.run("cite", run.resolve("summary.json").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("meek: " + run.resolve("summary.json") + ": a file, not a folder; give the results folder that holds it ("
        + run + ")");
  }

  @Test
  void aPartOfARunIsToldToBeMergedFirst() throws IOException {
    Path part = dir.resolve("part");
    CliRunner.Result made = CliRunner.run("run", "distributions/chinchilla.yaml", "--samples", "20000", "--part", "1/2", "--out", part.toString(),
        "--quiet");
    assertThat(made.code()).as(made.err()).isZero();
    CliRunner.Result r = CliRunner.run("cite", part.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("meek: ").doesNotContain("\n").contains("one part of a run").contains("meek merge")
        .doesNotContain("not a meek results folder");
    // known by its manifest, not by the data file: a part missing part.bin is still a part, a lone part.bin is not one
    Files.move(part.resolve("part.bin"), dir.resolve("part.bin"));
    assertThat(CliRunner.run("cite", part.toString()).err()).contains("one part of a run");
    Path lone = Files.createDirectories(dir.resolve("lone"));
    Files.move(dir.resolve("part.bin"), lone.resolve("part.bin"));
    assertThat(CliRunner.run("cite", lone.toString()).err()).contains("not a meek results folder").doesNotContain("one part of a run");
  }

  @Test
  void anUnknownFormatIsOneLineListingTheFormats() {
    CliRunner.Result r = CliRunner.run("cite", run.toString(), "--format", "html");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("meek: ").doesNotContain("\n").contains("--format").contains("text, md, latex");
    assertThat(CliRunner.run("cite", run.toString(), "--format", "MD").out()).contains("| output | median [p5–p95] | unit |");
  }

  /** A copy of the run folder with summary.json edited. */
  private static Path damaged(String name, java.util.function.UnaryOperator<String> edit) throws IOException {
    Path copy = Files.createDirectories(dir.resolve(name));
    try (var files = Files.list(run)) {
      for (Path f : files.toList()) {
        Files.copy(f, copy.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Path s = copy.resolve("summary.json");
    Files.writeString(s, edit.apply(Files.readString(s)));
    return copy;
  }

  @Test
  void damagedNumbersAreRefusedNotCited() throws IOException {
    double p50 = summary.at("/outputs/inflection_time_years/p50").asDouble();
    String p50Text = summary.at("/outputs/inflection_time_years/p50").toString();
    List<Path> bad = List.of(
        damaged("null-median", t -> t.replaceFirst("\"p50\" : " + java.util.regex.Pattern.quote(p50Text), "\"p50\" : null")),
        damaged("huge-median", t -> t.replaceFirst("\"p50\" : " + java.util.regex.Pattern.quote(p50Text), "\"p50\" : 1e308")),
        damaged("negative-samples", t -> t.replaceFirst("\"samples\" : 20000", "\"samples\" : -5")),
        damaged("more-than-n", t -> t.replaceFirst("\"n\" : 20000", "\"n\" : 1000000000000")),
        damaged("no-outputs", t -> t.replaceFirst("(?s)\"outputs\" : \\{.*?\\n  \\},\\n  \"counts\"", "\"outputs\" : { },\n  \"counts\"")),
        damaged("far-year", t -> t.replaceFirst("\"after_year\" : 2019\\.0", "\"after_year\" : 1e300")));
    assertThat(p50).isPositive();
    for (Path folder : bad) {
      CliRunner.Result r = CliRunner.run("cite", folder.toString());
      assertThat(r.code()).as(folder + "\n" + r.out()).isEqualTo(2);
      assertThat(r.err().strip()).startsWith("meek: ").doesNotContain("\n").contains("damaged");
    }
  }

  @Test
  void aPairedDifferenceThatIsInfiniteReadsPlusOrMinusInfinityNotNever() throws IOException {
    // A has peaks (G > 1 in some draws), B never peaks (G = 1): A − B is −∞ wherever A peaks
    Path a = dir.resolve("a.yaml");
    Path b = dir.resolve("b.yaml");
    String paper = Files.readString(Path.of("distributions/paper-chinchilla.yaml"));
    Files.writeString(a, paper.replaceFirst("(?m)^name: .*$", "name: a").replaceFirst("(?m)^  g_alg: .*$", "  g_alg: {dist: uniform, min: 0.5, max: 2.5}"));
    Files.writeString(b, paper.replaceFirst("(?m)^name: .*$", "name: b").replaceFirst("(?m)^  g_alg: .*$", "  g_alg: 1.0")
        .replaceFirst("(?m)^  g_hw: .*$", "  g_hw: 1.0"));
    Path out = dir.resolve("ab");
    assertThat(CliRunner.run("compare", a.toString(), b.toString(), "--samples", "2000", "--out", out.toString(), "--quiet").code()).isZero();
    CliRunner.Result r = CliRunner.run("cite", out.toString());
    String line = r.out().lines().filter(l -> l.startsWith("paired difference a − b, difference in inflection_time_years")).findFirst().orElseThrow();
    assertThat(line).contains("−∞").doesNotContain("never");
  }
}
