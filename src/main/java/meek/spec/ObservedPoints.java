package meek.spec;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import meek.InputException;
import meek.model.Metric;
import meek.model.Observation;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Observed gaps to overlay on a fan chart ({@code --observed FILE.csv}, docs/MODEL.md §8): columns {@code year},
 * {@code gap}, optional {@code label} and {@code metric} (a {@link Metric} key; default loss), in the
 * metric's own unit (nats, percentage points, tokens).
 */
public final class ObservedPoints {

  /** "loss, benchmark, tokens or inference". */
  private static final String KEYS = keys();

  private static String keys() {
    List<String> keys = Arrays.stream(Metric.values()).map(Metric::key).toList();
    return String.join(", ", keys.subList(0, keys.size() - 1)) + " or " + keys.get(keys.size() - 1);
  }

  private ObservedPoints() {}

  public static List<Observation> read(Path csv) {
    try (CSVParser p = CsvInput.open(csv)) {
      for (String needed : List.of("year", "gap")) {
        if (!p.getHeaderMap().containsKey(needed)) {
          throw new InputException(csv + ":1: no '" + needed + "' column (columns: " + String.join(", ", p.getHeaderNames())
              + "); the header needs year,gap and optionally label,metric");
        }
      }
      boolean labels = p.getHeaderMap().containsKey("label");
      boolean metrics = p.getHeaderMap().containsKey("metric");
      List<Observation> points = new ArrayList<>();
      for (CSVRecord rec : p) {
        CsvInput.checkWidth(csv, p, rec);
        long line = CsvInput.line(rec);
        double year = CsvInput.number(csv, rec, "year", false);
        double gap = CsvInput.number(csv, rec, "gap", false);
        String key = metrics && rec.isSet("metric") && !rec.get("metric").isEmpty() ? rec.get("metric") : Metric.LOSS.key();
        Metric metric = Metric.byKey(key).orElseThrow(
            () -> new InputException(csv + ":" + line + ": metric: '" + key + "' is not " + KEYS + "; fix the cell"));
        points.add(new Observation(year, gap, labels && rec.isSet("label") ? rec.get("label") : "", metric));
      }
      if (points.isEmpty()) {
        throw new InputException(csv + ": no data rows; add rows year,gap under the header");
      }
      return List.copyOf(points);
    } catch (NoSuchFileException e) {
      throw new InputException(csv + ": no such file; check the --observed path");
    } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
      throw new InputException(csv + ": cannot be read as CSV (" + CsvInput.why(e) + "); give a CSV with a header row year,gap[,label,metric]");
    }
  }

}
