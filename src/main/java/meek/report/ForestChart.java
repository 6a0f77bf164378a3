package meek.report;

import static meek.report.ChartStyle.BANDS;
import static meek.report.ChartStyle.MEDIAN;
import static meek.report.ChartStyle.axis;
import static meek.report.ChartStyle.chart;
import static meek.report.ChartStyle.style;
import static meek.report.ChartStyle.symbols;

import java.awt.BasicStroke;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/** A batch's forest plot: t*'s median and 90% interval per run. */
public final class ForestChart {

  private ForestChart() {}

  /**
   * A forest plot: one row per run, its median as a dot and its 5–95% interval as a line.
   *
   * @param rows run labels, top row first
   */
  public static JFreeChart forest(List<String> rows, double[] median, double[] low, double[] high, String xLabel, String title, String footnote) {
    int n = rows.size();
    XYIntervalSeries s = new XYIntervalSeries("median and 90% interval (p5–p95)");
    List<String> bottomUp = new ArrayList<>(rows);
    Collections.reverse(bottomUp);
    for (int k = 0; k < n; k++) {
      if (Double.isFinite(median[k])) {
        int row = n - 1 - k;
        s.add(row, row, row, median[k], low[k], Double.isFinite(high[k]) ? high[k] : median[k]);
      }
    }
    XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
    data.addSeries(s);
    XYErrorRenderer r = new XYErrorRenderer();
    r.setDrawXError(false);
    r.setDefaultLinesVisible(false);
    r.setSeriesShape(0, new Ellipse2D.Double(-5, -5, 10, 10));
    r.setSeriesPaint(0, MEDIAN);
    r.setErrorPaint(BANDS[2]);
    r.setErrorStroke(new BasicStroke(2.5f));
    r.setCapLength(8);
    NumberAxis x = axis(xLabel);
    x.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(data, symbols(null, bottomUp), x, r);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    style(plot);
    return chart(plot, title, null, footnote);
  }
}
