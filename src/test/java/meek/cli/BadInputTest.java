package meek.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input ends with one line naming the file and key (and line), exit code 2, no stack trace, and
 * nothing written.
 */
public class BadInputTest {

  public static final String VALID =
      String.join(
          "\n",
          "name: t",
          "title: test",
          "params:",
          "  alpha: {dist: normal, mean: 0.155, sd: 0.01}",
          "  A: 1070",
          "  L0: 1.7",
          "  C0: {dist: lognormal, p5: 3.0e19, p95: 3.0e20}",
          "  g_alg: {dist: lognormal, p5: 2.0, p95: 4.0}",
          "  g_hw: {dist: lognormal, median: 1.4, gsd: 1.06}",
          "  g_inv: {dist: uniform, min: 2.5, max: 5.0}",
          "");

  @TempDir Path dir;

  private static final ObjectMapper JSON_READER = new ObjectMapper();

  /** Runs the spec text (or none) and checks the common contract; returns the error line. */
  private String failRun(String specText, String... extraArgs) throws IOException {
    Path spec = dir.resolve("s.yaml");
    if (specText != null) {
      Files.writeString(spec, specText);
    }
    Path out = dir.resolve("out");
    String[] args = Stream.concat(
            Stream.of("run", spec.toString(), "--samples", "1000", "--out", out.toString(), "--quiet"),
            Stream.of(extraArgs))
        .toArray(String[]::new);
    CliRunner.Result r = CliRunner.run(args);
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").startsWith("meek: ");
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(out).doesNotExist();
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).allMatch(n -> n.equals("s.yaml") || n.equals("in"));
    }
    return r.err().strip();
  }

  /** Each: a name, the spec text, and the key, message and line the error must give (the schema test reads them too). */
  public static Stream<Arguments> badSpecs() {
    return Stream.of(
        Arguments.of("unknown parameter", VALID.replace("  A: 1070", "  A: 1070\n  alpah: 3"), "params.alpah", "did you mean 'alpha'", 6),
        Arguments.of("unknown top-level key", VALID.replace("title: test", "titel: test"), "titel", "did you mean 'title'", 2),
        Arguments.of("unknown key in a distribution", VALID.replace("sd: 0.01", "sdd: 0.01"), "params.alpha.sdd", "did you mean 'sd'", 4),
        Arguments.of("missing parameter", VALID.replace("  g_inv: {dist: uniform, min: 2.5, max: 5.0}\n", ""), "params", "missing required parameter g_inv", 3),
        Arguments.of("unknown dist", VALID.replace("dist: normal", "dist: normel"), "params.alpha.dist", "did you mean 'normal'", 4),
        Arguments.of("sd zero", VALID.replace("sd: 0.01", "sd: 0"), "params.alpha", "sd must be a positive", 4),
        Arguments.of("sd negative", VALID.replace("sd: 0.01", "sd: -0.01"), "params.alpha", "sd must be a positive", 4),
        Arguments.of("p5 above p95", VALID.replace("p5: 2.0, p95: 4.0", "p5: 4.0, p95: 2.0"), "params.g_alg", "p5 must be < p95", 8),
        Arguments.of("p5 equals p95", VALID.replace("p5: 2.0, p95: 4.0", "p5: 2.0, p95: 2.0"), "params.g_alg", "p5 must be < p95", 8),
        Arguments.of("uniform min above max", VALID.replace("min: 2.5, max: 5.0", "min: 5.0, max: 2.5"), "params.g_inv", "min < max", 10),
        Arguments.of("truncation min above max", VALID.replace("sd: 0.01}", "sd: 0.01, min: 0.2, max: 0.1}"), "params.alpha", "min must be < max", 4),
        Arguments.of("lognormal percentile not positive", VALID.replace("p5: 2.0, p95: 4.0", "p5: -1, p95: 4.0"), "params.g_alg.p5", "must be > 0", 8),
        Arguments.of("lognormal bound not positive", VALID.replace("p5: 2.0, p95: 4.0}", "p5: 2.0, p95: 4.0, max: -1}"), "params.g_alg", "max must be > 0", 8),
        Arguments.of("lognormal median not positive", VALID.replace("median: 1.4", "median: 0"), "params.g_hw.median", "must be > 0", 9),
        Arguments.of("gsd not above one", VALID.replace("gsd: 1.06", "gsd: 0.9"), "params.g_hw.gsd", "must be > 1", 9),
        Arguments.of("truncation without mass", VALID.replace("sd: 0.01}", "sd: 0.01, min: 5, max: 6}"), "params.alpha", "leaves no probability mass", 4),
        Arguments.of("non-numeric value", VALID.replace("sd: 0.01", "sd: abc"), "params.alpha.sd", "must be a number (got 'abc')", 4),
        Arguments.of("non-numeric constant", VALID.replace("A: 1070", "A: lots"), "params.A", "must be a number", 5),
        Arguments.of("mixed forms", VALID.replace("median: 1.4, gsd: 1.06", "median: 1.4, gsd: 1.06, p5: 1"), "params.g_hw.p5", "mixes two ways", 9),
        Arguments.of("invalid YAML", VALID.replace("  A: 1070", "  A: [1070"), "invalid YAML", "check indentation", -1),
        Arguments.of("not a mapping", "- just\n- a list\n", "s.yaml", "YAML mapping", -1),
        Arguments.of("weights not summing to one", VALID.replace("{dist: uniform, min: 2.5, max: 5.0}", "{dist: mixture, components: [3, 4], weights: [0.5, 0.6]}"), "params.g_inv", "must sum to 1", 10),
        Arguments.of("weights and components differ", VALID.replace("{dist: uniform, min: 2.5, max: 5.0}", "{dist: mixture, components: [3, 4], weights: [1.0]}"), "params.g_inv", "one weight per component", 10),
        Arguments.of("empirical file missing", VALID.replace("{dist: uniform, min: 2.5, max: 5.0}", "{dist: empirical, file: nope.csv, column: x}"), "params.g_inv.file", "no such file", 10),
        Arguments.of("gamma with scale and rate", VALID.replace("{dist: uniform, min: 2.5, max: 5.0}", "{dist: gamma, shape: 2, scale: 1, rate: 1}"), "params.g_inv", "exactly one of scale and rate", 10),
        Arguments.of("shorthand not a pair", VALID.replace("{dist: uniform, min: 2.5, max: 5.0}", "{ci90: [2.5]}"), "params.g_inv.ci90", "must be a pair", 10),
        Arguments.of("shorthand reversed", VALID.replace("{dist: uniform, min: 2.5, max: 5.0}", "{ci90: [5, 2.5]}"), "params.g_inv.ci90", "lo must be < hi", 10),
        Arguments.of("no dist and no shorthand", VALID.replace("{dist: uniform, min: 2.5, max: 5.0}", "{mean: 3, sd: 1}"), "params.g_inv", "needs 'dist:'", 10),
        Arguments.of("correlation outside [-1, 1]", VALID + "correlations:\n  - {between: [g_alg, g_hw], rho: 1.5}\n", "correlations[0].rho", "must lie in [-1, 1]", 12),
        Arguments.of("correlation of an unknown parameter", VALID + "correlations:\n  - {between: [g_alg, g_hv], rho: 0.3}\n", "correlations[0].between", "did you mean 'g_hw'", 12),
        Arguments.of("correlation of a constant", VALID + "correlations:\n  - {between: [g_alg, A], rho: 0.3}\n", "correlations[0].between", "'A' is a constant", 12),
        Arguments.of("correlations that contradict", VALID + "correlations:\n  - {between: [g_alg, g_hw], rho: 0.9}\n  - {between: [g_alg, g_inv], rho: 0.9}\n  - {between: [g_hw, g_inv], rho: -0.9}\n", "correlations", "not positive semi-definite", 11),
        Arguments.of("benchmark steps below one", VALID + "benchmark: {L_mid: 2.0, k: 8, steps: 0.5}\n", "benchmark.steps", "must be >= 1", 11),
        Arguments.of("benchmark without L_mid", VALID + "benchmark: {k: 8}\n", "benchmark", "missing 'L_mid'", 11),
        Arguments.of("epsilon outside (0, 0.5)", VALID + "discrimination: {epsilon: 0.7}\n", "discrimination.epsilon", "must lie in (0, 0.5)", 11),
        Arguments.of("unknown benchmark key", VALID + "benchmark: {L_mid: 2.0, k: 8, stepz: 2}\n", "benchmark.stepz", "did you mean 'steps'", 11),
        Arguments.of("inference with both starts", VALID + "inference: {baseline_year: 2025, g_inf: 9, C_inf0: 1e22, N0: 8e9, C_sota0: 1e26}\n", "inference", "exactly one of C_inf0", 11),
        Arguments.of("inference without its year", VALID + "inference: {g_inf: 9, N0: 8e9, C_sota0: 1e26}\n", "inference", "missing 'baseline_year'", 11),
        Arguments.of("inference rate not positive", VALID + "inference: {baseline_year: 2025, g_inf: -9, N0: 8e9, C_sota0: 1e26}\n", "inference.g_inf", "must be > 0", 11),
        Arguments.of("schedule out of order", VALID.replace("{dist: uniform, min: 2.5, max: 5.0}", "[{until: 5, rate: 3.6}, {until: 3, rate: 2}, {rate: 1}]"), "params.g_inv[1].until", "in order without overlap", 10),
        Arguments.of("schedule overlapping", VALID.replace("{dist: uniform, min: 2.5, max: 5.0}", "[{until: 5, rate: 3.6}, {until: 5, rate: 2}, {rate: 1}]"), "params.g_inv[1].until", "in order without overlap", 10),
        Arguments.of("schedule without until", VALID.replace("{dist: uniform, min: 2.5, max: 5.0}", "[{rate: 3.6}, {rate: 1}]"), "params.g_inv[0]", "needs 'until'", 10),
        Arguments.of("schedule with a last until", VALID.replace("{dist: uniform, min: 2.5, max: 5.0}", "[{until: 5, rate: 3.6}, {until: 9, rate: 1}]"), "params.g_inv[1].until", "runs on for ever", 10),
        Arguments.of("duplicate key", VALID.replace("  A: 1070", "  A: 1070\n  A: 1071"), "invalid YAML", "Duplicate field 'A'", -1),
        // non-finite numbers: each names its key (1e400 used to become +∞ and then "outside its domain")
        Arguments.of("overflowing constant", VALID.replace("A: 1070", "A: 1.0e400"), "params.A", "must be a finite number", 5),
        Arguments.of("overflowing percentile", VALID.replace("p95: 3.0e20", "p95: 3.0e400"), "params.C0.p95", "must be a finite number", 7),
        Arguments.of("overflowing text number", VALID.replace("p95: 3.0e20", "p95: 3e400"), "params.C0.p95", "must be a finite number", 7),
        Arguments.of("YAML .inf", VALID.replace("A: 1070", "A: .inf"), "params.A", "must be a finite number (got .inf)", 5),
        Arguments.of("YAML .nan", VALID.replace("A: 1070", "A: .nan"), "params.A", "must be a finite number (got .nan)", 5),
        Arguments.of("YAML -.inf in a flow mapping", VALID.replace("min: 2.5, max: 5.0", "min: -.inf, max: 5.0"), "params.g_inv.min",
            "must be a finite number (got -.inf)", 10),
        Arguments.of("YAML .inf after other keys", VALID.replace("sd: 0.01", "sd: .Inf"), "params.alpha.sd", "(got .Inf)", 4),
        // a year so large that years no longer differ in a double (charts died with a stack trace)
        // every draw would be invalid: refused when read, not run into an empty results folder
        Arguments.of("constant outside its domain", VALID.replace("A: 1070", "A: -5"), "params.A", "outside its domain (0, ∞)", 5),
        Arguments.of("schedule rate outside its domain", VALID.replace("{dist: uniform, min: 2.5, max: 5.0}", "[{until: 5, rate: 3.6}, {rate: -1}]"),
            "params.g_inv", "g_inv.1 = -1.0 lies outside its domain", 10),
        Arguments.of("empirical values all outside the domain", VALID.replace("A: 1070", "A: {dist: empirical, values: [-1, -2]}"), "params.A",
            "every value of A's distribution is <= 0", 5),
        Arguments.of("discrimination year twice", VALID + "discrimination: {years: [2025, 2025]}\n", "discrimination.years[1]", "2025 is listed twice", 11),
        Arguments.of("two YAML documents", VALID + "---\nname: b\n", "s.yaml", "holds 2 YAML documents", -1),
        Arguments.of("a batch given as a spec", "base: x.yaml\ngrid: {g_inv: [2, 3]}\n", "s.yaml", "is a batch file", -1),
        Arguments.of("baseline year beyond 9999", VALID.replace("title: test", "title: test\nbaseline_year: 1.0e+18"), "baseline_year",
            "between -9999 and 9999", 3));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSpecs")
  void badSpecIsOneLineWithFileKeyAndFix(String what, String spec, String key, String message, int line)
      throws IOException {
    String err = failRun(spec);
    assertThat(err).contains(dir.resolve("s.yaml").toString()).contains(key).contains(message);
    if (line > 0) {
      assertThat(err).contains("s.yaml:" + line + ":");
    }
  }

  @Test
  void empiricalColumnMissingOrNonNumeric() throws IOException {
    Files.writeString(dir.resolve("obs.csv"), "year,rate\n2020,2.5\n2021,lots\n");
    String base = VALID.replace("{dist: uniform, min: 2.5, max: 5.0}", "{dist: empirical, file: obs.csv, column: COL}");
    for (String[] c : new String[][] {{"rte", "has no column 'rte'"}, {"rate", "obs.csv:3: rate: 'lots' is not a number"}}) {
      Path spec = dir.resolve("s.yaml");
      Files.writeString(spec, base.replace("COL", c[0]));
      CliRunner.Result r = CliRunner.run("run", spec.toString(), "--samples", "1000", "--out", dir.resolve("out").toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err().strip()).startsWith("meek: ").doesNotContain("\n").contains(c[1]);
      assertThat(dir.resolve("out")).doesNotExist();
    }
  }

  @Test
  void observedCsvWithoutColumnsOrWithTextIsRefused() throws IOException {
    Path obs = Files.createDirectories(dir.resolve("in")).resolve("obs.csv"); // inputs live apart from outputs
    Files.writeString(obs, "when,value\n2024,3\n");
    assertThat(failRunWith("--observed", obs.toString())).contains("obs.csv:1").contains("no 'year' column");
    Files.writeString(obs, "year,gap,label\n2024,3,a\n2025,lots,b\n");
    assertThat(failRunWith("--observed", obs.toString())).contains("obs.csv:3").contains("gap: 'lots' is not a number");
  }

  @Test
  void fitBenchmarkRefusesBadCsvOnOneLine() throws IOException {
    Path csv = Files.createDirectories(dir.resolve("in")).resolve("d.csv");
    Path out = dir.resolve("fit");
    for (String[] c : new String[][] {
        {"n,d,s\n1,2,3\n", "d.csv:1", "needs columns loss,score or params,tokens,score"},
        {"params,tokens,score\n7e9,1e12,35\n7e9,lots,40\n", "d.csv:3", "tokens: 'lots' is not a positive number"},
        {"loss,score\n2.0,0.4\n", "d.csv", "needs more than 2 points"}}) {
      Files.writeString(csv, c[0]);
      CliRunner.Result r = CliRunner.run("fit-benchmark", csv.toString(), "--out", out.toString());
      assertThat(r.code()).as(c[0]).isEqualTo(2);
      assertThat(r.err().strip()).startsWith("meek: ").doesNotContain("\n").contains(c[1]).contains(c[2]);
      assertThat(out).doesNotExist();
    }
  }

  @Test
  void compareRefusesSpecsOnDifferentTimeAxes() throws IOException {
    Path in = Files.createDirectories(dir.resolve("in"));
    Path a = in.resolve("a.yaml");
    Path b = in.resolve("b.yaml");
    Files.writeString(a, VALID.replace("name: t", "name: a"));
    Files.writeString(b, VALID.replace("name: t", "name: b") + "horizon_years: 20\n");
    CliRunner.Result r = CliRunner.run("compare", a.toString(), b.toString(), "--samples", "1000", "--out", dir.resolve("out").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("meek: ").doesNotContain("\n").contains("b.yaml").contains("horizon_years").contains("align");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void metricTheSpecDoesNotConfigure() throws IOException {
    assertThat(failRunWith("--metric", "tokens")).contains("discrimination: block");
  }

  @Test
  void unknownDesign() throws IOException {
    assertThat(failRunWith("--design", "random")).contains("--design").contains("expected one of [MC, LHS, SOBOL]");
  }

  @Test
  void contradictoryCorrelationsCanBeRepairedOnRequest() throws IOException {
    Path spec = dir.resolve("s.yaml");
    Files.writeString(spec, VALID + "correlations:\n  repair: nearest\n  pairs:\n    - {between: [g_alg, g_hw], rho: 0.9}\n"
        + "    - {between: [g_alg, g_inv], rho: 0.9}\n    - {between: [g_hw, g_inv], rho: -0.9}\n");
    Path out = dir.resolve("out");
    CliRunner.Result r = CliRunner.run("run", spec.toString(), "--samples", "20000", "--out", out.toString(), "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    String manifest = Files.readString(out.resolve("manifest.json"));
    assertThat(manifest).contains("\"repaired\" : true").contains("effective_spearman").contains("achieved_spearman");
  }

  private String failRunWith(String... args) throws IOException {
    return failRun(VALID, args);
  }

  @Test
  void aFolderGivenForASpecIsTold() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("a-folder"));
    for (String command : new String[] {"run", "validate", "point", "compare"}) {
      CliRunner.Result r = command.equals("compare") ? CliRunner.run(command, folder.toString(), folder.toString())
          : CliRunner.run(command, folder.toString());
      assertThat(r.code()).as(command).isEqualTo(2);
      assertThat(r.err().strip()).as(command).startsWith("meek: ").doesNotContain("\n").contains("a-folder: a folder, not a YAML file")
          .contains("distributions/");
    }
    CliRunner.Result batch = CliRunner.run("batch", folder.toString());
    assertThat(batch.code()).isEqualTo(2);
    assertThat(batch.err()).contains("a folder, not a YAML file").contains("distributions/batches/");
  }

  @Test
  void missingFile() throws IOException {
    String err = failRun(null);
    assertThat(err).contains("s.yaml").contains("no such file");
  }

  @ParameterizedTest(name = "--samples {0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"0", "-5"})
  void zeroOrNegativeSamples(String samples) throws IOException {
    Files.writeString(dir.resolve("s.yaml"), VALID);
    Path out = dir.resolve("out");
    CliRunner.Result r = CliRunner.run("run", dir.resolve("s.yaml").toString(), "--samples", samples, "--out", out.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("meek: ").doesNotContain("\n").contains("--samples").contains("positive");
    assertThat(out).doesNotExist();
  }

  /** 1e4 and 10_000 are the same N as 10000: the same outputs, byte for byte. */
  @Test
  void samplesMayBeWrittenInScientificNotationOrWithSeparators() throws IOException {
    Files.writeString(dir.resolve("s.yaml"), VALID);
    String expected = null;
    for (String n : List.of("10000", "1e4", "10_000", "1.0E4", "10,000")) {
      Path out = dir.resolve("out-" + n.replace(',', 'c'));
      CliRunner.Result r = CliRunner.run("run", dir.resolve("s.yaml").toString(), "--samples", n, "--out", out.toString(), "--quiet");
      assertThat(r.code()).as(n + ": " + r.err()).isZero();
      String summary = Files.readString(out.resolve("summary.json"));
      assertThat(summary).as(n).contains("\"samples\" : 10000");
      if (expected == null) {
        expected = summary;
      }
      assertThat(summary).as(n).isEqualTo(expected);
    }
  }

  @Test
  void samplesBeyondTheEnginesLimitOrNotWholeAreRefusedNamingTheLimit() throws IOException {
    // 2^31 − 1 blocks of 8,192: the block count is an int
    assertThat(failRunWith("--samples", "1e14")).contains("at most 17,592,186,036,224");
    assertThat(failRunWith("--samples", "17592186036225")).contains("at most 17,592,186,036,224");
    assertThat(failRunWith("--samples", "10,00")).contains("commas must group thousands");
    assertThat(failRunWith("--samples", "2.5")).contains("not a positive whole number");
  }

  @Test
  void beyondTwoToTheThirtyOneDrawsOnlyStreamingCommandsRun() throws IOException {
    // refused before any draw: exact quantiles and the commands that keep every draw say why in one line
    CliRunner.Result exact = CliRunner.run("run", "distributions/chinchilla.yaml", "--samples", "3e9", "--quantiles", "exact", "--out",
        dir.resolve("r").toString());
    assertThat(exact.code()).isEqualTo(2);
    assertThat(exact.err()).contains("use --quantiles sketch").doesNotContain("Exception");
    assertThat(dir.resolve("r")).doesNotExist();
    for (String command : new String[] {"compare", "sensitivity", "calibrate"}) {
      CliRunner.Result r = command.equals("compare")
          ? CliRunner.run("compare", "distributions/kaplan.yaml", "distributions/chinchilla.yaml", "--samples", "3e9", "--out", dir.resolve("c").toString())
          : command.equals("sensitivity")
          ? CliRunner.run("sensitivity", "distributions/chinchilla.yaml", "--samples", "3e9", "--out", dir.resolve("s").toString())
          : CliRunner.run("calibrate", "distributions/calibrate-mmlu-pro.yaml", "--observed", "distributions/data/mmlu-pro-price-band.csv",
              "--samples", "3e9", "--out", dir.resolve("k").toString());
      assertThat(r.code()).as(command).isEqualTo(2);
      assertThat(r.err()).as(command).contains("keeps every draw").doesNotContain("Exception");
    }
  }

  @Test
  void threadsAreBounded() throws IOException {
    int most = SamplingOptions.maxThreads(Runtime.getRuntime().availableProcessors());
    assertThat(failRunWith("--threads", "" + (most + 1))).contains("--threads must be between 1 and " + most);
    assertThat(failRunWith("--threads", "100000")).contains("--threads must be between 1 and " + most);
  }

  @Test
  void maxSamplesWithoutPrecisionIsAnError() throws IOException {
    assertThat(failRunWith("--max-samples", "1e6")).contains("--max-samples caps the rounds of --precision, which is not given");
  }

  @Test
  void observedPointsForAViewTheRunLacksAreAnError() throws IOException {
    Path obs = Files.createDirectories(dir.resolve("in")).resolve("obs.csv");
    Files.writeString(obs, "year,gap,label,metric\n2024,0.1,a,loss\n2024,3e5,b,tokens\n2025,2e5,c,tokens\n");
    assertThat(failRunWith("--observed", obs.toString()))
        .isEqualTo("meek: " + obs + ": 2 points for tokens (the first in 2024), a view this run does not report (the spec configures"
            + " no such view); remove those rows or report the view");
  }

  @Test
  void aUtf16OrLatin1SpecIsTold() throws IOException {
    Path spec = dir.resolve("s.yaml");
    Files.write(spec, VALID.getBytes(StandardCharsets.UTF_16));
    assertThat(failRun(null)).isEqualTo("meek: " + spec + ": is UTF-16 encoded; save it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)");
    Files.write(spec, VALID.replace("title: test", "title: mod\u00e8le").getBytes(StandardCharsets.ISO_8859_1));
    assertThat(failRun(null)).isEqualTo("meek: " + spec + ":2: not UTF-8 (byte 0xe8); save the file as UTF-8 (e.g. iconv -f LATIN1 -t UTF-8)");
  }

  /** A name in any script names its folder; '.', '..' and separators never do. */
  @Test
  void namesMayBeInAnyScriptButNeverAPath() throws IOException {
    Path spec = dir.resolve("s.yaml");
    Files.writeString(spec, VALID.replace("name: t", "name: modèle-ü"));
    Path out = Files.createDirectories(dir.resolve("results")).resolve("x");
    CliRunner.Result r = CliRunner.run("run", spec.toString(), "--samples", "1000", "--out", out.toString(), "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(JSON_READER.readTree(out.resolve("summary.json").toFile()).get("spec").asText()).isEqualTo("modèle-ü");
    for (String bad : List.of("..", ".hidden", "a/b", "a b")) {
      Files.writeString(spec, VALID.replace("name: t", "name: '" + bad + "'"));
      CliRunner.Result refused = CliRunner.run("run", spec.toString(), "--samples", "1000", "--out", dir.resolve("y").toString());
      assertThat(refused.code()).as(bad).isEqualTo(2);
      assertThat(refused.err()).as(bad).contains("cannot name a results folder");
    }
  }

  /** A spec given through a pipe is read once (references.bib used to read it again, and hung). */
  @Test
  @Timeout(60)
  void aSpecFromAPipeIsReadOnce() throws Exception {
    Path fifo = dir.resolve("spec.fifo");
    Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0);
    Thread writer = new Thread(() -> {
      try {
        Files.writeString(fifo, VALID);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    writer.start();
    Path out = Files.createDirectories(dir.resolve("results")).resolve("piped");
    CliRunner.Result r = CliRunner.run("run", fifo.toString(), "--samples", "2000", "--out", out.toString(), "--quiet");
    writer.join();
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(out.resolve("references.bib")).isNotEmptyFile();
  }

  /** /dev/zero (or a pipe that never ends) is refused after 16 MB, not read until the memory runs out. */
  @Test
  void anEndlessSpecIsRefusedAtTheSizeLimit() {
    Path zero = Path.of("/dev/zero");
    Assumptions.assumeTrue(Files.isReadable(zero));
    CliRunner.Result r = CliRunner.run("run", zero.toString(), "--out", dir.resolve("out").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("meek: /dev/zero: larger than 16 MB, too large for a spec; a spec is a short YAML file"
        + " (put long lists of values in a CSV file and use dist: empirical with file:)");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void nonNumericSamplesIsAUsageError() throws IOException {
    Files.writeString(dir.resolve("s.yaml"), VALID);
    CliRunner.Result r = CliRunner.run("run", dir.resolve("s.yaml").toString(), "--samples", "many");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("meek: ").doesNotContain("\n").contains("--samples");
  }

  @Test
  void existingOutputFolderIsNotReplacedWithoutForce() throws IOException {
    Path spec = dir.resolve("s.yaml");
    Files.writeString(spec, VALID);
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    Files.writeString(out.resolve("keep.txt"), "precious");
    // a folder meek did not write: refused with or without --force, and --force is not offered
    for (String force : List.of("--seed=1", "--force")) {
      CliRunner.Result r = CliRunner.run("run", spec.toString(), "--samples", "1000", "--out", out.toString(), "--quiet", force);
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err().strip()).startsWith("meek: ").doesNotContain("\n").contains("was not written by meek").doesNotContain("--force");
    }
    assertThat(out.resolve("keep.txt")).hasContent("precious");
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files).hasSize(1);
    }
    try (Stream<Path> siblings = Files.list(dir)) {
      assertThat(siblings).hasSize(2); // s.yaml and out: no staging folder left behind
    }
  }

  @Test
  void pointTakesOnlyYearsInsideTheHorizonAndCallsAnEndlessGapUnbounded() throws IOException {
    for (String years : List.of("0,5,5", ",")) {
      CliRunner.Result r = CliRunner.run("point", "distributions/paper-chinchilla.yaml", "--years", years);
      assertThat(r.code()).as(years).isEqualTo(2);
      assertThat(r.err()).as(years).contains("distinct years");
    }
    assertThat(CliRunner.run("point", "distributions/paper-chinchilla.yaml", "--years", "Infinity").err()).contains("--years Infinity is not");
    for (String years : List.of("-1", "NaN", "1e300", "31")) {
      CliRunner.Result r = CliRunner.run("point", "distributions/paper-chinchilla.yaml", "--years", years);
      assertThat(r.code()).as(years).isEqualTo(2);
      assertThat(r.err()).as(years).contains("is not within 0–30 years after the baseline");
    }
    Path spec = dir.resolve("s.yaml");
    Files.writeString(spec, Files.readString(Path.of("distributions/paper-chinchilla.yaml")).replaceFirst("(?m)^  g_alg: .*$", "  g_alg: 0.5"));
    CliRunner.Result r = CliRunner.run("point", spec.toString());
    String peak = r.out().lines().filter(l -> l.contains("peak loss gap (ΔL*)")).findFirst().orElseThrow();
    assertThat(peak).contains("unbounded").doesNotContain("never");
  }

  @Test
  void fitBenchmarkWritesOnlyFragmentsASpecAccepts() throws IOException {
    Path out = dir.resolve("fit");
    for (String[] args : List.of(new String[] {"--ceiling", "2"}, new String[] {"--floor", "NaN"}, new String[] {"--floor", "-0.1"},
        new String[] {"--fit-floor", "--fit-ceiling"})) {
      List<String> all = new java.util.ArrayList<>(List.of("fit-benchmark", "distributions/data/mmlu.csv", "--out", out.toString()));
      all.addAll(List.of(args));
      CliRunner.Result r = CliRunner.run(all.toArray(String[]::new));
      assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
      assertThat(out).doesNotExist();
    }
    Path in = Files.createDirectories(dir.resolve("in"));
    for (String body : List.of("loss,score\n2.0,-5\n1.9,0.6\n1.8,0.7\n1.7,0.8\n", "loss,score\n-2.0,0.5\n1.9,0.6\n1.8,0.7\n1.7,0.8\n",
        "loss,score\n2.0,0.5,9\n1.9,0.6\n", "loss,score\n\"2.0,0.5\n1.9,0.6\n")) {
      Path csv = Files.writeString(in.resolve("f.csv"), body);
      CliRunner.Result r = CliRunner.run("fit-benchmark", csv.toString(), "--out", out.toString());
      assertThat(r.code()).as(body + r.err()).isEqualTo(2);
      assertThat(r.err().strip()).startsWith("meek: ").contains("f.csv").doesNotContain("\n");
    }
  }

  @Test
  void standardOutputOnAFullDiskIsAFailureNotASuccess() throws Exception {
    Assumptions.assumeTrue(Files.exists(Path.of("/dev/full")), "needs /dev/full");
    for (String[] args : List.of(new String[] {"--version"}, new String[] {"generate-completion"},
        new String[] {"validate", "distributions/chinchilla.yaml"})) {
      List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), "meek.cli.Main"));
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.to(new java.io.File("/dev/full"))).start();
      String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as(String.join(" ", args)).isEqualTo(1);
      assertThat(err.strip()).startsWith("meek: cannot write to standard output").doesNotContain("\n");
    }
  }

  /** A reader that stops early (head) is not an error to report: 141, as a tool that SIGPIPE ended, and nothing on stderr. */
  @Test
  void aReaderThatClosesThePipeEndsItQuietly() throws Exception {
    for (String[] args : List.of(new String[] {"--version"}, new String[] {"generate-completion"})) {
      List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), "meek.cli.Main"));
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).start();
      p.getInputStream().close(); // before the JVM has started: its first write meets a closed pipe
      String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as(String.join(" ", args) + " " + err).isEqualTo(Main.EXIT_CLOSED_PIPE);
      assertThat(err).isEmpty();
    }
  }

  @Test
  void aNewlineInAPathStaysOnOneLine() throws IOException {
    Path spec = dir.resolve("in").resolve("a\nb.yaml");
    Files.createDirectories(spec.getParent());
    CliRunner.Result r = CliRunner.run("run", spec.toString(), "--quiet");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").contains("a\\nb.yaml: no such file");
  }

  @Test
  void aSpecWithoutANameIsNamedAfterItsFileMadeSafe() throws IOException {
    Path spec = dir.resolve("in").resolve("my spec (1).yaml");
    Files.createDirectories(spec.getParent());
    Files.writeString(spec, VALID.replace("name: t\n", ""));
    Path out = dir.resolve("out");
    CliRunner.Result r = CliRunner.run("run", spec.toString(), "--samples", "1000", "--out", out.toString(), "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(out.resolve("summary.md"))).contains("(my-spec-1)");
    Files.delete(spec);
    Files.writeString(dir.resolve("in").resolve("(((.yaml"), VALID.replace("name: t\n", ""));
    CliRunner.Result none = CliRunner.run("validate", dir.resolve("in").resolve("(((.yaml").toString());
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("add a line name: my-analysis");
    // 80 CJK characters are 240 bytes: too long for a folder beside its staging (it failed when writing)
    Files.writeString(dir.resolve("in").resolve("cjk.yaml"), VALID.replace("name: t", "name: " + "名".repeat(80)));
    assertThat(CliRunner.run("validate", dir.resolve("in").resolve("cjk.yaml").toString()).err()).contains("200 bytes");
  }

  @Test
  void forceReplacesTheFolderWhole() throws IOException {
    Path spec = dir.resolve("s.yaml");
    Files.writeString(spec, VALID);
    Path out = dir.resolve("out");
    assertThat(CliRunner.run("run", spec.toString(), "--samples", "1000", "--out", out.toString(), "--quiet").code()).isZero();
    // a file of meek's from another run (a view this spec lacks): replaced with the folder, not kept beside it
    Files.writeString(out.resolve("fan_benchmark.csv"), "stale");
    CliRunner.Result again = CliRunner.run("run", spec.toString(), "--samples", "1000", "--out", out.toString(), "--quiet");
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("already exists; pass --force to replace it");
    CliRunner.Result r = CliRunner.run("run", spec.toString(), "--samples", "2000", "--out", out.toString(), "--quiet", "--force");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(out.resolve("fan_benchmark.csv")).doesNotExist();
    assertThat(out.resolve("summary.json")).exists();
    try (Stream<Path> siblings = Files.list(dir)) {
      assertThat(siblings).hasSize(2);
    }
  }
}
