package meek.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import meek.InputException;
import meek.distributions.Correlations;
import meek.model.GapModel;
import meek.model.GapOutcome;
import meek.model.LossView;
import meek.run.PointEvaluation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What cite, point and validate print, from hand-built numbers. */
class TerminalReportsTest {

  @TempDir Path dir;

  private static String printed(java.util.function.Consumer<PrintWriter> print) {
    StringWriter s = new StringWriter();
    try (PrintWriter w = new PrintWriter(s)) {
      print.accept(w);
    }
    return s.toString();
  }

  @Test
  void citeRendersEachOutputsMedianAndInterval() throws IOException {
    SummaryJson.write(HandBuilt.result(), null, dir.resolve("summary.json"));
    String text = printed(w -> cite(w, Citation.Format.text, 3));
    assertThat(text.lines()).hasSize(HandBuilt.OUTPUTS.size());
    // each output is defined in 90 of the 100 draws (10 give no advantage): each line says so
    assertThat(text).contains("Hand-built, inflection_time_years: 3.50 years (median; 90% interval 3.05–3.95 years;"
            + " the 90 draws in which it is defined, of N = 100, seed 7).")
        .contains("Hand-built, inflection_year: 2023.5 (median; 90% interval 2023.1–2024.0; the 90 draws in which it is defined, of N = 100, seed 7).");
    assertThat(printed(w -> cite(w, Citation.Format.md, 2))).contains("| `peak_gap_nats` | 0.15 [0.11–0.20] | nats | 90 |");
    String latex = printed(w -> cite(w, Citation.Format.latex, 3));
    assertThat(latex).contains("inflection\\_time\\_years & 3.50 [3.05--3.95] & years & 90 \\\\")
        .contains("\\begin{tabular}").contains("\\caption{Hand-built: median and 90\\% interval");
    assertThat(latex.chars().allMatch(c -> c < 128)).as("plain ASCII LaTeX: " + latex).isTrue();
    Files.delete(dir.resolve("summary.json"));
    assertThatThrownBy(() -> new Citation(new PrintWriter(new StringWriter()), Citation.Format.text, 3).print(dir))
        .isInstanceOf(InputException.class).hasMessageContaining("not a meek results folder");
  }

  private void cite(PrintWriter w, Citation.Format format, int sig) {
    try {
      new Citation(w, format, sig).print(dir);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void pointShowsTheMediansEveryOutputAndTheGapByYear() throws IOException {
    double[] scalars = new double[HandBuilt.OUTPUTS.size()];
    for (int k = 0; k < scalars.length; k++) {
      scalars[k] = HandBuilt.value(k, 0.5);
    }
    int[] yearOf = {1, -1, -1, -1, 6, 7, -1, -1};
    PointEvaluation e = new PointEvaluation(HandBuilt.spec(Correlations.NONE), List.of("alpha", "g_inv"), new double[] {0.155, 3.5},
        HandBuilt.OUTPUTS, yearOf, new double[] {0, 2}, new GapModel.Point(GapOutcome.CONVERGES, scalars, 0.85, new double[] {0, 0.125}, -1));
    String text = printed(w -> PointReport.print(e, w));
    assertThat(text).startsWith("Hand-built: the model at every parameter's median (converges)\n").contains("  g_inv = 3.5\n")
        .contains("3.500 years").contains("2023.5").contains("K = 0.8500 nats").contains("    2021     0.1250 nats");
    assertThat(text).doesNotContain(LossView.INFLECTION_YEAR.description()); // a year sits beside its duration
    JsonNode json = new ObjectMapper().readTree(PointReport.json(e));
    assertThat(json.at("/parameters_at_median/g_inv").asDouble()).isEqualTo(3.5);
    assertThat(json.get("inflection_time_years").asDouble()).isEqualTo(3.5);
    assertThat(json.get("tenth_gap_time_years").asDouble()).isEqualTo(HandBuilt.value(5, 0.5));
    assertThat(json.get("K_nats").asDouble()).isEqualTo(0.85);
    assertThat(json.at("/gap_nats_at_year/2021").asDouble()).isEqualTo(0.125);
  }

  @Test
  void validateListsEveryParameterAndTheCorrelations() throws IOException {
    Correlations c = Correlations.of(List.of("alpha", "g_inv"), new double[][] {{1, 0.5}, {0.5, 1}}, false);
    String text = printed(w -> ValidateReport.print(HandBuilt.spec(c), w));
    assertThat(text).contains("hand.yaml: Hand-built (valid)").contains("baseline 2019, fan 0–2 years in steps of 1");
    // g_inv ~ U(2, 5): p5 2.15, median 3.5, p95 4.85, mean 3.5
    assertThat(text).containsPattern("g_inv\\s+uniform\\s+2\\.150\\s+3\\.500\\s+4\\.850\\s+3\\.500");
    assertThat(text).contains("rank correlations (Spearman)");
    assertThat(text).as("a constant as written").containsPattern("alpha\\s+constant\\s+0\\.155\\s+0\\.155\\s+0\\.155\\s+0\\.155\\s");
    JsonNode json = new ObjectMapper().readTree(ValidateReport.json(HandBuilt.spec(c)));
    assertThat(json.at("/params/g_inv/p95").asDouble()).isEqualTo(4.85, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(json.at("/correlations/requested_spearman/0/1").asDouble()).isEqualTo(0.5);
  }
}
