package meek.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import meek.spec.ObservedPoints;
import meek.spec.Spec;
import meek.stats.PrecisionTarget;
import meek.stats.RunResult;

/** The files of one run's results folder, as {@code meek run} and {@code meek batch} write them. */
public final class RunFolder {

  private RunFolder() {}

  /**
   * Writes summary.json, quantiles.csv, the fans (.csv/.png/.svg), inflection_time.png, summary.md,
   * manifest.json and references.bib into the (staging) folder.
   *
   * @param precision the --precision outcome, or null
   * @param referenceSpecs spec files whose comments name the sources for references.bib
   * @param wallStart System.nanoTime() when the command started
   */
  public static void write(ResultFolder folder, RunResult result, PrecisionTarget.Report precision,
      List<ObservedPoints.Point> observed, List<Path> referenceSpecs, String version, long wallStart) throws IOException {
    Spec spec = result.spec();
    var summaryJson = JsonReport.summary(result);
    if (precision != null) {
      JsonReport.addPrecision(summaryJson, precision);
    }
    JsonReport.write(summaryJson, folder.file("summary.json"));
    CsvReport.writeQuantiles(result, folder.file("quantiles.csv"));
    String footnote = String.format(
        "N = %s draws, seed %d · %s · meek %s", Numbers.count(result.samples()), result.seed(), spec.source().getFileName(), version);
    // charts render in parallel: they are most of the time spent writing a run (about 0.5 s of a 1.4 s small run)
    List<Callable<Void>> charts = new ArrayList<>();
    for (var fanData : result.fans()) {
      String stem = fanData.metric().fileStem();
      CsvReport.writeFan(fanData, folder.file(stem + ".csv"));
      charts.add(() -> {
        Charts.writePng(Charts.fan(fanData, spec.title(), fanData.metric().axisLabel(), footnote, observed), folder.file(stem + ".png"));
        return null;
      });
      charts.add(() -> {
        Charts.writeSvg(Charts.fan(fanData, spec.title(), fanData.metric().axisLabel(), footnote, observed), folder.file(stem + ".svg"));
        return null;
      });
    }
    charts.add(() -> {
      var hist = Charts.histogram(
          result.output("inflection_time_years"), result.headlineDraws(),
          spec.title() + ": when the gap peaks", "Inflection time t* (years after " + Numbers.year(spec.baselineYear()).replaceAll("\\.0$", "") + ")",
          footnote + histogramNote(result));
      Charts.writePng(hist, folder.file("inflection_time.png"));
      return null;
    });
    Charts.renderAll(charts);
    Files.writeString(folder.file("summary.md"),
        MarkdownReport.render(result, version) + MarkdownReport.precision(precision), StandardCharsets.UTF_8);
    double wall = (System.nanoTime() - wallStart) / 1e9;
    JsonReport.write(JsonReport.manifest(result, version, wall), folder.file("manifest.json"));
    Files.writeString(folder.file("references.bib"), References.forSpecs(referenceSpecs), StandardCharsets.UTF_8);
  }

  private static String histogramNote(RunResult r) {
    long never = r.output("inflection_time_years").infinite();
    return " · axis: p1–p99" + (never > 0 ? " · " + Numbers.count(never) + " never peak (not shown)" : "");
  }
}
