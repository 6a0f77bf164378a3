package meek.spec;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import meek.InputException;
import meek.model.ChinchillaLoss;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Benchmark scores to fit the sigmoid to ({@code meek fit-benchmark}): rows of {@code loss,score}, or of
 * {@code params,tokens,score} whose loss comes from Chinchilla's L(N, D). Scores may be fractions or
 * percents (any score above 1 means percents); a {@code model} column labels the points.
 *
 * @param loss each row's loss (nats)
 * @param score each row's score as a fraction
 * @param labels each row's model name, or ""
 * @param percent whether the file gave percents
 * @param fromCounts whether losses came from parameter and token counts
 */
public record BenchmarkData(double[] loss, double[] score, List<String> labels, boolean percent, boolean fromCounts) {

  public static BenchmarkData read(Path csv) {
    try (CSVParser p = CsvInput.open(csv)) {
      boolean direct = p.getHeaderMap().containsKey("loss");
      boolean counts = p.getHeaderMap().containsKey("params") && p.getHeaderMap().containsKey("tokens");
      if (!p.getHeaderMap().containsKey("score") || (!direct && !counts)) {
        throw new InputException(csv + ":1: needs columns loss,score or params,tokens,score (has "
            + String.join(", ", p.getHeaderNames()) + "); fix the header");
      }
      List<double[]> rows = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      for (CSVRecord rec : p) {
        CsvInput.checkWidth(csv, p, rec);
        double loss = direct ? CsvInput.number(csv, rec, "loss", false)
            : ChinchillaLoss.loss(CsvInput.number(csv, rec, "params", true), CsvInput.number(csv, rec, "tokens", true));
        rows.add(new double[] {loss, CsvInput.number(csv, rec, "score", false)});
        labels.add(rec.isMapped("model") && rec.isSet("model") ? rec.get("model") : "");
      }
      if (rows.isEmpty()) {
        throw new InputException(csv + ": no data rows; add rows under the header");
      }
      boolean percent = rows.stream().anyMatch(x -> x[1] > 1);
      for (int i = 0; i < rows.size(); i++) { // a score outside [0, 1] (or [0, 100]) or a loss <= 0 is a typo, not data
        double[] x = rows.get(i);
        if (!(x[0] > 0)) {
          throw new InputException(csv + ": row " + (i + 1) + ": a loss of " + x[0] + " nats; losses are > 0; fix the row");
        }
        if (!(x[1] >= 0 && x[1] <= (percent ? 100 : 1))) {
          throw new InputException(csv + ": row " + (i + 1) + ": a score of " + x[1] + "; scores lie in [0, 1], or in [0, 100] as percents; fix the row");
        }
      }
      double[] loss = rows.stream().mapToDouble(x -> x[0]).toArray();
      double[] score = rows.stream().mapToDouble(x -> percent ? x[1] / 100 : x[1]).toArray();
      return new BenchmarkData(loss, score, List.copyOf(labels), percent, !direct);
    } catch (NoSuchFileException e) {
      throw new InputException(csv + ": no such file; check the path (shipped data is in distributions/data/)");
    } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
      throw new InputException(csv + ": cannot be read as CSV (" + CsvInput.why(e) + "); give a CSV with a header row");
    }
  }
}
