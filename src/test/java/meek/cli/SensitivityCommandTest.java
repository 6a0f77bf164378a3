package meek.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: {@code meek sensitivity} writes its promised files; bad options write nothing. */
class SensitivityCommandTest {

  @TempDir Path dir;

  @Test
  void writesJsonCsvMarkdownAndCharts() throws IOException {
    Path out = dir.resolve("sens");
    CliRunner.Result r = CliRunner.run("sensitivity", "distributions/chinchilla.yaml", "--samples", "5000",
        "--sobol-rows", "1024", "--bootstrap", "200", "--years", "2025", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("depends most on g_alg");
    JsonNode json = new ObjectMapper().readTree(out.resolve("sensitivity.json").toFile());
    assertThat(json.get("methods")).hasSize(3);
    JsonNode tStar = json.at("/outputs/inflection_time_years");
    assertThat(number(tStar, "/sobol/inputs/g_alg/total")).isBetween(0.0, 1.0);
    assertThat(tStar.at("/sobol/inputs/g_alg/total_ci95")).hasSize(2);
    assertThat(number(tStar, "/spearman/inputs/g_alg/prcc")).isNegative();
    assertThat(number(tStar, "/tornado/inputs/g_alg/output_at_p5")).isGreaterThan(number(tStar, "/tornado/inputs/g_alg/output_at_p95"));
    // the gap in the year asked for is an output of every method
    for (String method : List.of("spearman/inputs/g_alg/rho", "tornado/inputs/g_alg/swing", "sobol/inputs/g_alg/total")) {
      assertThat(number(json, "/outputs/gap_2025_nats/" + method)).as(method).isFinite();
    }
    List<String> csv = Files.readAllLines(out.resolve("sensitivity.csv"));
    assertThat(csv.get(0)).isEqualTo("output,input,method,statistic,value,ci95_low,ci95_high,n");
    assertThat(csv).anyMatch(l -> l.startsWith("inflection_time_years,g_inv,sobol,total,"));
    assertThat(Files.readString(out.resolve("sensitivity.md"))).contains("| `g_alg` |").contains("## Method");
    for (String chart : List.of("tornado_inflection_time_years", "sobol_peak_gap_nats", "tornado_gap_2025_nats")) {
      assertThat(out.resolve(chart + ".png")).isNotEmptyFile();
      assertThat(out.resolve(chart + ".svg")).isNotEmptyFile();
    }
  }

  /** The number at a JSON pointer, failing when the key is missing or not a number (at() would give a MissingNode). */
  private static double number(JsonNode node, String pointer) {
    JsonNode n = node.at(pointer);
    assertThat(n.isNumber()).as(pointer + " is a number (got " + n + ")").isTrue();
    return n.asDouble();
  }

  @Test
  void oneMethodWritesOnlyItsPart() throws IOException {
    Path out = dir.resolve("sp");
    CliRunner.Result r = CliRunner.run("sensitivity", "distributions/kaplan.yaml", "--method", "spearman",
        "--samples", "3000", "--out", out.toString(), "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(out.resolve("sensitivity.json").toFile());
    assertThat(json.get("methods").toString()).isEqualTo("[\"spearman\"]");
    assertThat(json.at("/outputs/inflection_time_years/sobol").isMissingNode()).isTrue();
    assertThat(out.resolve("sobol_inflection_time_years.png")).doesNotExist();
  }

  @Test
  void badOptionsFailWithOneLineAndWriteNothing() {
    Path out = dir.resolve("bad");
    for (String[] extra : List.of(
        new String[] {"--years", "1990"},
        new String[] {"--method", "morris"},
        new String[] {"--sobol-rows", "1"},
        new String[] {"--bootstrap", "10"})) {
      String[] args = java.util.stream.Stream.concat(
          java.util.stream.Stream.of("sensitivity", "distributions/chinchilla.yaml", "--out", out.toString(), "--quiet"),
          java.util.stream.Stream.of(extra)).toArray(String[]::new);
      CliRunner.Result r = CliRunner.run(args);
      assertThat(r.code()).as(String.join(" ", extra) + ": " + r.err()).isEqualTo(2);
      assertThat(r.err().strip()).doesNotContain("\n").startsWith("meek: ").doesNotContain("Exception");
      assertThat(out).doesNotExist();
    }
  }

  @Test
  void aSpecOfConstantsHasNothingToRank() throws IOException {
    Path spec = dir.resolve("c.yaml");
    Files.writeString(spec, "name: c\nparams: {alpha: 0.155, A: 1070, L0: 1.7, C0: 1e20, g_alg: 2.8, g_hw: 1.4, g_inv: 3.6}\n");
    CliRunner.Result r = CliRunner.run("sensitivity", spec.toString(), "--out", dir.resolve("o").toString(), "--quiet");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("nothing to rank");
    assertThat(dir.resolve("o")).doesNotExist();
  }

  @Test
  void anOutputDefinedInNoDrawIsSaidToBeSoAndAnInputWithoutEffectIsNoDriver() throws IOException {
    // g_inv = 1: no draw has a peak, so t* is defined nowhere (its Sobol indices used to read "below 0.01")
    Path spec = dir.resolve("none.yaml");
    Files.writeString(spec, "name: none\nparams: {alpha: 0.155, A: 1070, L0: 1.7, C0: {dist: lognormal, p5: 1e20, p95: 1e21},"
        + " g_alg: {dist: lognormal, p5: 2, p95: 4}, g_hw: 1.4, g_inv: 1.0}\n");
    Path out = dir.resolve("none-out");
    CliRunner.Result r = CliRunner.run("sensitivity", spec.toString(), "--samples", "2000", "--sobol-rows", "256", "--bootstrap", "100",
        "--out", out.toString(), "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    String md = Files.readString(out.resolve("sensitivity.md"));
    assertThat(md).contains("The time of the peak loss gap (t*) is not defined, never reached or the same in every draw")
        .doesNotContain("n/a [0, 0]").doesNotContain("No input has a clear effect on the time of the peak");
    // t* does not depend on C0: the tornado must not list it as a driver
    Path tornado = dir.resolve("tornado-out");
    assertThat(CliRunner.run("sensitivity", "distributions/chinchilla.yaml", "--method", "tornado", "--out", tornado.toString(), "--quiet")
        .code()).isZero();
    String t = Files.readString(tornado.resolve("sensitivity.md"));
    // the median draw never peaks while some draws do: the tornado's base is +∞ (its chart crashed on the axis)
    Path mixed = dir.resolve("mixed.yaml");
    Files.writeString(mixed, Files.readString(Path.of("distributions/chinchilla.yaml")).replaceFirst("(?m)^name: .*$", "name: mixed")
        .replaceFirst("(?m)^  g_alg: .*$", "  g_alg: 1").replaceFirst("(?m)^  g_hw: .*$", "  g_hw: {dist: uniform, min: 0.5, max: 1.1}"));
    CliRunner.Result m = CliRunner.run("sensitivity", mixed.toString(), "--samples", "2000", "--sobol-rows", "256", "--bootstrap", "100",
        "--out", dir.resolve("mixed-out").toString(), "--quiet");
    assertThat(m.code()).as(m.err()).isZero();
    assertThat(Files.readString(dir.resolve("mixed-out").resolve("tornado_inflection_time_years.svg"))).contains("No bars: with all inputs at their medians the output is never reached");
    assertThat(CliRunner.run("sensitivity", "distributions/chinchilla.yaml", "--years", ",", "--out", dir.resolve("no-years").toString()).code())
        .as("--years , is not the default years").isEqualTo(2);
    String tStar = t.lines().filter(l -> l.startsWith("The time of the peak loss gap (t*) depends most on")).findFirst().orElseThrow();
    assertThat(tStar).contains("`C0` has no effect between its p5 and p95").doesNotContain("`C0` (");
  }
}
