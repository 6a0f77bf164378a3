package meek.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import meek.report.Numbers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented edge cases (docs/MODEL.md §1: g_inv ≤ 1 gives no advantage, G ≤ 1 a gap that never peaks, and a
 * mix) through every command that prints sentences: each finishes, and says what happened in words, never
 * "never years" or "never nats". And the sentences whose sign or start year used to be wrong.
 */
class EdgeCaseSentencesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** The paper's Chinchilla point values with some parameters replaced (each line "  key: value"). */
  private Path spec(String name, String... replacements) throws IOException {
    String text = Files.readString(Path.of("distributions/paper-chinchilla.yaml")).replaceFirst("(?m)^name: .*$", "name: " + name);
    for (String r : replacements) {
      String key = r.substring(0, r.indexOf(':'));
      text = text.replaceFirst("(?m)^  " + Pattern.quote(key) + ": .*$", "  " + Matcher.quoteReplacement(r));
    }
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, text);
    return file;
  }

  private CliRunner.Result run(Path spec, int samples) {
    CliRunner.Result r = CliRunner.run("run", spec.toString(), "--samples", "" + samples, "--out", dir.resolve("out-" + spec.getFileName()).toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    return r;
  }

  private static void noNumberWords(String text) {
    assertThat(text).doesNotContain("never years").doesNotContain("never nats").doesNotContain("never–never")
        .doesNotContain("unbounded nats per token (median");
  }

  @Test
  void withNoAdvantageInAnyDrawEveryCommandSaysSo() throws IOException {
    Path spec = spec("noadv", "g_inv: 1.0");
    CliRunner.Result r = run(spec, 2000);
    assertThat(r.out()).contains("No draw gives the SOTA model a loss advantage (N = 2,000, seed 1)");
    Path out = dir.resolve("out-noadv.yaml");
    String md = Files.readString(out.resolve("summary.md"), StandardCharsets.UTF_8);
    assertThat(md).contains("No draw gives the SOTA model a loss advantage");
    CliRunner.Result cite = CliRunner.run("cite", out.toString());
    assertThat(cite.code()).as(cite.err()).isZero();
    assertThat(cite.out()).contains("inflection_time_years: not defined in any draw (N = 2,000, seed 1).");
    noNumberWords(r.out() + md + cite.out());
  }

  @Test
  void drawsLeftOutAsInvalidAreNotCalledDrawsWithoutAnAdvantage() throws IOException {
    // every draw has g_inv = 3.6 > 1; about 16% have alpha <= 0 and are invalid (found by the hostile-input pass)
    CliRunner.Result r = run(spec("invalid", "alpha: {dist: normal, mean: 0.05, sd: 0.05}"), 4000);
    String md = Files.readString(dir.resolve("out-invalid.yaml").resolve("summary.md"));
    for (String text : List.of(r.out(), md)) {
      assertThat(text).contains("draws with every parameter in its domain (").contains("invalid, counted apart)")
          .doesNotContain("in which the SOTA model gains an advantage");
    }
  }

  @Test
  void aGapThatNeverPeaksIsSaidInWords() throws IOException {
    CliRunner.Result r = run(spec("never", "g_alg: 0.5", "g_hw: 1.0"), 2000);
    assertThat(r.out()).contains("The SOTA loss advantage never peaks: in every draw with an advantage (N = 2,000, seed 1)")
        .contains("the gap grows without bound");
    CliRunner.Result cite = CliRunner.run("cite", dir.resolve("out-never.yaml").toString());
    assertThat(cite.out()).contains("inflection_time_years: never (median; 90% interval never; N = 2,000, seed 1)")
        .contains("peak_gap_nats: unbounded (median");
    noNumberWords(r.out() + cite.out());
  }

  /** G = 1 exactly: the meek model stands still and the gap tends to K = A·C0^(−α) without reaching it. */
  @Test
  void atGEqualToOneTheGapApproachesK() throws IOException {
    CliRunner.Result r = run(spec("flat", "g_alg: 1.0", "g_hw: 1.0"), 2000);
    double k = 1070 * Math.pow(1e20, -0.155);
    assertThat(r.out()).contains("The gap's largest value, the limit it approaches where it never peaks, is " + Numbers.sig(k, 3)
        + " nats per token");
    noNumberWords(r.out());
  }

  /**
   * g_alg ~ U(0.5, 2.5) with g_hw = 1: the gap never peaks when g_alg ≤ 1, with probability 1/4, so the median
   * draw peaks and the 95th percentile is never; the sentence gives that share.
   */
  @Test
  void aMixSaysWhatShareNeverPeaks() throws IOException {
    int n = 20_000;
    CliRunner.Result r = run(spec("mix", "g_alg: {dist: uniform, min: 0.5, max: 2.5}", "g_hw: 1.0"), n);
    Matcher m = Pattern.compile("years to never; N = 20,000, seed 1\\), in [0-9.]+ \\([0-9.]+ to never\\); in ([0-9.]+)% of the draws with"
        + " an advantage it never peaks").matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    assertThat(Double.parseDouble(m.group(1)) / 100).isCloseTo(0.25, within(5 * Math.sqrt(0.25 * 0.75 / n) + 0.005)); // + rounding
    assertThat(r.out()).containsPattern("nats per token \\(median; 90% interval [0-9.]+ to unbounded;").doesNotContain("unbounded nats");
    noNumberWords(r.out());
  }

  /** g_alg ~ U(0.5, 1.1), g_hw = 1: 5/6 never peak, so the median draw does not, but 1/6 > 5% do. */
  @Test
  void whenMostNeverPeakTheMedianDrawIsSaidNotToPeak() throws IOException {
    int n = 20_000;
    CliRunner.Result r = run(spec("most", "g_alg: {dist: uniform, min: 0.5, max: 1.1}", "g_hw: 1.0"), n);
    Matcher m = Pattern.compile("never peaks in the median draw: in ([0-9.]+)% of the draws with an advantage").matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    assertThat(Double.parseDouble(m.group(1)) / 100).isCloseTo(5.0 / 6, within(5 * Math.sqrt(5.0 / 36 / n) + 0.005));
    assertThat(r.out()).contains("5% of them peak within").contains("the gap grows without bound");
    noNumberWords(r.out());
  }

  @Test
  void aBatchWithANoAdvantageRunWritesItsIndex() throws IOException {
    Path batch = dir.resolve("b.yaml");
    Files.writeString(batch, "name: b\nbase: " + Path.of("distributions/paper-chinchilla.yaml").toAbsolutePath() + "\ngrid:\n  g_inv: [1.0, 3.6]\n");
    Path out = dir.resolve("batch-out");
    CliRunner.Result r = CliRunner.run("batch", batch.toString(), "--samples", "2000", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("[1/2] g_inv-1.0: no peak: no draw gives the SOTA model an advantage");
    String md = Files.readString(out.resolve("batch.md"), StandardCharsets.UTF_8);
    assertThat(md).contains("- With g_inv = 1.0, no draw gives the SOTA model an advantage, so the gap never opens and has no peak")
        .contains("| `g_inv` = `1.0` | not defined in any draw |");
    assertThat(out.resolve("forest.png")).isNotEmptyFile();
    // a run's charts name the composed spec they came from, as it lies in the batch folder
    assertThat(Files.readString(out.resolve("g_inv-3.6/fan.svg"))).contains("g_inv-3.6/spec.yaml");
    assertThat(Files.readString(out.resolve("forest.svg"))).contains("g_inv = 1.0").contains("no draw gives the SOTA model an advantage");
    CliRunner.Result cite = CliRunner.run("cite", out.toString());
    assertThat(cite.code()).as(cite.err()).isZero();
    assertThat(cite.out()).contains("g_inv = 1.0, inflection_time_years: not defined in any draw");
    noNumberWords(r.out() + md + cite.out());
  }

  /** The same pair in both orders: the same size of difference, "later" one way and "earlier" the other. */
  @Test
  void compareSaysEarlierOrLaterByTheSign() {
    String forward = compare("distributions/kaplan.yaml", "distributions/chinchilla.yaml", "kc");
    String backward = compare("distributions/chinchilla.yaml", "distributions/kaplan.yaml", "ck");
    Matcher later = Pattern.compile("The loss gap peaks ([0-9.]+) years later under kaplan than under chinchilla").matcher(forward);
    Matcher earlier = Pattern.compile("The loss gap peaks ([0-9.]+) years earlier under chinchilla than under kaplan").matcher(backward);
    assertThat(later.find()).as(forward).isTrue();
    assertThat(earlier.find()).as(backward).isTrue();
    assertThat(earlier.group(1)).isEqualTo(later.group(1));
    assertThat(backward).doesNotContainPattern("-[0-9.]+ years (later|earlier)");
  }

  private String compare(String a, String b, String name) {
    CliRunner.Result r = CliRunner.run("compare", a, b, "--samples", "4000", "--out", dir.resolve(name).toString());
    assertThat(r.code()).as(r.err()).isZero();
    return r.out().lines().filter(l -> l.startsWith("The loss gap")).findFirst().orElseThrow();
  }

  /** The inference view counts from its own start year (2025 in the preset), and says so everywhere. */
  @Test
  void theInferenceCatchUpCountsFromItsOwnStart() throws IOException {
    Path out = dir.resolve("inf");
    CliRunner.Result r = CliRunner.run("run", "distributions/inference.yaml", "--samples", "4000", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("the meek user's runnable model catches up with the SOTA model [0-9.]+ years after 2025 \\(median");
    JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(s.at("/outputs/inference_catch_up_years/after_year").asDouble()).isEqualTo(2025);
    assertThat(s.at("/outputs/inflection_time_years/after_year").asDouble()).isEqualTo(2019);
    // the year is the duration plus its own start
    assertThat(s.at("/outputs/inference_catch_up_year/p50").asDouble())
        .isCloseTo(2025 + s.at("/outputs/inference_catch_up_years/p50").asDouble(), within(1e-9));
    String md = Files.readString(out.resolve("summary.md"), StandardCharsets.UTF_8);
    assertThat(md).contains("the inference catch-up counts from the inference view's own start, 2025");
    CliRunner.Result cite = CliRunner.run("cite", out.toString());
    assertThat(cite.out()).containsPattern("inference_catch_up_years: [0-9.]+ years after 2025 \\(median");
    CliRunner.Result latex = CliRunner.run("cite", out.toString(), "--format", "latex");
    assertThat(latex.out()).contains("years after 2025");
  }

  /** A comparison's LaTeX names its pairs with " − ": the output stays ASCII. */
  @Test
  void latexIsPlainAscii() {
    Path out = dir.resolve("kc-latex");
    assertThat(CliRunner.run("compare", "distributions/kaplan.yaml", "distributions/chinchilla.yaml", "--samples", "2000", "--out",
        out.toString()).code()).isZero();
    CliRunner.Result latex = CliRunner.run("cite", out.toString(), "--format", "latex");
    assertThat(latex.code()).as(latex.err()).isZero();
    assertThat(latex.out()).contains("paired difference kaplan $-$ chinchilla");
    assertThat(latex.out().chars().filter(c -> c >= 128).count()).as(latex.out()).isZero();
  }
}
