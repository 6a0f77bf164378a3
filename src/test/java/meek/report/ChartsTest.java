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
import meek.stats.SigmoidFit;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
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
    writesBoth(HistogramChart.histogram(result.output(LossView.INFLECTION_TIME), result.headlineDraws(), "t*", "years", "note"),
        "inflection_time");
    writesBoth(FanCharts.compareFans(List.of(HandBuilt.fan(Metric.LOSS), HandBuilt.fan(Metric.LOSS)), List.of("a", "b"), "a vs b", "note"),
        "compare_fan");
    JFreeChart forest = ForestChart.forest(List.of("r1", "r2"), new double[] {3, 4}, new double[] {2, 3}, new double[] {5, Double.POSITIVE_INFINITY},
        "t*", "forest", "note");
    assertThat(forest.getXYPlot().getDataset().getItemCount(0)).isEqualTo(2);
    writesBoth(forest, "forest");
    writesBoth(SensitivityCharts.tornado(List.of("g_alg", "alpha"), 3, new double[] {5, 3.5}, new double[] {2, 2.8}, "t*", "tornado", "note"),
        "tornado");
    writesBoth(SensitivityCharts.sobol(List.of("g_alg", "alpha"), new double[] {0.7, 0.2}, new double[] {0.6, 0.1}, new double[] {0.8, 0.3},
        new double[] {0.72, 0.22}, new double[] {0.7, 0.2}, new double[] {0.74, 0.24}, "sobol", "note"), "sobol");
    SigmoidFit.Result fit = new SigmoidFit.Result(new String[] {"floor", "ceiling", "L_mid", "k"}, new double[] {0.25, 1, 2, 8},
        new double[] {0, 0, 0.01, 1}, new boolean[] {false, false, true, true}, 0.9, 0.01, 3);
    writesBoth(FitChart.sigmoidFit(new double[] {1.8, 2.0, 2.2}, new double[] {0.8, 0.6, 0.4}, List.of("a", "", "c"), fit, "fit", "note"), "fit");
  }
}
