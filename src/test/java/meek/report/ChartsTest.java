package meek.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import meek.model.LossView;
import meek.model.Metric;
import meek.model.Observation;
import meek.stats.OutputSummary;
import meek.stats.SigmoidFit;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every chart from hand-built numbers: what it plots, a PNG at twice the layout size, a deterministic SVG. */
class ChartsTest {

  @TempDir Path dir;

  private void writesBoth(JFreeChart chart, String name) throws IOException {
    Path png = dir.resolve(name + ".png");
    ChartStyle.writePng(chart, png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(2 * ChartStyle.WIDTH);
    assertThat(image.getHeight()).isEqualTo(2 * ChartStyle.HEIGHT);
    Path svg = dir.resolve(name + ".svg");
    ChartStyle.writeSvg(chart, svg);
    String text = Files.readString(svg);
    assertThat(text).contains("<svg").contains("id='meek-" + name + "_svg-");
    Path again = dir.resolve("again").resolve(name + ".svg");
    Files.createDirectories(again.getParent());
    ChartStyle.writeSvg(chart, again);
    assertThat(Files.readString(again)).isEqualTo(text); // the same chart gives the same bytes
  }

  @Test
  void theFanPlotsItsBandsAndTheMedianOverCalendarYears() throws IOException {
    List<Observation> observed = List.of(new Observation(2020.5, 0.3, "a reading", Metric.LOSS),
        new Observation(2020.5, 9, "another view's", Metric.BENCHMARK));
    JFreeChart chart = FanCharts.fan(HandBuilt.fan(Metric.LOSS), "Hand", Metric.LOSS.axisLabel(), "footnote", observed);
    XYPlot plot = chart.getXYPlot();
    assertThat(plot.getDataset(0).getSeriesCount()).isEqualTo(4); // 90%, 80%, 50% and the median
    // the median's points: the fan's p50 at each calendar year
    assertThat(plot.getDataset(0).getXValue(3, 2)).isEqualTo(2021);
    assertThat(plot.getDataset(0).getYValue(3, 2)).isEqualTo(1.0);
    // only the loss-gap reading is drawn on the loss fan
    assertThat(plot.getDataset(1).getItemCount(0)).isEqualTo(1);
    assertThat(plot.getDomainAxis().getRange().getLowerBound()).isEqualTo(2019);
    writesBoth(chart, "fan");
  }

  @Test
  void aLogFanLeavesOutStepsThatAreNotPositive() throws IOException {
    JFreeChart chart = FanCharts.fan(HandBuilt.fan(Metric.TOKENS), "Hand", Metric.TOKENS.axisLabel(), "footnote", List.of());
    assertThat(chart.getXYPlot().getDataset(0).getItemCount(3)).isEqualTo(2); // t = 0 is all zeros
    writesBoth(chart, "fan_tokens");
  }

  @Test
  void theOtherChartsRender() throws IOException {
    var result = HandBuilt.result();
    writesBoth(HistogramChart.histogram(result.output(LossView.INFLECTION_TIME), result.headlineDraws(), "t*", "years", "shown: p1–p99", "note"),
        "inflection_time");
    writesBoth(FanCharts.compareFans(List.of(HandBuilt.fan(Metric.LOSS), HandBuilt.fan(Metric.LOSS)), List.of("a", "b"), "a vs b", "note"),
        "compare_fan");
    JFreeChart forest = ForestChart.forest(List.of("r1", "r2"), new double[] {3, 4}, new double[] {2, 3}, new double[] {5, Double.POSITIVE_INFINITY},
        "t*", "forest", "note");
    assertThat(forest.getXYPlot().getDataset().getItemCount(0)).isEqualTo(2);
    writesBoth(forest, "forest");
    JFreeChart tornado = SensitivityCharts.tornado(List.of("g_alg", "alpha"), 3, new double[] {5, 3.5}, new double[] {2, 2.8}, "t*", "years",
        "tornado", "note");
    // the base value is said above the plot (a label on the line sat on a bar), with its unit
    assertThat(tornado.getXYPlot().getRangeMarkers(Layer.FOREGROUND)).allSatisfy(m -> assertThat(m.getLabel()).isNull());
    assertThat(tornado.getSubtitles()).anySatisfy(t -> assertThat(t).isInstanceOfSatisfying(TextTitle.class,
        tt -> assertThat(tt.getText()).startsWith("Vertical line: all inputs at their medians, 3.00 years")));
    writesBoth(tornado, "tornado");
    JFreeChart sobol = SensitivityCharts.sobol(List.of("g_alg", "alpha"), new double[] {0.7, 0.2}, new double[] {0.6, 0.1}, new double[] {0.8, 0.3},
        new double[] {0.72, 0.22}, new double[] {0.7, 0.2}, new double[] {0.74, 0.24}, "sobol", "note");
    assertThat(sobol.getXYPlot().getLegendItems().getItemCount()).as("each series once in the legend").isEqualTo(2);
    writesBoth(sobol, "sobol");
    assertThat(ChartStyle.axisLabel(LossView.INFLECTION_TIME)).isEqualTo("time of the peak loss gap (t*, years)");
    SigmoidFit.Result fit = new SigmoidFit.Result(new String[] {"floor", "ceiling", "L_mid", "k"}, new double[] {0.25, 1, 2, 8},
        new double[] {0, 0, 0.01, 1}, new boolean[] {false, false, true, true}, 0.9, 0.01, 3);
    writesBoth(FitChart.sigmoidFit(new double[] {1.8, 2.0, 2.2}, new double[] {0.8, 0.6, 0.4}, List.of("a", "", "c"), fit, "fit", "note"), "fit");
  }

  /** Crowded points: no two labels overlap (in the chart's 800 × 500 geometry, from the fixed axis ranges). */
  @Test
  void fitLabelsDoNotOverlap() {
    double[] loss = {1.92, 1.921, 1.923, 1.93, 1.931, 1.95, 2.0, 2.001};
    double[] score = {0.69, 0.692, 0.688, 0.67, 0.675, 0.6, 0.45, 0.452};
    List<String> labels = List.of("Llama 2 70B", "PaLM 540B", "Chinchilla 70B", "LLaMA 65B", "Llama 2 34B", "LLaMA 33B", "GPT-3 175B", "Llama 2 13B");
    SigmoidFit.Result fit = new SigmoidFit.Result(new String[] {"floor", "ceiling", "L_mid", "k"}, new double[] {0.25, 1, 1.95, 16},
        new double[] {0, 0, 0.01, 1}, new boolean[] {false, false, true, true}, 0.9, 0.01, 8);
    XYPlot plot = FitChart.sigmoidFit(loss, score, labels, fit, "fit", "note").getXYPlot();
    double x0 = plot.getDomainAxis().getLowerBound();
    double x1 = plot.getDomainAxis().getUpperBound();
    double y0 = plot.getRangeAxis().getLowerBound();
    double y1 = plot.getRangeAxis().getUpperBound();
    var frc = new java.awt.font.FontRenderContext(null, true, true);
    List<java.awt.geom.Rectangle2D> boxes = new java.util.ArrayList<>();
    for (Object a : plot.getAnnotations()) {
      if (a instanceof XYTextAnnotation t) {
        var b = t.getFont().getStringBounds(t.getText(), frc);
        double left = (t.getX() - x0) / (x1 - x0) * 730;
        double bottom = (y1 - t.getY()) / (y1 - y0) * 360;
        boxes.add(new java.awt.geom.Rectangle2D.Double(left, bottom - b.getHeight(), b.getWidth(), b.getHeight()));
      }
    }
    assertThat(boxes).hasSize(labels.size());
    for (int i = 0; i < boxes.size(); i++) {
      for (int j = i + 1; j < boxes.size(); j++) {
        assertThat(boxes.get(i).intersects(boxes.get(j))).as(i + " and " + j).isFalse();
      }
    }
  }

  /** A histogram with nothing to draw says why, on the plot and above it. */
  @Test
  void anEmptyHistogramExplainsItself() {
    OutputSummary none = new OutputSummary(LossView.INFLECTION_TIME, 0, 0, Double.NaN, Double.NaN, List.of());
    JFreeChart chart = HistogramChart.histogram(none, new double[0], "t*", "years", "Nothing to show: no draw has a peak", "note");
    assertThat(chart.getXYPlot().getAnnotations()).anySatisfy(a -> assertThat(a).isInstanceOfSatisfying(XYTextAnnotation.class,
        t -> assertThat(t.getText()).isEqualTo("Nothing to show: no draw has a peak")));
    assertThat(chart.getSubtitles()).anySatisfy(t -> assertThat(t).isInstanceOfSatisfying(TextTitle.class,
        tt -> assertThat(tt.getText()).isEqualTo("Nothing to show: no draw has a peak")));
  }
}
