package meek.report;

import static meek.report.ChartStyle.BANDS;
import static meek.report.ChartStyle.LABEL;
import static meek.report.ChartStyle.MEDIAN;
import static meek.report.ChartStyle.SMALL;
import static meek.report.ChartStyle.axis;
import static meek.report.ChartStyle.chart;
import static meek.report.ChartStyle.style;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Arrays;
import meek.stats.OutputSummary;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.statistics.HistogramDataset;

/** The histogram of one scalar output's draws (t*'s {@code inflection_time.png}). */
public final class HistogramChart {

  private HistogramChart() {}

  /**
   * A histogram of finite values between their 1st and 99th percentiles, median and 90% interval marked.
   *
   * @param subtitle what it shows and leaves out (said above it, not in the footnote)
   */
  public static JFreeChart histogram(
      OutputSummary summary, double[] finite, String title, String xLabel, String subtitle, String footnote) {
    HistogramDataset data = new HistogramDataset();
    // the axis spans p1–p99 (no sort of the draws: at 1e7 that was a second of serial work)
    double lo = summary.n() > 0 ? summary.at(0.01).value() : Double.NaN;
    double hi = summary.n() > 0 ? summary.at(0.99).value() : Double.NaN;
    if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
      lo = Arrays.stream(finite).min().orElse(0);
      hi = Arrays.stream(finite).max().orElse(0);
    }
    double from = lo;
    double to = hi;
    double[] shown = Arrays.stream(finite).filter(v -> v >= from && v <= to).toArray();
    if (shown.length > 0 && hi > lo) {
      data.addSeries("draws", shown, 80, lo, hi);
    }
    XYBarRenderer renderer = new XYBarRenderer(0.05);
    renderer.setBarPainter(new StandardXYBarPainter());
    renderer.setShadowVisible(false);
    renderer.setSeriesPaint(0, BANDS[2]);
    NumberAxis x = axis(xLabel);
    x.setAutoRangeIncludesZero(false);
    NumberAxis y = axis("Draws per bin");
    XYPlot plot = new XYPlot(data, x, y, renderer);
    style(plot);
    if (summary.n() > 0 && shown.length > 0) {
      IntervalMarker ninety = new IntervalMarker(summary.at(0.05).value(), summary.at(0.95).value());
      ninety.setPaint(new Color(0x08, 0x30, 0x6b, 0x22));
      ninety.setLabel("90% interval " + Numbers.range(summary.output(), summary.at(0.05).value(), summary.at(0.95).value(), 3, ""));
      ninety.setLabelFont(SMALL);
      ninety.setLabelBackgroundColor(new Color(255, 255, 255, 0));
      ninety.setLabelAnchor(RectangleAnchor.TOP_LEFT);
      ninety.setLabelTextAnchor(TextAnchor.TOP_LEFT);
      ninety.setLabelOffset(new RectangleInsets(4, 4, 4, 4));
      plot.addDomainMarker(ninety, org.jfree.chart.ui.Layer.BACKGROUND);
      if (Double.isFinite(summary.at(0.5).value())) {
        // with draws that never peak, the median is over them too, not over the bars alone
        plot.addDomainMarker(medianMarker(summary.at(0.5).value(), summary.infinite() > 0 ? "median of all (never included) " : "median "));
      }
    }
    if (shown.length == 0) { // an empty plot says why
      XYTextAnnotation why = new XYTextAnnotation(subtitle, 0.5, 0.5);
      why.setFont(LABEL);
      plot.getDomainAxis().setRange(0, 1);
      plot.getRangeAxis().setRange(0, 1);
      plot.getDomainAxis().setTickLabelsVisible(false);
      plot.getRangeAxis().setTickLabelsVisible(false);
      plot.addAnnotation(why);
    }
    JFreeChart chart = chart(plot, title, subtitle, footnote);
    chart.removeLegend();
    return chart;
  }

  /** The prior's bars behind the posterior's: grey under blue, both translucent. */
  private static final Color PRIOR = new Color(0x80, 0x80, 0x80, 0x90);
  private static final Color POSTERIOR = new Color(0x21, 0x66, 0xac, 0xa0);

  /**
   * Prior and posterior of one output as two densities on the same bins (the span of both p1–p99), with the
   * posterior's median marked.
   *
   * @param priorDraws the prior's finite values
   * @param posteriorDraws the posterior's finite values (a resample: equally weighted)
   */
  public static JFreeChart priorPosterior(OutputSummary prior, OutputSummary posterior, double[] priorDraws, double[] posteriorDraws,
      String title, String xLabel, String subtitle, String footnote) {
    double lo = Math.min(bound(prior, 0.01, priorDraws, true), bound(posterior, 0.01, posteriorDraws, true));
    double hi = Math.max(bound(prior, 0.99, priorDraws, false), bound(posterior, 0.99, posteriorDraws, false));
    HistogramDataset data = new HistogramDataset();
    data.setType(org.jfree.data.statistics.HistogramType.SCALE_AREA_TO_1);
    double[] a = Arrays.stream(priorDraws).filter(v -> v >= lo && v <= hi).toArray();
    double[] b = Arrays.stream(posteriorDraws).filter(v -> v >= lo && v <= hi).toArray();
    if (hi > lo && a.length > 0 && b.length > 0) {
      data.addSeries("Prior", a, 80, lo, hi);
      data.addSeries("Posterior", b, 80, lo, hi);
    }
    XYBarRenderer renderer = new XYBarRenderer(0.05);
    renderer.setBarPainter(new StandardXYBarPainter());
    renderer.setShadowVisible(false);
    renderer.setSeriesPaint(0, PRIOR);
    renderer.setSeriesPaint(1, POSTERIOR);
    NumberAxis x = axis(xLabel);
    x.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(data, x, axis("Density"), renderer);
    plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD); // the posterior over the prior
    style(plot);
    if (posterior.n() > 0 && Double.isFinite(posterior.at(0.5).value()) && data.getSeriesCount() > 0) {
      plot.addDomainMarker(medianMarker(posterior.at(0.5).value(), "posterior median "));
    }
    if (data.getSeriesCount() == 0) {
      XYTextAnnotation why = new XYTextAnnotation("Nothing to show: no finite values in the prior or the posterior", 0.5, 0.5);
      why.setFont(LABEL);
      plot.getDomainAxis().setRange(0, 1);
      plot.getRangeAxis().setRange(0, 1);
      plot.addAnnotation(why);
    }
    return chart(plot, title, subtitle, footnote);
  }

  /** The summary's p-quantile when finite, else the draws' extreme. */
  private static double bound(OutputSummary s, double p, double[] draws, boolean low) {
    double v = s.n() > 0 ? s.at(p).value() : Double.NaN;
    if (Double.isFinite(v)) {
      return v;
    }
    return low ? Arrays.stream(draws).min().orElse(0) : Arrays.stream(draws).max().orElse(0);
  }

  /** The median's line, labelled "{label}{value}" beside its top. */
  private static ValueMarker medianMarker(double median, String label) {
    ValueMarker med = new ValueMarker(median, MEDIAN, new BasicStroke(2f));
    med.setLabel(label + Numbers.sig(median, 3));
    med.setLabelFont(SMALL);
    med.setLabelBackgroundColor(new Color(255, 255, 255, 200));
    med.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
    med.setLabelTextAnchor(TextAnchor.TOP_LEFT);
    med.setLabelOffset(new RectangleInsets(18, 4, 4, 4));
    return med;
  }
}
