package meek.report;

import static meek.report.ChartStyle.BANDS;
import static meek.report.ChartStyle.MEDIAN;
import static meek.report.ChartStyle.SMALL;
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
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.ui.TextAnchor;
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
    // an interval whose 95th percentile is never runs to the right edge, marked as such
    double right = 0;
    for (int k = 0; k < n; k++) {
      for (double v : new double[] {median[k], low[k], high[k]}) {
        if (Double.isFinite(v)) {
          right = Math.max(right, v);
        }
      }
    }
    right *= 1.08;
    double left = right;
    for (double v : low) {
      if (Double.isFinite(v)) {
        left = Math.min(left, v);
      }
    }
    List<Integer> open = new ArrayList<>();
    List<double[]> blank = new ArrayList<>(); // {row, why: NaN no peak at all, +∞ the median never peaks}
    for (int k = 0; k < n; k++) {
      int row = n - 1 - k;
      if (Double.isFinite(median[k])) {
        boolean never = Double.isInfinite(high[k]);
        s.add(row, row, row, median[k], low[k], never ? right : high[k]);
        if (never) {
          open.add(row);
        }
      } else {
        blank.add(new double[] {row, median[k]});
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
    for (int row : open) {
      XYTextAnnotation a = new XYTextAnnotation("never ▸", row, right);
      a.setFont(SMALL);
      a.setTextAnchor(TextAnchor.BOTTOM_RIGHT);
      plot.addAnnotation(a);
    }
    for (double[] b : blank) { // a run with nothing to draw says why, on its own row
      XYTextAnnotation a = new XYTextAnnotation(Double.isNaN(b[1]) ? "no draw gives the SOTA model an advantage: no peak"
          : "the median draw never peaks (G ≤ 1)", b[0], left);
      a.setFont(SMALL);
      a.setTextAnchor(TextAnchor.CENTER_LEFT);
      plot.addAnnotation(a);
    }
    String subtitle = "When the loss gap peaks (t*): median and 90% interval per run"
        + (open.isEmpty() ? "" : "; ▸: its 95th percentile is never");
    return chart(plot, title, subtitle, footnote);
  }
}
