package meek.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrecisionTest {

  @TempDir Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void precisionTargetIsMetAndTheResultIsAPlainRunWithTheReportedN() throws IOException {
    Path out = dir.resolve("p");
    CliRunner.Result r = CliRunner.run("run", "distributions/kaplan.yaml", "--precision", "0.01", "--samples", "8192",
        "--out", out.toString(), "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(s.at("/precision/met").asBoolean()).isTrue();
    int used = s.at("/precision/samples_used").asInt();
    assertThat(s.get("samples").asInt()).isEqualTo(used);
    // every judged quantile of every duration output: half-width below 1% of its value, read back from the file
    for (Iterator<Map.Entry<String, JsonNode>> it = s.get("outputs").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().endsWith("_year")) {
        continue;
      }
      for (String p : List.of("p5", "p10", "p25", "p50", "p75", "p90", "p95")) {
        double v = e.getValue().get(p).asDouble();
        double lo = e.getValue().get("ci95").get(p).get(0).asDouble();
        double hi = e.getValue().get("ci95").get(p).get(1).asDouble();
        assertThat(Math.max(v - lo, hi - v)).as(e.getKey() + " " + p).isLessThan(0.01 * Math.abs(v));
      }
    }
    // reproducible: the same N as a plain run gives the same outputs
    Path plain = dir.resolve("plain");
    assertThat(CliRunner.run("run", "distributions/kaplan.yaml", "--samples", "" + used, "--out", plain.toString(), "--quiet").code()).isZero();
    assertThat(JSON.readTree(plain.resolve("summary.json").toFile()).get("outputs")).isEqualTo(s.get("outputs"));
  }

  @Test
  void theCapIsSaidPlainly() throws IOException {
    Path out = dir.resolve("cap");
    CliRunner.Result r = CliRunner.run("run", "distributions/chinchilla.yaml", "--precision", "0.0001", "--samples", "8192",
        "--max-samples", "40000", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Precision target NOT met").contains("40,000").contains("--max-samples")
        .contains("the target of 0.01%"); // --precision 0.0001 as a percentage, as written
    JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(s.at("/precision/met").asBoolean()).isFalse();
    assertThat(s.at("/precision/samples_used").asInt()).isEqualTo(40000);
    assertThat(s.at("/precision/worst_half_width_over_target").asDouble()).isGreaterThan(1);
  }

  @Test
  void everyRoundKeepsTheRunsOptions() throws IOException {
    // --quantiles sketch and --no-fan hold for every round, not only the first (they used to be dropped)
    Path out = dir.resolve("opts");
    CliRunner.Result r = CliRunner.run("run", "distributions/kaplan.yaml", "--precision", "0.01", "--samples", "8192",
        "--quantiles", "sketch", "--no-fan", "--out", out.toString(), "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(s.at("/precision/samples_per_round").size()).isGreaterThan(1);
    assertThat(s.at("/method/quantiles_exact").asBoolean()).isFalse();
    assertThat(out.resolve("fan.csv")).doesNotExist();
  }
}
