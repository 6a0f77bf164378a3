package meek.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import meek.distributions.Correlations;
import meek.model.LossView;
import meek.model.ModelConfig;
import meek.model.Schedules;
import meek.run.BatchPlan;
import meek.run.Comparison;
import meek.run.RunOptions;
import meek.run.RunResult;
import meek.sampling.Design;
import meek.spec.Batch;
import meek.spec.Spec;
import meek.stats.OutputSummary;
import meek.stats.PairedDifference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A comparison's files and a batch's index from hand-built results: their keys, rows and sentences. */
class CompareAndBatchTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static RunResult named(String name) {
    RunResult r = HandBuilt.result();
    var s = r.spec();
    var spec = new meek.run.SpecSummary(s.source(), s.text(), s.sha256(), name, name + " title", s.baselineYear(), s.horizonYears(),
        s.stepYears(), s.params(), s.correlations());
    return new RunResult(spec, r.samples(), r.seed(), r.threads(), r.design(), r.quantileMethod(), r.quantileRelativeAccuracy(), r.ciMethod(),
        r.achievedSpearman(), r.counts(), r.invalidByParameter(), r.outputs(), r.fans(), r.headlineDraws(), r.started(), r.computeSeconds());
  }

  private static Comparison comparison(double medianDifference) {
    OutputSummary t = HandBuilt.summary(0);
    OutputSummary shifted = t.shifted(t.output(), medianDifference - t.at(0.5).value());
    Map<String, PairedDifference> byOutput = new LinkedHashMap<>();
    byOutput.put(LossView.INFLECTION_TIME.name(), new PairedDifference(shifted, 0, 0.75, 0.7, 0.8));
    return new Comparison(List.of(named("a"), named("b")), Map.of("a − b", byOutput));
  }

  @Test
  void comparisonFilesHoldEverySpecAndThePairedDifferences() throws IOException {
    Path out = dir.resolve("cmp");
    try (Publish.Folder folder = Publish.folder(out, ResultFiles.WrittenBy.COMPARE, false)) {
      CompareReport.write(folder, comparison(2.5), new RunOptions(100, 7, 1, Design.MC, RunOptions.Quantiles.AUTO, true), "9.9", System.nanoTime());
      folder.commit();
    }
    JsonNode c = JSON.readTree(out.resolve("compare.json").toFile());
    assertThat(c.get("specs").toString()).isEqualTo("[\"a\",\"b\"]");
    assertThat(c.at("/outputs/inflection_time_years/a/p50").asDouble()).isEqualTo(HandBuilt.value(0, 0.5));
    assertThat(c.at("/outputs/peak_gap_nats/b/p5").asDouble()).isEqualTo(HandBuilt.value(2, 0.05));
    JsonNode d = c.at("/differences/a − b/inflection_time_years");
    assertThat(d.get("p50").asDouble()).isEqualTo(2.5);
    assertThat(d.get("p_a_greater").asDouble()).isEqualTo(0.75);
    assertThat(d.get("p_a_greater_ci95").toString()).isEqualTo("[0.7,0.8]");
    List<String> csv = Files.readAllLines(out.resolve("compare.csv"));
    assertThat(csv.get(0)).startsWith("kind,output,spec_or_pair,n,mean,p5,p50,p95");
    assertThat(csv).hasSize(1 + 2 * HandBuilt.OUTPUTS.size() + 1);
    String md = Files.readString(out.resolve("compare.md"), StandardCharsets.UTF_8);
    assertThat(md).contains("| output | a | b |").contains("| a − b | `inflection_time_years` | 2.50 [");
    assertThat(CompareReport.sentences(comparison(2.5))).containsExactly("The loss gap peaks 2.50 years later under a than under b"
        + " (median paired difference; 90% interval 2.05 to 2.95 years; P(a later) = 0.750, 95% CI 0.700–0.800; N = 100 per spec, seed 7,"
        + " common random numbers).");
    assertThat(out.resolve("compare_fan.png")).isNotEmptyFile();
    assertThat(out.resolve("references.bib")).content().contains("@misc{gundlach2025meek").contains("@misc{ho2024algorithmic");
  }

  private static Batch.Run run(String name, String g) {
    Spec spec = new Spec(Path.of(name, "spec.yaml"), "", "sha-" + name, "base-" + name, "title " + name, 2, 1, Map.of(), Correlations.NONE,
        new ModelConfig(2019, Schedules.NONE, List.of()), List.of());
    return new Batch.Run(name, Path.of("distributions", "base.yaml"), "", Map.of("g_inv", g), new byte[0], spec);
  }

  @Test
  void aBatchIndexHasARowPerRunFromTheirSummaries() throws IOException {
    Path out = dir.resolve("batch");
    Batch batch = new Batch(Path.of("batches", "b.yaml"), "b", "Hand batch", "grid", List.of(run("g_inv-3", "3"), run("g_inv-5", "5")), "grid: {g_inv: [3, 5]}\n");
    for (Batch.Run r : batch.runs()) {
      Files.createDirectories(out.resolve(r.name()));
      SummaryJson.write(HandBuilt.result(), null, out.resolve(r.name()).resolve("summary.json"));
    }
    RunOptions options = new RunOptions(HandBuilt.SAMPLES, HandBuilt.SEED, 1, Design.MC, RunOptions.Quantiles.AUTO, true);
    BatchIndex.write(BatchPlan.of(batch), out, options, "9.9");
    JsonNode b = JSON.readTree(out.resolve("batch.json").toFile());
    assertThat(b.get("batch").asText()).isEqualTo("b");
    assertThat(b.get("kind").asText()).isEqualTo("grid");
    assertThat(b.get("runs")).hasSize(2);
    assertThat(b.at("/runs/1/overrides/g_inv").asText()).isEqualTo("5");
    assertThat(b.at("/runs/1/spec_sha256").asText()).isEqualTo("sha-g_inv-5");
    // each run's outputs exactly as its summary.json has them
    JsonNode summary = JSON.readTree(out.resolve("g_inv-5").resolve("summary.json").toFile());
    assertThat(b.at("/runs/1/outputs")).isEqualTo(summary.get("outputs"));
    assertThat(b.at("/runs/1/counts")).isEqualTo(summary.get("counts"));
    List<String> csv = Files.readAllLines(out.resolve("batch.csv"));
    assertThat(csv.get(0)).startsWith("run,base,g_inv,inflection_time_years_p50,inflection_time_years_p5,inflection_time_years_p95");
    assertThat(csv.get(2)).startsWith("g_inv-5,base.yaml,5," + HandBuilt.value(0, 0.5) + "," + HandBuilt.value(0, 0.05));
    String md = Files.readString(out.resolve("batch.md"));
    assertThat(md).contains("# Hand batch").contains("| [g_inv-3](g_inv-3/summary.md) | `g_inv` = `3` | 3.50 [3.05–3.95] |")
        .contains("- With g_inv = 5, the loss gap peaks 3.50 years (median; 90% interval 3.05–3.95 years; over the 90 draws with an advantage)");
    assertThat(out.resolve("forest.png")).isNotEmptyFile();
    assertThat(Files.readString(out.resolve("forest.svg"))).contains("id='meek-forest_svg-");
  }
}
