package meek.spec;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import meek.InputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reading the CSV files users hand to meek: a header row, '#' comments, one-line errors with file:line. */
final class CsvInput {

  private CsvInput() {}

  /** A parser over the file (the caller closes it). */
  static CSVParser open(Path csv) throws IOException {
    Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
    return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
        .setCommentMarker('#').setIgnoreEmptyLines(true).get().parse(r);
  }

  /** The record's line in the file, for messages. */
  static long line(CSVRecord rec) {
    return rec.getParser().getCurrentLineNumber();
  }

  /** A finite number in the cell (and > 0 if asked), or a one-line error naming file, line and column. */
  static double number(Path csv, CSVRecord rec, String column, boolean positive) {
    String cell = rec.isSet(column) ? rec.get(column) : "";
    try {
      double v = Double.parseDouble(cell);
      if (Double.isFinite(v) && (!positive || v > 0)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InputException(csv + ":" + line(rec) + ": " + column + ": '" + cell + "' is not a "
        + (positive ? "positive number" : "number") + "; fix the cell or remove the row");
  }
}
