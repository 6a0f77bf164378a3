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
 * Observed gaps ({@code --observed FILE.csv}, docs/MODEL.md §8): columns {@code year}, {@code gap}, optional
 * {@code label}, {@code metric} (a {@link Metric} key; default loss), {@code sd} (the observation error) and
 * {@code scale} ({@code linear}, the default, or {@code log} for a multiplicative error), in the metric's own unit
 * (nats, percentage points, tokens). {@code meek run} draws them on the fan chart of their metric; {@code meek
 * calibrate} needs the sd of each, and conditions on them.
 */
public final class ObservedPoints {

  /** "loss, benchmark, tokens or inference". */
  private static final String KEYS = keys();

  private static String keys() {
    List<String> keys = Arrays.stream(Metric.values()).map(Metric::key).toList();
    return String.join(", ", keys.subList(0, keys.size() - 1)) + " or " + keys.get(keys.size() - 1);
  }

  private ObservedPoints() {}

  /** Points to draw: sd and scale are read when present (and checked), not required. */
  public static List<Observation> read(Path csv) {
    return read(csv, false);
  }

  /** Points to calibrate against: every row needs a positive sd. */
  public static List<Observation> readWithErrors(Path csv) {
    return read(csv, true);
  }

  private static List<Observation> read(Path csv, boolean errorsNeeded) {
    try (CSVParser p = CsvInput.open(csv)) {
      for (String needed : List.of("year", "gap")) {
        if (!p.getHeaderMap().containsKey(needed)) {
          throw new InputException(csv + ":1: no '" + needed + "' column (columns: " + String.join(", ", p.getHeaderNames())
              + "); the header needs year,gap and optionally label,metric,sd,scale");
        }
      }
      boolean errors = p.getHeaderMap().containsKey("sd");
      if (errorsNeeded && !errors) {
        throw new InputException(csv + ":1: no 'sd' column (columns: " + String.join(", ", p.getHeaderNames())
            + "); calibrating needs each point's observation error: add a column sd (in the metric's unit, or of ln(gap) with scale log)");
      }
      boolean scales = p.getHeaderMap().containsKey("scale");
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
        String scale = scales && rec.isSet("scale") && !rec.get("scale").isEmpty() ? rec.get("scale") : "linear";
        if (!scale.equals("linear") && !scale.equals("log")) {
          throw new InputException(csv + ":" + line + ": scale: '" + scale + "' is not linear or log; fix the cell");
        }
        boolean log = scale.equals("log");
        if (log && !(gap > 0)) {
          throw new InputException(csv + ":" + line + ": gap: " + rec.get("gap") + " with scale log (a multiplicative error) must be"
              + " positive; give a positive gap or use scale linear");
        }
        double sd = errors && (errorsNeeded || rec.isSet("sd") && !rec.get("sd").isEmpty())
            ? CsvInput.number(csv, rec, "sd", true) : Double.NaN;
        points.add(new Observation(year, gap, labels && rec.isSet("label") ? rec.get("label") : "", metric, sd, log, line));
      }
      if (points.isEmpty()) {
        throw new InputException(csv + ": no data rows; add rows year,gap under the header");
      }
      return List.copyOf(points);
    } catch (NoSuchFileException e) {
      throw new InputException(csv + ": no such file; check the --observed path");
    } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
      throw new InputException(csv + ": cannot be read as CSV (" + CsvInput.why(e) + "); give a CSV with a header row year,gap[,label,metric,sd,scale]");
    }
  }

}
