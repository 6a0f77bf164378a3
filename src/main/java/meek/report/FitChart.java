package meek.report;

import static meek.report.ChartStyle.MEDIAN;
import static meek.report.ChartStyle.OBSERVED;
import static meek.report.ChartStyle.SMALL;
import static meek.report.ChartStyle.axis;
import static meek.report.ChartStyle.chart;
import static meek.report.ChartStyle.style;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.font.FontRenderContext;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import meek.model.BenchmarkMap;
import meek.stats.SigmoidFit;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** {@code fit.png}: benchmark scores against loss with the fitted sigmoid. */
public final class FitChart {

  private static final Color GRID_INK = new Color(0x88, 0x88, 0x88);

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
    x.setRange(lo, hi);
    NumberAxis y = axis("Score (%)");
    double top = 5 + Math.max(Arrays.stream(score).max().orElse(1) * 100, 100 * BenchmarkMap.score(lo, fit.values()[0], fit.values()[1],
        fit.values()[2], fit.values()[3], 1));
    y.setRange(0, Math.min(105, top));
    XYPlot plot = new XYPlot(data, x, y, r);
    style(plot);
    new Labels(plot, lo, hi, 0, Math.min(105, top)).place(loss, score, labels);
    return chart(plot, title, null, footnote);
  }

  /**
   * Point labels placed so that none overlaps another or a point: each takes the first free one of eight
   * places around its point (nearest first), then places further up or down joined to it by a thin line.
   * Worked in the plot's approximate size in chart pixels, from the fixed axis ranges.
   */
  private static final class Labels {
    /** The plot area of an 800 × 500 chart, less axes, titles and legend (measured on the rendered PNG). */
    private static final double WIDTH = 730;
    private static final double HEIGHT = 360;
    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

    private final XYPlot plot;
    private final double x0;
    private final double x1;
    private final double y0;
    private final double y1;
    private final List<Rectangle2D> taken = new ArrayList<>();

    Labels(XYPlot plot, double x0, double x1, double y0, double y1) {
      this.plot = plot;
      this.x0 = x0;
      this.x1 = x1;
      this.y0 = y0;
      this.y1 = y1;
    }

    private double px(double x) {
      return (x - x0) / (x1 - x0) * WIDTH;
    }

    private double py(double y) {
      return (y1 - y) / (y1 - y0) * HEIGHT; // pixels grow downwards
    }

    private final List<double[]> points = new ArrayList<>();

    void place(double[] loss, double[] score, List<String> labels) {
      for (int i = 0; i < loss.length; i++) {
        taken.add(new Rectangle2D.Double(px(loss[i]) - 5, py(100 * score[i]) - 5, 10, 10)); // the points themselves
        points.add(new double[] {px(loss[i]), py(100 * score[i])});
      }
      Integer[] order = new Integer[loss.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      Arrays.sort(order, Comparator.comparingDouble(i -> loss[i]));
      for (int i : order) {
        if (i < labels.size() && !labels.get(i).isEmpty()) {
          place(loss[i], 100 * score[i], labels.get(i));
        }
      }
    }

    private void place(double x, double y, String text) {
      Rectangle2D bounds = SMALL.getStringBounds(text, FRC);
      double w = bounds.getWidth() + 2;
      double h = bounds.getHeight();
      double cx = px(x);
      double cy = py(y);
      // (dx, dy) of the label's anchor corner from the point, nearest places first, then further away
      double[][] places = {{6, -4 - h}, {6, 4}, {-6 - w, -4 - h}, {-6 - w, 4}, {-w / 2, -8 - h}, {-w / 2, 8},
          {6, -4 - 2.2 * h}, {6, 4 + 1.2 * h}, {-6 - w, -4 - 2.2 * h}, {-6 - w, 4 + 1.2 * h}, {6, -4 - 3.4 * h}, {6, 4 + 2.4 * h},
          {-6 - w, -4 - 3.4 * h}, {-6 - w, 4 + 2.4 * h}};
      for (int k = 0; k < places.length; k++) {
        Rectangle2D box = new Rectangle2D.Double(cx + places[k][0], cy + places[k][1], w, h);
        boolean inside = box.getMinX() >= 0 && box.getMaxX() <= WIDTH && box.getMinY() >= 0 && box.getMaxY() <= HEIGHT;
        // a label beside its point must be nearer to it than to any other (one further away has its line)
        boolean own = k >= 6 || nearest(box, cx, cy);
        if (inside && own && taken.stream().noneMatch(box::intersects)) {
          taken.add(box);
          annotate(text, box, x, y, k >= 6);
          return;
        }
      }
      // nowhere free: the nearest place, overlapping as little as the data allow
      Rectangle2D box = new Rectangle2D.Double(cx + places[0][0], cy + places[0][1], w, h);
      taken.add(box);
      annotate(text, box, x, y, false);
    }

    private boolean nearest(Rectangle2D box, double cx, double cy) {
      double own = distance(box, cx, cy);
      return points.stream().allMatch(p -> p[0] == cx && p[1] == cy || distance(box, p[0], p[1]) > own);
    }

    /** From a point to the nearest point of a box. */
    private static double distance(Rectangle2D box, double x, double y) {
      double dx = Math.max(Math.max(box.getMinX() - x, 0), x - box.getMaxX());
      double dy = Math.max(Math.max(box.getMinY() - y, 0), y - box.getMaxY());
      return Math.hypot(dx, dy);
    }

    private void annotate(String text, Rectangle2D box, double x, double y, boolean leader) {
      double ax = x0 + box.getMinX() / WIDTH * (x1 - x0);
      double ay = y1 - box.getMaxY() / HEIGHT * (y1 - y0);
      XYTextAnnotation a = new XYTextAnnotation(text, ax, ay);
      a.setFont(SMALL);
      a.setTextAnchor(TextAnchor.BOTTOM_LEFT);
      plot.addAnnotation(a);
      if (leader) {
        double lx = x0 + (box.getCenterX() < px(x) ? box.getMaxX() : box.getMinX()) / WIDTH * (x1 - x0);
        double ly = y1 - box.getCenterY() / HEIGHT * (y1 - y0);
        plot.addAnnotation(new XYLineAnnotation(x, y, lx, ly, new BasicStroke(0.6f), GRID_INK));
      }
    }
  }
}
