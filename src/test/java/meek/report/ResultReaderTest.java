package meek.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import meek.InputException;
import meek.model.GapOutcome;
import meek.run.RunResult;
import meek.stats.OutputSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the writers wrote reads back as it was; a damaged file is a one-line error naming file and key. */
class ResultReaderTest {

  @TempDir Path dir;

  @Test
  void aSummaryReadsBackAsWritten() throws IOException {
    RunResult r = HandBuilt.result();
    SummaryJson.write(r, null, dir.resolve("summary.json"));
    ResultReader.Summary s = ResultReader.summary(dir);
    assertThat(s.spec()).isEqualTo("hand");
    assertThat(s.title()).isEqualTo("Hand-built");
    assertThat(s.samples()).isEqualTo(HandBuilt.SAMPLES);
    assertThat(s.seed()).isEqualTo(HandBuilt.SEED);
    assertThat(s.counts()).containsEntry(GapOutcome.NO_ADVANTAGE, 10L).containsEntry(GapOutcome.NEVER_CONVERGES, 3L);
    assertThat(s.outputs()).hasSize(r.outputs().size());
    for (int k = 0; k < r.outputs().size(); k++) {
      OutputSummary written = r.outputs().get(k);
      OutputSummary read = s.outputs().get(k);
      assertThat(read.output().name()).isEqualTo(written.output().name());
      assertThat(read.output().unit()).isEqualTo(written.output().unit());
      assertThat(read.output().calendarYear()).isEqualTo(written.output().calendarYear());
      assertThat(read.n()).isEqualTo(written.n());
      assertThat(read.infinite()).isEqualTo(written.infinite());
      assertThat(read.quantiles()).isEqualTo(written.quantiles()); // +∞ ("never") reads back as +∞
      // and the block it makes again is the same text: a batch index copies it
      assertThat(Json.text(Json.output(read))).isEqualTo(Json.text(Json.output(written)));
    }
  }

  @Test
  void aManifestReadsBackItsIdentity() throws IOException {
    ManifestJson.write(HandBuilt.result(), "9.9", 1, dir.resolve("manifest.json"));
    ResultReader.Manifest m = ResultReader.manifest(dir);
    assertThat(m).isEqualTo(new ResultReader.Manifest("cafe", HandBuilt.SEED, HandBuilt.SAMPLES, "mc"));
  }

  @Test
  void damagedFilesAreOneLineErrorsNamingTheFileAndKey() throws IOException {
    SummaryJson.write(HandBuilt.result(), null, dir.resolve("summary.json"));
    String whole = Files.readString(dir.resolve("summary.json"));
    Files.writeString(dir.resolve("summary.json"), whole.substring(0, whole.length() / 2));
    assertThatThrownBy(() -> ResultReader.summary(dir)).isInstanceOf(InputException.class)
        .hasMessageStartingWith(dir.resolve("summary.json") + ":").hasMessageContaining(": not valid JSON").hasMessageNotContaining("\n")
        .hasMessageNotContaining("Feature").hasMessageNotContaining("Source:");
    Files.writeString(dir.resolve("summary.json"), whole.replace("\"samples\"", "\"draws\""));
    assertThatThrownBy(() -> ResultReader.summary(dir)).isInstanceOf(InputException.class)
        .hasMessage(dir.resolve("summary.json") + ": samples: missing; the folder is damaged or not meek's: write it again with meek");
    Files.writeString(dir.resolve("summary.json"), whole.replaceFirst("\"p50\" : [0-9.]+", "\"p50\" : \"x\""));
    assertThatThrownBy(() -> ResultReader.summary(dir)).isInstanceOf(InputException.class)
        .hasMessageContaining("inflection_time_years.p50: not a number");
    Files.writeString(dir.resolve("summary.json"), whole.replaceFirst("\"invalid_by_parameter\" : \\{ *\\}", "\"invalid_by_parameter\" : {\"alpha\": \"many\"}"));
    assertThatThrownBy(() -> ResultReader.summary(dir)).isInstanceOf(InputException.class)
        .hasMessageContaining("alpha: not a whole number");
    assertThatThrownBy(() -> ResultReader.manifest(dir)).isInstanceOf(InputException.class).hasMessageContaining("no such file");
  }
}
