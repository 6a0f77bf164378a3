package meek.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: {@code meek run} on a shipped preset writes every promised file, in the promised shape. */
class RunCommandTest {

  private static final List<String> OUTPUTS =
      List.of(
          "inflection_time_years",
          "inflection_year",
          "peak_gap_nats",
          "steepest_decline_time_years",
          "half_gap_time_years",
          "tenth_gap_time_years");
  private static final List<String> QUANTILE_KEYS =
      List.of("mean", "sd", "p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99");

  @TempDir Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void runWritesEveryOutputFile() throws IOException {
    Path out = dir.resolve("chin");
    CliRunner.Result r =
        CliRunner.run("run", "distributions/chinchilla.yaml", "--samples", "20000", "--seed", "7", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("peaks").contains("N = 20,000, seed 7");

    JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(summary.get("spec").asText()).isEqualTo("chinchilla");
    assertThat(summary.get("samples").asInt()).isEqualTo(20000);
    assertThat(summary.get("seed").asLong()).isEqualTo(7);
    for (String output : OUTPUTS) {
      JsonNode o = summary.get("outputs").get(output);
      assertThat(o).as(output).isNotNull();
      for (String k : QUANTILE_KEYS) {
        assertThat(o.get(k)).as(output + "." + k).isNotNull();
        assertThat(o.get(k).isNumber()).as(output + "." + k).isTrue();
      }
      assertThat(o.get("p5").asDouble()).isLessThanOrEqualTo(o.get("p50").asDouble());
      assertThat(o.get("p50").asDouble()).isLessThanOrEqualTo(o.get("p95").asDouble());
      JsonNode ci = o.get("ci95").get("p50");
      assertThat(ci.get(0).asDouble()).isLessThanOrEqualTo(o.get("p50").asDouble());
      assertThat(ci.get(1).asDouble()).isGreaterThanOrEqualTo(o.get("p50").asDouble());
    }
    // the calendar year is the baseline plus the time, quantile by quantile
    assertThat(summary.at("/outputs/inflection_year/p50").asDouble())
        .isCloseTo(2019 + summary.at("/outputs/inflection_time_years/p50").asDouble(), org.assertj.core.api.Assertions.within(1e-9));
    assertThat(summary.get("counts").get("no_advantage")).isNotNull();
    assertThat(summary.get("counts").get("never_converges")).isNotNull();

    List<String> quantiles = Files.readAllLines(out.resolve("quantiles.csv"));
    assertThat(quantiles.get(0)).startsWith("output,unit,n,n_infinite,mean,sd,p1,p5,p10,p25,p50,p75,p90,p95,p99");
    assertThat(quantiles.subList(1, quantiles.size()).stream().map(l -> l.split(",")[0])).containsAll(OUTPUTS);

    List<String> fan = Files.readAllLines(out.resolve("fan.csv"));
    assertThat(fan.get(0)).startsWith("t,year,p1,p5,p10,p25,p50,p75,p90,p95,p99");
    assertThat(fan).hasSize(1 + 121); // t = 0, 0.25, …, 30 inclusive
    assertThat(fan.get(1)).startsWith("0.0,2019.0,");
    assertThat(fan.get(121)).startsWith("30.0,2049.0,");
    for (String line : fan.subList(1, fan.size())) {
      String[] cells = line.split(",");
      for (int k = 3; k < 11; k++) { // quantiles increase along a row
        assertThat(Double.parseDouble(cells[k])).isGreaterThanOrEqualTo(Double.parseDouble(cells[k - 1]));
      }
    }

    for (String png : List.of("fan.png", "inflection_time.png")) {
      BufferedImage img = ImageIO.read(out.resolve(png).toFile());
      assertThat(img).as(png).isNotNull();
      assertThat(img.getWidth()).isGreaterThanOrEqualTo(1600);
    }
    String svg = Files.readString(out.resolve("fan.svg"));
    assertThat(svg).contains("<svg").contains("</svg>").contains("Chinchilla exponent");

    String md = Files.readString(out.resolve("summary.md"));
    assertThat(md).contains("The SOTA loss advantage peaks").contains("N = 20,000, seed 7").contains("| output | median [p5–p95]");

    JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
    for (String k : List.of("spec", "spec_sha256", "seed", "samples", "threads", "tool_version", "tool_commit", "java_version", "started", "wall_seconds")) {
      assertThat(manifest.get(k)).as(k).isNotNull();
    }
    assertThat(manifest.get("spec_sha256").asText()).hasSize(64);
    assertThat(manifest.at("/spec/params/g_alg/dist").asText()).isEqualTo("lognormal");
  }

  @Test
  void sameSpecAndSeedGiveIdenticalSummariesOnOneAndFourThreads() throws IOException {
    byte[][] files = new byte[2][];
    String[] threads = {"1", "4"};
    for (int i = 0; i < 2; i++) {
      Path out = dir.resolve("t" + threads[i]);
      // 50,000 draws: several blocks, so block order and merging are exercised
      CliRunner.Result r = CliRunner.run("run", "distributions/kaplan.yaml", "--samples", "50000", "--seed", "42",
          "--threads", threads[i], "--out", out.toString(), "--quiet");
      assertThat(r.code()).as(r.err()).isZero();
      files[i] = Files.readAllBytes(out.resolve("summary.json"));
    }
    assertThat(files[1]).isEqualTo(files[0]);
    assertThat(Files.readAllBytes(dir.resolve("t4/fan.csv"))).isEqualTo(Files.readAllBytes(dir.resolve("t1/fan.csv")));
    assertThat(Files.readAllBytes(dir.resolve("t4/quantiles.csv"))).isEqualTo(Files.readAllBytes(dir.resolve("t1/quantiles.csv")));
    // the charts too: same numbers, same bytes (JFreeSVG's ids would otherwise carry a timestamp)
    assertThat(Files.readAllBytes(dir.resolve("t4/fan.svg"))).isEqualTo(Files.readAllBytes(dir.resolve("t1/fan.svg")));
    assertThat(Files.readAllBytes(dir.resolve("t4/fan.png"))).isEqualTo(Files.readAllBytes(dir.resolve("t1/fan.png")));
  }

  @Test
  void specBlocksAddTheBenchmarkAndTokensViews() throws IOException {
    Path spec = dir.resolve("views.yaml");
    Files.writeString(spec, Files.readString(Path.of("distributions/chinchilla.yaml")).replace("name: chinchilla", "name: views")
        + "benchmark: {L_mid: 1.96, k: 14}\ndiscrimination: {epsilon: 0.05, years: [2030]}\n");
    Path out = dir.resolve("views");
    CliRunner.Result r = CliRunner.run("run", spec.toString(), "--samples", "20000", "--out", out.toString(), "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode outputs = JSON.readTree(out.resolve("summary.json").toFile()).get("outputs");
    for (String name : List.of("benchmark_inflection_time_years", "benchmark_peak_gap_points", "tokens_at_peak", "tokens_at_2030")) {
      assertThat(outputs.get(name)).as(name).isNotNull();
      assertThat(outputs.get(name).get("p50").isNumber()).isTrue();
    }
    for (String f : List.of("fan_benchmark", "fan_tokens")) {
      assertThat(Files.readAllLines(out.resolve(f + ".csv"))).hasSize(122);
      assertThat(ImageIO.read(out.resolve(f + ".png").toFile())).isNotNull();
    }
    // observed points overlay the benchmark chart
    Path withObserved = dir.resolve("observed");
    CliRunner.Result o = CliRunner.run("run", spec.toString(), "--samples", "10000", "--observed",
        "distributions/data/observed-mmlu-pro.csv", "--out", withObserved.toString(), "--quiet");
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(Files.readString(withObserved.resolve("fan_benchmark.svg"))).contains("mid-2023").contains("Observed");
    // --metric narrows the views; the loss gap stays
    Path narrow = dir.resolve("narrow");
    assertThat(CliRunner.run("run", spec.toString(), "--samples", "10000", "--metric", "tokens", "--out", narrow.toString(), "--quiet").code()).isZero();
    assertThat(narrow.resolve("fan_tokens.csv")).exists();
    assertThat(narrow.resolve("fan_benchmark.csv")).doesNotExist();
    assertThat(narrow.resolve("fan.csv")).exists();
  }

  @Test
  void everyShippedPresetValidatesAndRuns() throws IOException {
    try (var presets = Files.list(Path.of("distributions"))) {
      for (Path p : presets.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        assertThat(CliRunner.run("validate", p.toString()).code()).as("validate " + p).isZero();
        Path out = dir.resolve("preset-" + p.getFileName());
        CliRunner.Result r = CliRunner.run("run", p.toString(), "--samples", "10000", "--out", out.toString(), "--quiet");
        assertThat(r.code()).as(p + ": " + r.err()).isZero();
        assertThat(out.resolve("summary.json")).exists();
      }
    }
  }

  @Test
  void fitBenchmarkWritesAFragmentThatASpecAccepts() throws IOException {
    Path out = dir.resolve("fit");
    CliRunner.Result r = CliRunner.run("fit-benchmark", "distributions/data/mmlu.csv", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("L_mid").contains("R²");
    assertThat(ImageIO.read(out.resolve("fit.png").toFile())).isNotNull();
    JsonNode fit = JSON.readTree(out.resolve("fit.json").toFile());
    assertThat(fit.at("/coefficients/L_mid/std_error").asDouble()).isPositive();
    // the fragment drops into a spec as its benchmark block
    Path spec = dir.resolve("with-fit.yaml");
    Files.writeString(spec, Files.readString(Path.of("distributions/chinchilla.yaml")).replace("name: chinchilla", "name: with-fit")
        + Files.readString(out.resolve("benchmark.yaml")));
    assertThat(CliRunner.run("validate", spec.toString()).code()).isZero();
  }

  @Test
  void investmentScenariosReproduceThePaper() throws IOException {
    // docs/MODEL.md §7: stagnation after 5 years peaks at min(t*, 5); Fig. 7: t* = 3.12 at 5x and 2.77 at 10x
    String[][] cases = {{"paper-stagnation", "3.332", "0.0005"}, {"paper-investment-5x", "3.12", "0.005"}, {"paper-investment-10x", "2.77", "0.005"}};
    for (String[] c : cases) {
      CliRunner.Result r = CliRunner.run("point", "distributions/" + c[0] + ".yaml", "--json");
      assertThat(r.code()).as(r.err()).isZero();
      double t = JSON.readTree(r.out()).get("inflection_time_years").asDouble();
      assertThat(t).as(c[0]).isCloseTo(Double.parseDouble(c[1]), org.assertj.core.api.Assertions.within(Double.parseDouble(c[2])));
    }
    // a stagnation earlier than t*: the peak moves to it, for every draw
    Path spec = dir.resolve("early-stop.yaml");
    Files.writeString(spec, "name: early\nparams:\n  alpha: {dist: normal, mean: 0.155, sd: 0.01}\n  A: 1070\n  L0: 1.7\n  C0: 1e20\n"
        + "  g_alg: 2.8\n  g_hw: 1.4\n  g_inv: [{until: 1.5, rate: {dist: uniform, min: 3, max: 4}}, {rate: 1.0}]\n");
    Path out = dir.resolve("early");
    assertThat(CliRunner.run("run", spec.toString(), "--samples", "5000", "--out", out.toString(), "--quiet").code()).isZero();
    JsonNode t = JSON.readTree(out.resolve("summary.json").toFile()).at("/outputs/inflection_time_years");
    assertThat(t.get("p1").asDouble()).isEqualTo(1.5);
    assertThat(t.get("p99").asDouble()).isEqualTo(1.5);
  }

  @Test
  void everyCommandsHelpRendersCleanly() {
    java.io.PrintStream saved = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      for (String command : List.of("run", "compare", "sensitivity", "batch", "cite", "point", "validate", "fit-benchmark")) {
        CliRunner.Result r = CliRunner.run(command, "--help");
        assertThat(r.code()).as(command).isZero();
        assertThat(r.out()).contains("Usage: meek " + command);
        assertThat(CliRunner.run("help", command).out()).as("meek help " + command).isEqualTo(r.out());
      }
      CliRunner.Result top = CliRunner.run("--help");
      assertThat(top.code()).isZero();
      assertThat(top.out()).contains("Usage: meek").contains("run").contains("fit-benchmark");
      // each command's summary is a whole sentence, not the first line of its description cut off
      String commands = top.out().substring(top.out().indexOf("Commands:"));
      String[] entries = commands.replaceAll("\n {19}", " ").split("\n");
      for (String entry : entries) {
        if (entry.startsWith("  ") && !entry.trim().startsWith("help ")) {
          assertThat(entry.trim()).as(entry).endsWith(".");
        }
      }
    } finally {
      System.setErr(saved);
    }
    // picocli reports a description it cannot format (an unescaped %) on System.err
    assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("WARN");
  }

  @Test
  void compareWritesItsFilesWithTheContractKeys() throws IOException {
    Path out = dir.resolve("cmp");
    CliRunner.Result r = CliRunner.run("compare", "distributions/kaplan.yaml", "distributions/chinchilla.yaml",
        "--samples", "20000", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("later under kaplan than under chinchilla");
    JsonNode c = JSON.readTree(out.resolve("compare.json").toFile());
    assertThat(c.get("specs").get(0).asText()).isEqualTo("kaplan");
    assertThat(c.at("/outputs/inflection_time_years/kaplan/p50").isNumber()).isTrue();
    assertThat(c.at("/outputs/inflection_time_years/chinchilla/p50").isNumber()).isTrue();
    JsonNode d = c.at("/differences/kaplan − chinchilla/inflection_time_years");
    assertThat(d.get("p50").asDouble()).isPositive();
    assertThat(d.get("p_a_greater").asDouble()).isBetween(0.0, 1.0);
    assertThat(d.get("p_a_greater_ci95")).hasSize(2);
    assertThat(Files.readAllLines(out.resolve("compare.csv")).get(0)).startsWith("kind,output,spec_or_pair");
    assertThat(Files.readString(out.resolve("compare.md"))).contains("| output | kaplan | chinchilla |");
    assertThat(ImageIO.read(out.resolve("compare_fan.png").toFile())).isNotNull();
  }

  @Test
  void pointReproducesThePaper() {
    CliRunner.Result chin = CliRunner.run("point", "distributions/paper-chinchilla.yaml", "--json");
    assertThat(chin.code()).as(chin.err()).isZero();
    assertThat(chin.out()).contains("\"inflection_time_years\" : 3.33");
    CliRunner.Result kap = CliRunner.run("point", "distributions/paper-kaplan.yaml");
    assertThat(kap.code()).isZero();
    assertThat(kap.out()).contains("10.33 years");
  }
}
