package meek.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Callable;
import meek.model.LossView;
import meek.model.Observation;
import meek.run.PrecisionRun;
import meek.run.RunResult;
import meek.run.SpecSummary;
import meek.stats.OutputSummary;

/** The files of one run's results folder, as {@code meek run} and {@code meek batch} write them. */
public final class RunFolder {

  private RunFolder() {}

  /**
   * Writes summary.json, quantiles.csv, the fans (.csv/.png/.svg), inflection_time.png, summary.md,
   * manifest.json and references.bib into the (staging) folder.
   *
   * @param precision the --precision outcome, or null
   * @param referenceTexts the texts whose comments name the sources for references.bib (the spec's)
   * @param wallStart System.nanoTime() when the command started
   */
  public static void write(Publish.Folder folder, RunResult result, PrecisionRun.Report precision,
      List<Observation> observed, List<String> referenceTexts, String version, long wallStart) throws IOException {
    SpecSummary spec = result.spec();
    SummaryJson.write(result, precision, folder.file(ResultFiles.SUMMARY));
    CsvReport.writeQuantiles(result, folder.file("quantiles.csv"));
    String footnote = String.format(
        "N = %s draws, seed %d · %s · meek %s", Numbers.count(result.samples()), result.seed(), specLabel(spec.source()), version);
    // charts render in parallel: they are most of the time spent writing a run (about 0.5 s of a 1.4 s small run)
    List<Callable<Void>> charts = new ArrayList<>();
    Map<String, HtmlReport.Fan> fans = new ConcurrentHashMap<>();
    for (var fanData : result.fans()) {
      String stem = fanData.metric().fileStem();
      CsvReport.writeFan(fanData, folder.file(stem + ".csv"));
      charts.add(() -> {
        ChartStyle.writePng(FanCharts.fan(fanData, spec.title(), fanData.metric().axisLabel(), footnote, observed), folder.file(stem + ".png"));
        return null;
      });
      charts.add(() -> {
        ChartStyle.PlotArea area =
            ChartStyle.writeSvg(FanCharts.fan(fanData, spec.title(), fanData.metric().axisLabel(), footnote, observed), folder.file(stem + ".svg"));
        fans.put(stem, new HtmlReport.Fan(area, fanData.metric().unit()));
        return null;
      });
    }
    charts.add(() -> {
      var hist = HistogramChart.histogram(
          result.output(LossView.INFLECTION_TIME), result.headlineDraws(),
          spec.title() + ": when the gap peaks", "Inflection time t* (years after " + Numbers.year(spec.baselineYear()).replaceAll("\\.0$", "") + ")",
          histogramNote(result), footnote);
      ChartStyle.writePng(hist, folder.file("inflection_time.png"));
      ChartStyle.writeSvg(hist, folder.file("inflection_time.svg"));
      return null;
    });
    ChartStyle.renderAll(charts);
    String markdown = SummaryMarkdown.render(result, version) + SummaryMarkdown.precision(precision);
    Files.writeString(folder.file("summary.md"), markdown, StandardCharsets.UTF_8);
    double wall = (System.nanoTime() - wallStart) / 1e9;
    ManifestJson.write(result, version, wall, folder.file(ResultFiles.MANIFEST));
    Files.writeString(folder.file("references.bib"), References.forSpecs(referenceTexts), StandardCharsets.UTF_8);
    Path report = folder.file(HtmlReport.FILE);
    HtmlReport.write(report.getParent(), report, markdown, ResultFiles.SUMMARY,
        List.of(new HtmlReport.Input("The spec as run: " + specLabel(spec.source()), spec.text())), fans);
  }

  /** The spec file as the reader finds it: a batch run's composed spec is "RUN/spec.yaml" in the batch folder. */
  private static String specLabel(Path source) {
    Path name = source.getFileName();
    return name.toString().equals(ResultFiles.SPEC) && source.getParent() != null
        ? source.getParent().getFileName() + "/" + name : name.toString();
  }

  /** What the histogram shows and leaves out, above it: the axis range, and the draws without a finite t*. */
  private static String histogramNote(RunResult r) {
    OutputSummary t = r.output(LossView.INFLECTION_TIME);
    long never = t.infinite();
    long noPeak = r.samples() - t.n();
    if (t.n() == never) {
      return "Nothing to show: " + (t.n() == 0 ? "no draw gives the SOTA model an advantage, so none has a peak"
          : "no draw's gap ever peaks (G = g_alg·g_hw ≤ 1)");
    }
    long shown = Math.min(r.headlineDraws().length, t.n() - never);
    return "Draws between t*'s 1st and 99th percentiles" + (shown < t.n() - never ? " (of the first " + Numbers.count(shown) + ")" : "")
        + (never > 0 ? "; " + Numbers.count(never) + " never peak" : "")
        + (noPeak > 0 ? "; " + Numbers.count(noPeak) + " have no peak (no advantage, or invalid)" : "")
        + (never + noPeak > 0 ? ": not shown" : "");
  }
}
