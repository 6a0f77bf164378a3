package meek.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** meek calibrate end to end: its folder, its independence of threads, cite on it, and each bad observations file. */
class CalibrateCommandTest {

  @TempDir Path dir;

  private static final String OBSERVED = "year,gap,sd,label\n2022,0.05,0.01,a\n2024,0.04,0.01,b\n";

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void theFolderHoldsThePosteriorAndDoesNotDependOnThreadsForEitherMethod() throws IOException {
    Path obs = write("obs.csv", OBSERVED);
    for (String method : List.of("importance", "smc")) {
      Path one = dir.resolve(method + "-1");
      Path two = dir.resolve(method + "-2");
      for (Path out : List.of(one, two)) {
        CliRunner.Result r = CliRunner.run("calibrate", "distributions/chinchilla.yaml", "--observed", obs.toString(), "--samples", "20000",
            "--method", method, "--threads", out == one ? "1" : "2", "--out", out.toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
      }
      for (String f : List.of("posterior.json", "parameters.csv", "fan.csv", "fan_prior.csv")) {
        assertThat(Files.readString(two.resolve(f))).as(method + " " + f).isEqualTo(Files.readString(one.resolve(f)));
      }
      for (String f : List.of("fan.png", "fan.svg", "inflection_time.png", "summary.md", "manifest.json", "report.html")) {
        assertThat(one.resolve(f)).isRegularFile();
      }
      String posterior = Files.readString(one.resolve("posterior.json"));
      assertThat(posterior).contains("\"ess\"", "\"pareto_k\"", "\"method\"", "\"observations\"", "\"pareto_k_loo\"", "\"ci95\"",
          "\"prior_predictive\"", "\"posterior_predictive\"");
      CliRunner.Result cite = CliRunner.run("cite", one.toString());
      assertThat(cite.code()).as(cite.err()).isZero();
      assertThat(cite.out()).contains("(posterior)").contains("inflection_time_years").contains(method.equals("smc") ? "tempered SMC" : "PSIS");
    }
    // the same folder again without --force is refused; with it, replaced
    CliRunner.Result again = CliRunner.run("calibrate", "distributions/chinchilla.yaml", "--observed", obs.toString(), "--samples", "5000",
        "--out", dir.resolve("smc-1").toString(), "--quiet");
    assertThat(again.code()).isEqualTo(2);
    CliRunner.Result forced = CliRunner.run("calibrate", "distributions/chinchilla.yaml", "--observed", obs.toString(), "--samples", "5000",
        "--out", dir.resolve("smc-1").toString(), "--quiet", "--force");
    assertThat(forced.code()).as(forced.err()).isZero();
  }

  @Test
  void theWorkedExampleRunsAndSaysWhatItFound() {
    Path out = dir.resolve("mmlu");
    CliRunner.Result r = CliRunner.run("calibrate", "distributions/calibrate-mmlu-pro.yaml", "--observed",
        "distributions/data/mmlu-pro-price-band.csv", "--samples", "20000", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Given the 3 observed gaps").contains("catches up").contains("Effective sample size");
    assertThat(out.resolve("fan_inference_benchmark.png")).isRegularFile();
  }

  static Stream<Arguments> badObservations() {
    return Stream.of(
        Arguments.of("no sd column", "year,gap\n2022,0.05\n", "no 'sd' column"),
        Arguments.of("a zero sd", "year,gap,sd\n2022,0.05,0\n", ":2: sd: '0' is not a positive number"),
        Arguments.of("a negative sd", "year,gap,sd\n2022,0.05,0.01\n2023,0.05,-1\n", ":3: sd: '-1' is not a positive number"),
        Arguments.of("an sd that is not a number", "year,gap,sd\n2022,0.05,abc\n", "sd: 'abc'"),
        Arguments.of("a missing sd", "year,gap,sd\n2022,0.05,\n", "sd: ''"),
        Arguments.of("a view the spec lacks", "year,gap,sd,metric\n2022,5,1,benchmark\n", ":2: metric benchmark: the spec configures no such view"),
        Arguments.of("an unknown metric", "year,gap,sd,metric\n2022,5,1,mmlu\n", "metric: 'mmlu' is not"),
        Arguments.of("a year before the view's start", "year,gap,sd\n2018,0.05,0.01\n", ":2: year 2018 is before the loss view's start (2019)"),
        Arguments.of("a year after the view's span", "year,gap,sd\n2022,0.05,0.01\n2200,0.05,0.01\n", ":3: year 2200 lies after the loss view's span (2019–2049)"),
        Arguments.of("a log-scale reading where every gap is 0", "year,gap,sd,scale\n2019,0.1,0.5,log\n", ":2: no prior draw has a positive loss gap in 2019, which scale log needs"),
        Arguments.of("a likelihood that underflows in every draw", "year,gap,sd\n2022,0.15,1e-300\n", ":2: the likelihood of every prior draw is 0"),
        Arguments.of("an unknown scale", "year,gap,sd,scale\n2022,0.05,0.01,ln\n", "scale: 'ln' is not linear or log"),
        Arguments.of("a non-positive gap on a log scale", "year,gap,sd,scale\n2022,0,0.1,log\n", "with scale log"),
        Arguments.of("no rows", "year,gap,sd\n", "no data rows"),
        Arguments.of("a hexadecimal number", "year,gap,sd\n2022,0x1p-3,0.01\n", ":2: gap: '0x1p-3' is not a number"),
        Arguments.of("a number with Java's type suffix", "year,gap,sd\n2022,0.05,0.01d\n", ":2: sd: '0.01d' is not a positive number"),
        Arguments.of("a column named twice", "year,gap,sd,sd\n2022,0.05,0.01,0.02\n", "duplicate name: \"sd\" in [year, gap, sd, sd]: name each column once"),
        Arguments.of("a missing file", null, "no such file"));
  }

  @Test
  void citeCautionsAboutAnUntrustedPosterior() throws IOException {
    Path obs = write("precise.csv", "year,gap,sd\n2022,0.15,0.0005\n2024,0.12,0.0005\n");
    Path out = dir.resolve("forced");
    CliRunner.Result r = CliRunner.run("calibrate", "distributions/chinchilla.yaml", "--observed", obs.toString(), "--samples", "20000",
        "--method", "importance", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Pareto k̂ is above its threshold").contains("do not cite them");
    assertThat(Files.readString(out.resolve("posterior.json"))).contains("\"trusted\" : false");
    CliRunner.Result cite = CliRunner.run("cite", out.toString());
    assertThat(cite.out()).startsWith("Caution: meek does not trust this posterior");
  }

  @Test
  void tooFewSamplesAreRefused() throws IOException {
    Path obs = write("obs.csv", OBSERVED);
    CliRunner.Result r = CliRunner.run("calibrate", "distributions/chinchilla.yaml", "--observed", obs.toString(), "--samples", "10",
        "--out", dir.resolve("out").toString(), "--method", "smc");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--samples must be at least 1,000").doesNotContain("Exception");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badObservations")
  void aBadObservationsFileIsOneLineExitTwoAndNothingWritten(String what, String text, String message) throws IOException {
    Path obs = text == null ? dir.resolve("missing.csv") : write("obs.csv", text);
    Path out = dir.resolve("out");
    CliRunner.Result r = CliRunner.run("calibrate", "distributions/chinchilla.yaml", "--observed", obs.toString(), "--samples", "2000",
        "--out", out.toString(), "--quiet");
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").startsWith("meek: ").contains(message).contains(obs.toString());
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(out).doesNotExist();
  }
}
