package meek.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import meek.distributions.Correlations;
import meek.run.PrecisionRun;
import meek.stats.QuantileEstimate;
import meek.stats.QuantileSummarizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** summary.json and manifest.json from a hand-built result: the contract's keys, each holding the number given. */
class SummaryJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void everyOutputHasItsQuantilesAndIntervalsWithNullForNever() throws IOException {
    Path file = dir.resolve("summary.json");
    SummaryJson.write(HandBuilt.result(), null, file);
    JsonNode s = JSON.readTree(file.toFile());
    assertThat(s.get("spec").asText()).isEqualTo("hand");
    assertThat(s.get("title").asText()).isEqualTo("Hand-built");
    assertThat(s.get("samples").asInt()).isEqualTo(HandBuilt.SAMPLES);
    assertThat(s.get("seed").asLong()).isEqualTo(HandBuilt.SEED);
    assertThat(s.get("design").asText()).isEqualTo("mc");
    assertThat(s.get("baseline_year").asDouble()).isEqualTo(2019);
    List<String> names = new ArrayList<>();
    s.get("outputs").fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactlyElementsOf(HandBuilt.OUTPUTS.stream().map(o -> o.name()).toList());
    for (int k = 0; k < HandBuilt.OUTPUTS.size(); k++) {
      JsonNode o = s.get("outputs").get(names.get(k));
      assertThat(o.get("n").asInt()).isEqualTo(90);
      for (double p : QuantileSummarizer.PROBABILITIES) {
        String key = QuantileEstimate.key(p);
        double v = HandBuilt.value(k, p);
        if (Double.isInfinite(v)) {
          assertThat(o.get(key).isNull()).as(names.get(k) + " " + key).isTrue();
          assertThat(o.at("/ci95/" + key + "/0").isNull()).isTrue();
        } else {
          assertThat(o.get(key).asDouble()).as(names.get(k) + " " + key).isEqualTo(v);
          assertThat(o.at("/ci95/" + key + "/0").asDouble()).isEqualTo(v - 0.125);
          assertThat(o.at("/ci95/" + key + "/1").asDouble()).isEqualTo(v + 0.125);
        }
      }
    }
    JsonNode tenth = s.at("/outputs/tenth_gap_time_years");
    assertThat(tenth.get("n_infinite").asInt()).isEqualTo(3);
    assertThat(tenth.get("mean").isNull()).isTrue();
    assertThat(tenth.get("sd").isNull()).isTrue();
    assertThat(s.at("/counts/converges").asInt()).isEqualTo(87);
    assertThat(s.at("/counts/no_advantage").asInt()).isEqualTo(10);
    assertThat(s.at("/counts/never_converges").asInt()).isEqualTo(3);
    assertThat(s.at("/counts/invalid_by_parameter").isObject()).isTrue();
    assertThat(s.at("/method/quantiles_exact").asBoolean()).isTrue();
    assertThat(s.at("/method/fan_draws").asInt()).isEqualTo(99);
    assertThat(s.at("/method/probabilities")).hasSize(QuantileSummarizer.PROBABILITIES.length);
    // no timings: two identical results give identical bytes
    assertThat(s.has("compute_seconds") || s.has("started") || s.has("threads")).isFalse();
    Path again = dir.resolve("again.json");
    SummaryJson.write(HandBuilt.result(), null, again);
    assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(file));
  }

  @Test
  void aPrecisionRunSaysHowItWent() throws IOException {
    Path file = dir.resolve("summary.json");
    SummaryJson.write(HandBuilt.result(), new PrecisionRun.Report(0.01, false, List.of(8192L, 40960L), "peak_gap_nats p5", 1.7, 0), file);
    JsonNode p = JSON.readTree(file.toFile()).get("precision");
    assertThat(p.get("target_relative_half_width").asDouble()).isEqualTo(0.01);
    assertThat(p.get("met").asBoolean()).isFalse();
    assertThat(p.get("samples_used").asInt()).isEqualTo(40960);
    assertThat(p.get("samples_per_round")).hasSize(2);
    assertThat(p.get("worst").asText()).isEqualTo("peak_gap_nats p5");
    assertThat(p.get("worst_half_width_over_target").asDouble()).isEqualTo(1.7);
  }

  @Test
  void theManifestRecordsHowTheNumbersWereMade() throws IOException {
    Path file = dir.resolve("manifest.json");
    Correlations c = Correlations.of(List.of("alpha", "g_inv"), new double[][] {{1, 0.5}, {0.5, 1}}, false);
    ManifestJson.write(HandBuilt.result(c), "9.9", 2.5, file);
    JsonNode m = JSON.readTree(file.toFile());
    assertThat(m.get("tool_version").asText()).isEqualTo("9.9");
    assertThat(m.get("tool_commit").asText()).isEqualTo(meek.Build.commit());
    assertThat(m.get("spec_file").asText()).isEqualTo(Path.of("dir", "hand.yaml").toString());
    assertThat(m.get("spec_sha256").asText()).isEqualTo("cafe");
    assertThat(m.get("seed").asLong()).isEqualTo(HandBuilt.SEED);
    assertThat(m.get("threads").asInt()).isEqualTo(2);
    assertThat(m.get("started").asText()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(m.get("compute_seconds").asDouble()).isEqualTo(1.5);
    assertThat(m.get("wall_seconds").asDouble()).isEqualTo(2.5);
    assertThat(m.get("random_source").asText()).isEqualTo("XO_RO_SHI_RO_128_PP");
    assertThat(m.get("block_size").asInt()).isEqualTo(8192);
    assertThat(m.at("/spec/params/alpha/dist").asText()).isEqualTo("constant");
    assertThat(m.at("/spec/params/g_inv/max").asDouble()).isEqualTo(5);
    assertThat(m.at("/correlations/parameters").toString()).isEqualTo("[\"alpha\",\"g_inv\"]");
    assertThat(m.at("/correlations/requested_spearman/0/1").asDouble()).isEqualTo(0.5);
    assertThat(m.at("/correlations/achieved_spearman/1/0").asDouble()).isEqualTo(0.49);
    assertThat(m.at("/correlations/achieved_on_draws").asInt()).isEqualTo(HandBuilt.SAMPLES);
    ManifestJson.write(HandBuilt.result(), "9.9", 2.5, file);
    assertThat(JSON.readTree(file.toFile()).has("correlations")).isFalse();
  }
}
