package meek.report;

import static meek.report.ChartStyle.MEDIAN;
import static meek.report.ChartStyle.OBSERVED;
import static meek.report.ChartStyle.SMALL;
import static meek.report.ChartStyle.axis;
import static meek.report.ChartStyle.chart;
import static meek.report.ChartStyle.style;

import java.awt.BasicStroke;
import java.awt.geom.Ellipse2D;
import java.util.Arrays;
import java.util.List;
import meek.model.BenchmarkMap;
import meek.stats.SigmoidFit;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** {@code fit.png}: benchmark scores against loss with the fitted sigmoid. */
public final class FitChart {

  private FitChart() {}

  /** Data points (score against loss) with the fitted sigmoid drawn through them. */
  public static JFreeChart sigmoidFit(double[] loss, double[] score, List<String> labels, SigmoidFit.Result fit, String title, String footnote) {
    XYSeries points = new XYSeries("Published scores");
    XYSeries curve = new XYSeries("Fitted sigmoid");
    double lo = Arrays.stream(loss).min().orElse(1.5) - 0.1;
    double hi = Arrays.stream(loss).max().orElse(3) + 0.1;
    for (int i = 0; i < loss.length; i++) {
      points.add(loss[i], 100 * score[i]);
    }
    for (int i = 0; i <= 200; i++) {
      double l = lo + (hi - lo) * i / 200;
      double[] c = fit.values();
      curve.add(l, 100 * BenchmarkMap.score(l, c[0], c[1], c[2], c[3], 1));
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(points);
    data.addSeries(curve);
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
    r.setSeriesLinesVisible(0, false);
    r.setSeriesShapesVisible(0, true);
    r.setSeriesPaint(0, OBSERVED);
    r.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
    r.setSeriesLinesVisible(1, true);
    r.setSeriesShapesVisible(1, false);
    r.setSeriesPaint(1, MEDIAN);
    r.setSeriesStroke(1, new BasicStroke(2.2f));
    NumberAxis x = axis("Loss (nats per token)");
    x.setAutoRangeIncludesZero(false);
    NumberAxis y = axis("Score (%)");
    XYPlot plot = new XYPlot(data, x, y, r);
    style(plot);
    for (int i = 0; i < loss.length && i < labels.size(); i++) {
      if (!labels.get(i).isEmpty()) {
        XYTextAnnotation a = new XYTextAnnotation(" " + labels.get(i), loss[i], 100 * score[i]);
        a.setFont(SMALL);
        a.setTextAnchor(TextAnchor.BOTTOM_LEFT);
        plot.addAnnotation(a);
      }
    }
    return chart(plot, title, null, footnote);
  }
}
