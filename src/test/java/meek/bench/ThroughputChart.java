package meek.bench;

import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import meek.report.ChartStyle;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws the throughput figure from bench/peers.py's CSV (columns tool,samples,seconds): draws per second
 * against N, log-log. Usage: ThroughputChart IN.csv OUT.png "footnote".
 */
public final class ThroughputChart {

  private ThroughputChart() {}

  public static void main(String[] args) throws IOException {
    Map<String, List<double[]>> rows = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(Path.of(args[0]));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      double n = Double.parseDouble(f[1]);
      rows.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new double[] {n, n / Double.parseDouble(f[2])});
    }
    Map<String, double[][]> series = new LinkedHashMap<>();
    rows.forEach((tool, points) -> {
      double[][] xy = new double[2][points.size()];
      for (int i = 0; i < points.size(); i++) {
        xy[0][i] = points.get(i)[0];
        xy[1][i] = points.get(i)[1];
      }
      series.put(tool, xy);
    });
    var chart = throughput(series, "Monte Carlo throughput with the 121-point fan", args.length > 2 ? args[2] : "");
    ChartStyle.writePng(chart, Path.of(args[1]));
  }

  /**
   * Throughput against N on log-log axes, one line per tool (bench/peers.py): draws per second of compute.
   *
   * @param series tool name → {N values, draws per second}, in the order to draw
   */
  private static JFreeChart throughput(Map<String, double[][]> series, String title, String footnote) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (var e : series.entrySet()) {
      XYSeries s = new XYSeries(e.getKey());
      for (int i = 0; i < e.getValue()[0].length; i++) {
        s.add(e.getValue()[0][i], e.getValue()[1][i]);
      }
      data.addSeries(s);
    }
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < series.size(); i++) {
      r.setSeriesPaint(i, ChartStyle.SERIES[i % ChartStyle.SERIES.length]);
      r.setSeriesStroke(i, new BasicStroke(2.2f));
    }
    LogAxis x = new LogAxis("Samples N");
    LogAxis y = new LogAxis("Draws per second of compute (higher is better)");
    for (LogAxis a : List.of(x, y)) {
      a.setLabelFont(ChartStyle.LABEL);
      a.setTickLabelFont(ChartStyle.LABEL);
      a.setLabelPaint(ChartStyle.INK);
      a.setTickLabelPaint(ChartStyle.INK);
      a.setBase(10);
      a.setNumberFormatOverride(new DecimalFormat("0.#E0"));
    }
    XYPlot plot = new XYPlot(data, x, y, r);
    ChartStyle.style(plot);
    return ChartStyle.chart(plot, title, null, footnote);
  }
}
