package meek.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import meek.run.RunResult;
import meek.stats.FanData;
import meek.stats.OutputSummary;
import meek.stats.QuantileEstimate;
import meek.stats.QuantileSummarizer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code quantiles.csv} (one row per scalar output) and {@code fan.csv} (one row per time step). Numbers
 * are written in full precision; an empty cell is "not finite" (a time never reached).
 */
public final class CsvReport {

  private CsvReport() {}

  public static void writeQuantiles(RunResult r, Path file) throws IOException {
    List<String> header = new ArrayList<>(List.of("output", "unit", "n", "n_infinite", "mean", "sd"));
    for (double p : QuantileSummarizer.PROBABILITIES) {
      header.add(QuantileEstimate.key(p));
    }
    for (double p : QuantileSummarizer.PROBABILITIES) {
      header.add(QuantileEstimate.key(p) + "_ci95_low");
      header.add(QuantileEstimate.key(p) + "_ci95_high");
    }
    try (CSVPrinter csv = printer(file, header)) {
      for (OutputSummary s : r.outputs()) {
        List<Object> row = new ArrayList<>();
        row.add(s.output().name());
        row.add(s.output().unit());
        row.add(s.n());
        row.add(s.infinite());
        row.add(Cells.of(s.mean()));
        row.add(Cells.of(s.sd()));
        for (QuantileEstimate q : s.quantiles()) {
          row.add(Cells.of(q.value()));
        }
        for (QuantileEstimate q : s.quantiles()) {
          row.add(Cells.of(q.ciLower()));
          row.add(Cells.of(q.ciUpper()));
        }
        csv.printRecord(row);
      }
    }
  }

  public static void writeFan(FanData fan, Path file) throws IOException {
    List<String> header = new ArrayList<>(List.of("t", "year"));
    for (double p : QuantileSummarizer.PROBABILITIES) {
      header.add(QuantileEstimate.key(p));
    }
    header.add("mean");
    try (CSVPrinter csv = printer(file, header)) {
      for (int j = 0; j < fan.times().length; j++) {
        List<Object> row = new ArrayList<>();
        row.add(fan.times()[j]);
        row.add(fan.years()[j]);
        for (double q : fan.quantiles()[j]) {
          row.add(Cells.of(q));
        }
        row.add(Cells.of(fan.means()[j]));
        csv.printRecord(row);
      }
    }
  }

  private static CSVPrinter printer(Path file, List<String> header) throws IOException {
    Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    return new CSVPrinter(
        w, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).setRecordSeparator('\n').get());
  }

}
