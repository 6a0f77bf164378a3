package meek.spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import meek.InputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BoundedInputStream;

/** Reading the CSV files users hand to meek: a header row, '#' comments, one-line errors with file:line. */
final class CsvInput {

  private CsvInput() {}

  /** The largest data file meek reads (an empirical column of some ten million values). */
  static final long MAX_BYTES = 256L << 20;

  /** A parser over the file (the caller closes it); one beyond {@link #MAX_BYTES} is refused, before or while reading. */
  static CSVParser open(Path csv) throws IOException {
    if (Files.isRegularFile(csv) && Files.size(csv) > MAX_BYTES) {
      throw tooLarge(csv);
    }
    InputStream bounded = BoundedInputStream.builder().setInputStream(Files.newInputStream(csv)).setMaxCount(MAX_BYTES)
        .setOnMaxCount((max, count) -> {
          throw tooLarge(csv);
        }).get();
    // a byte-order mark (as spreadsheet programs write) must not become part of the first column's name
    InputStream noBom = org.apache.commons.io.input.BOMInputStream.builder().setInputStream(bounded).get();
    Reader r = new BufferedReader(new InputStreamReader(noBom, StandardCharsets.UTF_8));
    return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
        .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.DISALLOW)
        .setCommentMarker('#').setIgnoreEmptyLines(true).get().parse(r);
  }

  /**
   * What went wrong reading a CSV, in words: commons-csv reports a broken quote as an unchecked I/O error, and a
   * repeated column with a hint for programmers ("use CSVFormat.Builder…"), which is cut.
   */
  static String why(Exception e) {
    Throwable t = e instanceof java.io.UncheckedIOException && e.getCause() != null ? e.getCause() : e;
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    int hint = m.indexOf(" If this is valid then use CSVFormat");
    return hint < 0 ? m : m.substring(0, hint).replaceFirst("\\.$", "") + ": name each column once";
  }

  /** A number as people write it: digits, a point, an exponent (not Java's hexadecimal 0x1p-3 or its 1.5d suffixes). */
  private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  /** A row with more cells than the header names is a mistake (a stray comma), not extra data. */
  static void checkWidth(Path csv, CSVParser p, CSVRecord rec) {
    if (rec.size() > p.getHeaderNames().size()) {
      throw new InputException(csv + ":" + line(rec) + ": has " + rec.size() + " cells under a header of " + p.getHeaderNames().size()
          + " (" + String.join(",", p.getHeaderNames()) + "); remove the extra cells or quote a cell that holds a comma");
    }
  }

  private static InputException tooLarge(Path csv) {
    return new InputException(csv + ": larger than " + (MAX_BYTES >> 20) + " MB, more than meek reads from a data file; thin the data"
        + " (every k-th row keeps the distribution) or fit a distribution to it");
  }

  /** The record's line in the file, for messages. */
  static long line(CSVRecord rec) {
    return rec.getParser().getCurrentLineNumber();
  }

  /** A finite number in the cell (and > 0 if asked), or a one-line error naming file, line and column. */
  static double number(Path csv, CSVRecord rec, String column, boolean positive) {
    String cell = rec.isSet(column) ? rec.get(column) : "";
    try {
      if (!DECIMAL.matcher(cell).matches()) {
        throw new NumberFormatException(cell);
      }
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
