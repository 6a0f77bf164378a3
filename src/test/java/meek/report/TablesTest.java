package meek.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import meek.model.GapOutcome;
import meek.model.LossView;
import meek.run.PrecisionRun;
import meek.run.RunResult;
import meek.stats.OutputSummary;
import meek.stats.QuantileSummarizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** quantiles.csv, fan.csv and summary.md from a hand-built result. */
class TablesTest {

  @TempDir Path dir;

  @Test
  void quantilesCsvHasARowPerOutputWithEmptyCellsForNever() throws IOException {
    Path file = dir.resolve("quantiles.csv");
    CsvReport.writeQuantiles(HandBuilt.result(), file);
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0)).isEqualTo("output,unit,n,n_infinite,mean,sd,p1,p5,p10,p25,p50,p75,p90,p95,p99,"
        + "p1_ci95_low,p1_ci95_high,p5_ci95_low,p5_ci95_high,p10_ci95_low,p10_ci95_high,p25_ci95_low,p25_ci95_high,"
        + "p50_ci95_low,p50_ci95_high,p75_ci95_low,p75_ci95_high,p90_ci95_low,p90_ci95_high,p95_ci95_low,p95_ci95_high,"
        + "p99_ci95_low,p99_ci95_high");
    assertThat(lines).hasSize(1 + HandBuilt.OUTPUTS.size());
    String[] tStar = lines.get(1).split(",", -1);
    assertThat(tStar[0]).isEqualTo("inflection_time_years");
    assertThat(tStar[1]).isEqualTo("years");
    assertThat(Double.parseDouble(tStar[10])).isEqualTo(HandBuilt.value(0, 0.5)); // p50
    assertThat(Double.parseDouble(tStar[23])).isEqualTo(HandBuilt.value(0, 0.5) - 0.125); // p50's CI, low end
    String[] tenth = lines.get(6).split(",", -1);
    assertThat(tenth[0]).isEqualTo("tenth_gap_time_years");
    assertThat(tenth[4]).isEmpty(); // mean: never
    assertThat(tenth[14]).isEmpty(); // p99: never
    assertThat(Double.parseDouble(tenth[13])).isEqualTo(HandBuilt.value(5, 0.95));
  }

  @Test
  void fanCsvHasARowPerStep() throws IOException {
    Path file = dir.resolve("fan.csv");
    CsvReport.writeFan(HandBuilt.fan(meek.model.Metric.LOSS), file);
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0)).isEqualTo("t,year,p1,p5,p10,p25,p50,p75,p90,p95,p99,mean");
    assertThat(lines).hasSize(4);
    String[] last = lines.get(3).split(",");
    assertThat(Double.parseDouble(last[0])).isEqualTo(2);
    assertThat(Double.parseDouble(last[1])).isEqualTo(2021);
    for (int k = 0; k < QuantileSummarizer.PROBABILITIES.length; k++) {
      assertThat(Double.parseDouble(last[2 + k])).isEqualTo(2 * QuantileSummarizer.PROBABILITIES[k]);
    }
    assertThat(Double.parseDouble(last[11])).isEqualTo(1);
  }

  @Test
  void summaryMarkdownCitesTheMediansAndCountsTheDrawsApart() {
    RunResult r = HandBuilt.result();
    String md = SummaryMarkdown.render(r, "9.9");
    assertThat(md).startsWith("# Hand-built\n").contains("## Citable sentences").contains("## Draws counted apart")
        .contains("## Monte Carlo precision of each quantile").contains("![Loss gap over time](fan.png)");
    // t* median 3.5, its 90% interval 3.05–3.95, the year 2022.5 (2022.1–2023.0), to three figures and one decimal
    // t* is defined in 90 of the 100 draws (10 give no advantage): the sentence says over which
    assertThat(md).contains("The SOTA loss advantage peaks 3.50 years after 2019 (median; 90% interval 3.05–3.95 years; the 90 of N = 100"
        + " draws in which the SOTA model gains an advantage; seed 7), in 2023.5 (2023.1–2024.0).");
    assertThat(md).contains("Of 100 draws, 87 converge. 10 (10%) give the SOTA model no advantage").contains("3 (3.0%) never converge");
    assertThat(SummaryMarkdown.sentences(r).get(1)).contains("by 0.150 nats per token (median; 90% interval 0.105–0.195");
    // the tenth-gap year, output 7: 2019 + 10 + p
    assertThat(SummaryMarkdown.sentences(r).get(2)).contains("below a tenth by 2029.5 (2029.1–2030.0)");
  }

  @Test
  void withNoPeakTheSentenceSaysSo() {
    RunResult r = HandBuilt.result();
    List<OutputSummary> none = r.outputs().stream()
        .map(o -> new OutputSummary(o.output(), 0, 0, Double.NaN, Double.NaN, List.of())).toList();
    RunResult empty = new RunResult(r.spec(), r.samples(), r.seed(), r.threads(), r.design(), r.quantileMethod(),
        r.quantileRelativeAccuracy(), r.ciMethod(), r.achievedSpearman(), r.counts(), r.invalidByParameter(), none, r.fans(),
        new double[0], r.started(), r.computeSeconds());
    assertThat(SummaryMarkdown.sentences(empty)).hasSize(1);
    assertThat(SummaryMarkdown.sentences(empty).get(0)).startsWith("No draw gives the SOTA model a loss advantage (N = 100, seed 7)");
    assertThat(empty.count(GapOutcome.CONVERGES)).isEqualTo(87);
    assertThat(empty.has(LossView.INFLECTION_TIME)).isTrue();
  }

  @Test
  void thePrecisionSentenceStatesTheTargetAsWrittenAndCountsRounds() {
    // some quantiles "never" (with confidence): met for the finite ones only, and it says so
    assertThat(SummaryMarkdown.precisionSentence(new PrecisionRun.Report(0.5, true, List.of(8192L), "t", 0.5, 2)))
        .contains("every finite p5–p95").contains("2 others are never reached, with 95% confidence");
    // nothing to measure (no peak in any draw): not "met" (it used to say every half-width was below the target)
    assertThat(SummaryMarkdown.precisionSentence(new PrecisionRun.Report(0.01, false, List.of(8192L), "", Double.NaN, 0)))
        .startsWith("Precision target not measured").doesNotContain("met:");
    assertThat(SummaryMarkdown.precisionSentence(new PrecisionRun.Report(0.05, true, List.of(8192L), "t", 0.5, 0)))
        .isEqualTo("Precision target met: every p5–p95 of every output has a 95% CI half-width below 5% of its value with N = 8,192 (1 round).");
    assertThat(SummaryMarkdown.precisionSentence(new PrecisionRun.Report(0.005, true, List.of(8192L, 32768L), "t", 0.5, 0)))
        .contains("below 0.5% of its value with N = 32,768 (2 rounds).");
  }
}
