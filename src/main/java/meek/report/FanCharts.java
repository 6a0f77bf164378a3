package meek.report;

import static meek.report.ChartStyle.BANDS;
import static meek.report.ChartStyle.INK;
import static meek.report.ChartStyle.MEDIAN;
import static meek.report.ChartStyle.OBSERVED;
import static meek.report.ChartStyle.SERIES;
import static meek.report.ChartStyle.SMALL;
import static meek.report.ChartStyle.axis;
import static meek.report.ChartStyle.chart;
import static meek.report.ChartStyle.style;
import static meek.report.ChartStyle.symbols;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;
import java.util.Locale;
import meek.model.Observation;
import meek.stats.FanData;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/** Fan charts: one fan's bands over calendar years (with observed points), and several specs' fans overlaid. */
public final class FanCharts {

  private FanCharts() {}

  /** The fan chart with observed points (those of this fan's metric) drawn over it, labelled. */
  public static JFreeChart fan(FanData fan, String title, String yLabel, String footnote, List<Observation> observed) {
    boolean log = fan.metric().logAxis();
    double[][] bands = {{0.05, 0.95}, {0.10, 0.90}, {0.25, 0.75}};
    String[] names = {"90% interval (p5–p95)", "80% interval (p10–p90)", "50% interval (p25–p75)"};
    double[] median = fan.band(0.5);
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    for (int b = 0; b < bands.length; b++) {
      double[] lo = fan.band(bands[b][0]);
      double[] hi = fan.band(bands[b][1]);
      YIntervalSeries s = new YIntervalSeries(names[b]);
      for (int j = 0; j < lo.length; j++) {
        if (plottable(log, lo[j], median[j], hi[j])) {
          s.add(fan.years()[j], median[j], lo[j], hi[j]);
        }
      }
      data.addSeries(s);
    }
    YIntervalSeries m = new YIntervalSeries("Median");
    for (int j = 0; j < median.length; j++) {
      if (plottable(log, median[j], median[j], median[j])) {
        m.add(fan.years()[j], median[j], median[j], median[j]);
      }
    }
    data.addSeries(m);

    DeviationRenderer renderer = new DeviationRenderer(true, false);
    renderer.setAlpha(1f);
    for (int b = 0; b < bands.length; b++) {
      renderer.setSeriesFillPaint(b, BANDS[b]);
      renderer.setSeriesPaint(b, BANDS[b]);
      renderer.setSeriesStroke(b, new BasicStroke(0f));
      renderer.setSeriesLinesVisible(b, false);
    }
    renderer.setSeriesPaint(bands.length, MEDIAN);
    renderer.setSeriesFillPaint(bands.length, MEDIAN);
    renderer.setSeriesStroke(bands.length, new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));

    NumberAxis x = axis("Year");
    x.setAutoRangeIncludesZero(false);
    x.setNumberFormatOverride(new DecimalFormat("0"));
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits()); // whole years: a short span ticked at halves read "2024 2024"
    double[] years = fan.years();
    double zeroFrom = zeroFrom(fan);
    String subtitle = fan.metric().subtitle();
    if (zeroFrom < years[0] + 0.7 * (years[years.length - 1] - years[0])) {
      // a fan that is 0 for most of the span (the inference gap once caught up) is shown to a little after
      x.setRange(years[0], Math.min(years[years.length - 1], zeroFrom + 0.15 * (years[years.length - 1] - years[0])));
      subtitle += "; all 0 from " + Numbers.year(zeroFrom) + " (" + fan.metric().fileStem() + ".csv: to "
          + Numbers.compact(years[years.length - 1]) + ")";
    } else {
      x.setRange(years[0], years[years.length - 1]);
    }
    XYPlot plot = new XYPlot(data, x, log ? logAxis(yLabel) : axis(yLabel), renderer);
    plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD); // widest band first, median on top
    style(plot);
    if (!log) {
      plot.addRangeMarker(new ValueMarker(0, INK, new BasicStroke(0.8f)));
    }

    LegendItemCollection legend = new LegendItemCollection();
    for (int b = 0; b < bands.length; b++) {
      legend.add(new LegendItem(names[b], null, null, null, new Rectangle2D.Double(-7, -5, 14, 10), BANDS[b]));
    }
    legend.add(new LegendItem("Median", null, null, null, new Line2D.Double(-8, 0, 8, 0), new BasicStroke(2.2f), MEDIAN));
    List<Observation> mine = observed.stream().filter(p -> p.metric() == fan.metric()).toList();
    if (!mine.isEmpty()) {
      addObserved(plot, legend, mine);
    }
    plot.setFixedLegendItems(legend);
    return chart(plot, title, subtitle, footnote);
  }

  /** The prior's band and median behind a calibrated fan: grey, so the posterior's blues read as what moved. */
  private static final Color PRIOR_BAND = new Color(0x80, 0x80, 0x80, 0x40);
  private static final Color PRIOR_LINE = new Color(0x70, 0x70, 0x70);

  /**
   * A calibrated fan: the posterior's bands and median over the prior's 90% band and median (faded, behind),
   * and the observations of this fan's metric with their error bars (±1.96 sd: a 95% interval, multiplicative on
   * a log scale).
   */
  public static JFreeChart calibrated(FanData posterior, FanData prior, String title, String yLabel, String footnote,
      List<Observation> observed) {
    JFreeChart chart = fan(posterior, title, yLabel, footnote, List.of());
    XYPlot plot = chart.getXYPlot();
    boolean log = posterior.metric().logAxis();
    plot.setDataset(1, plot.getDataset(0));
    plot.setRenderer(1, plot.getRenderer(0));
    YIntervalSeriesCollection behind = new YIntervalSeriesCollection();
    YIntervalSeries band = new YIntervalSeries("Prior 90% interval");
    YIntervalSeries median = new YIntervalSeries("Prior median");
    double[] lo = prior.band(0.05);
    double[] mid = prior.band(0.5);
    double[] hi = prior.band(0.95);
    for (int j = 0; j < lo.length; j++) {
      if (plottable(log, lo[j], mid[j], hi[j])) {
        band.add(prior.years()[j], mid[j], lo[j], hi[j]);
        median.add(prior.years()[j], mid[j], mid[j], mid[j]);
      }
    }
    behind.addSeries(band);
    YIntervalSeriesCollection priorMedian = new YIntervalSeriesCollection();
    priorMedian.addSeries(median);
    DeviationRenderer faded = new DeviationRenderer(true, false);
    faded.setAlpha(1f);
    faded.setSeriesFillPaint(0, PRIOR_BAND);
    faded.setSeriesPaint(0, PRIOR_BAND);
    faded.setSeriesStroke(0, new BasicStroke(0f));
    faded.setSeriesLinesVisible(0, false);
    BasicStroke dashed = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f);
    DeviationRenderer line = new DeviationRenderer(true, false);
    line.setSeriesPaint(0, PRIOR_LINE);
    line.setSeriesFillPaint(0, PRIOR_LINE);
    line.setSeriesStroke(0, dashed);
    plot.setDataset(0, behind);
    plot.setRenderer(0, faded);
    plot.setDataset(2, priorMedian); // over the posterior's bands, so it shows where they cover it
    plot.setRenderer(2, line);
    LegendItemCollection legend = plot.getFixedLegendItems();
    legend.add(new LegendItem("Prior 90% interval", null, null, null, new Rectangle2D.Double(-7, -5, 14, 10), PRIOR_BAND));
    legend.add(new LegendItem("Prior median", null, null, null, new Line2D.Double(-8, 0, 8, 0), dashed, PRIOR_LINE));
    List<Observation> mine = observed.stream().filter(o -> o.metric() == posterior.metric()).toList();
    if (!mine.isEmpty()) {
      YIntervalSeriesCollection points = new YIntervalSeriesCollection();
      YIntervalSeries s = new YIntervalSeries("Observed");
      for (Observation o : mine) {
        double d = 1.959963984540054 * o.sd();
        double low = o.logScale() ? o.gap() * Math.exp(-d) : o.gap() - d;
        double high = o.logScale() ? o.gap() * Math.exp(d) : o.gap() + d;
        s.add(o.year(), o.gap(), Double.isFinite(low) ? low : o.gap(), Double.isFinite(high) ? high : o.gap());
        if (!o.label().isEmpty()) {
          XYTextAnnotation a = new XYTextAnnotation("   " + o.label(), o.year(), o.gap()); // clear of the error bar
          a.setFont(SMALL);
          a.setPaint(OBSERVED);
          a.setTextAnchor(TextAnchor.BOTTOM_LEFT);
          plot.addAnnotation(a);
        }
      }
      points.addSeries(s);
      org.jfree.chart.renderer.xy.YIntervalRenderer bars = new org.jfree.chart.renderer.xy.YIntervalRenderer();
      bars.setSeriesPaint(0, OBSERVED);
      bars.setSeriesShape(0, new Rectangle2D.Double(-5, -0.8, 10, 1.6)); // the bars' caps
      bars.setSeriesStroke(0, new BasicStroke(1.6f));
      plot.setDataset(3, points);
      plot.setRenderer(3, bars);
      XYSeries values = new XYSeries("Observed value");
      mine.forEach(o -> values.add(o.year(), o.gap()));
      XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
      dots.setSeriesPaint(0, OBSERVED);
      dots.setSeriesShape(0, new Ellipse2D.Double(-4.5, -4.5, 9, 9));
      plot.setDataset(4, new XYSeriesCollection(values));
      plot.setRenderer(4, dots);
      legend.add(new LegendItem("Observed (±1.96 sd)", null, null, null, new Ellipse2D.Double(-4.5, -4.5, 9, 9), OBSERVED));
      double first = mine.stream().mapToDouble(Observation::year).min().orElse(0);
      double last = mine.stream().mapToDouble(Observation::year).max().orElse(0);
      var x = plot.getDomainAxis();
      x.setRange(Math.min(x.getLowerBound(), first), Math.max(x.getUpperBound(), last));
    }
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD); // prior first, then the posterior, observations on top
    plot.setFixedLegendItems(legend);
    return chart;
  }

  /** The first year from which the p95 (and so every quantile drawn) is 0 to the end; +∞ if none. */
  private static double zeroFrom(FanData fan) {
    double[] p95 = fan.band(0.95);
    double[] p5 = fan.band(0.05);
    int j = p95.length;
    while (j > 0 && p95[j - 1] == 0 && p5[j - 1] == 0) {
      j--;
    }
    return j == p95.length ? Double.POSITIVE_INFINITY : fan.years()[j];
  }

  /** A log y axis with a tick per decade. */
  private static LogAxis logAxis(String label) {
    LogAxis logAxis = ChartStyle.styled(new LogAxis(label));
    logAxis.setBase(10);
    logAxis.setTickUnit(new NumberTickUnit(1)); // one tick per decade
    logAxis.setNumberFormatOverride(new DecadeFormat());
    logAxis.setMinorTickMarksVisible(true);
    return logAxis;
  }

  /** Decades as people write them: 0.01, 1, 1,000, 100,000, then 10⁶, 10⁷ (never "1E5"). */
  static final class DecadeFormat extends NumberFormat {
    private static final long serialVersionUID = 1L;
    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    @Override
    public StringBuffer format(double v, StringBuffer to, FieldPosition pos) {
      int e = (int) Math.round(Math.log10(v));
      if (v > 0 && Math.abs(v / Math.pow(10, e) - 1) < 1e-9 && (e > 5 || e < -3)) {
        StringBuilder sup = new StringBuilder(e < 0 ? "⁻" : "");
        for (char c : Integer.toString(Math.abs(e)).toCharArray()) {
          sup.append(SUPERSCRIPTS.charAt(c - '0'));
        }
        return to.append("10").append(sup);
      }
      return to.append(e >= 0 ? String.format(Locale.ROOT, "%,.0f", v) : Numbers.compact(v));
    }

    @Override
    public StringBuffer format(long v, StringBuffer to, FieldPosition pos) {
      return format((double) v, to, pos);
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
      throw new UnsupportedOperationException("tick labels are only written");
    }
  }

  /** Observed points as labelled dots over the fan, the year axis widened to show them. */
  private static void addObserved(XYPlot plot, LegendItemCollection legend, List<Observation> mine) {
    XYSeries points = new XYSeries("Observed");
    for (Observation p : mine) {
      points.add(p.year(), p.gap());
      if (!p.label().isEmpty()) {
        XYTextAnnotation a = new XYTextAnnotation(" " + p.label(), p.year(), p.gap());
        a.setFont(SMALL);
        a.setPaint(OBSERVED);
        a.setTextAnchor(TextAnchor.BOTTOM_LEFT);
        plot.addAnnotation(a);
      }
    }
    XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
    dots.setSeriesPaint(0, OBSERVED);
    dots.setSeriesShape(0, new Ellipse2D.Double(-4.5, -4.5, 9, 9));
    plot.setDataset(1, new XYSeriesCollection(points));
    plot.setRenderer(1, dots);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    legend.add(new LegendItem("Observed", null, null, null, new Ellipse2D.Double(-4.5, -4.5, 9, 9), OBSERVED));
    double lastYear = mine.stream().mapToDouble(Observation::year).max().orElse(0);
    double firstYear = mine.stream().mapToDouble(Observation::year).min().orElse(0);
    var x = plot.getDomainAxis();
    x.setRange(Math.min(x.getLowerBound(), firstYear), Math.max(x.getUpperBound(), lastYear));
  }

  private static boolean plottable(boolean log, double lo, double mid, double hi) {
    boolean finite = Double.isFinite(lo) && Double.isFinite(mid) && Double.isFinite(hi);
    return finite && (!log || lo > 0);
  }

  /** Several specs' loss-gap fans overlaid: per spec, its 5–95 and 25–75 bands (translucent) and median. */
  public static JFreeChart compareFans(List<FanData> fans, List<String> names, String title, String footnote) {
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    DeviationRenderer renderer = new DeviationRenderer(true, false);
    renderer.setAlpha(0.22f);
    LegendItemCollection legend = new LegendItemCollection();
    int series = 0;
    for (int f = 0; f < fans.size(); f++) {
      FanData fan = fans.get(f);
      Color color = SERIES[f % SERIES.length];
      double[] median = fan.band(0.5);
      for (double[] band : new double[][] {{0.05, 0.95}, {0.25, 0.75}}) {
        double[] lo = fan.band(band[0]);
        double[] hi = fan.band(band[1]);
        YIntervalSeries s = new YIntervalSeries(names.get(f) + " " + band[0]);
        for (int j = 0; j < lo.length; j++) {
          if (plottable(false, lo[j], median[j], hi[j])) {
            s.add(fan.years()[j], median[j], lo[j], hi[j]);
          }
        }
        data.addSeries(s);
        renderer.setSeriesFillPaint(series, color);
        renderer.setSeriesPaint(series, color);
        renderer.setSeriesStroke(series, new BasicStroke(band[0] == 0.25 ? 2.2f : 0f));
        renderer.setSeriesLinesVisible(series, band[0] == 0.25); // the median line, drawn once per spec
        series++;
      }
      legend.add(new LegendItem(names.get(f) + ": median, 50% and 90% intervals", null, null, null,
          new Rectangle2D.Double(-7, -5, 14, 10), color));
    }
    NumberAxis x = axis("Year");
    x.setAutoRangeIncludesZero(false);
    x.setNumberFormatOverride(new DecimalFormat("0"));
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    double[] years = fans.get(0).years();
    x.setRange(years[0], years[years.length - 1]);
    NumberAxis y = axis(fans.get(0).metric().axisLabel());
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
    style(plot);
    plot.addRangeMarker(new ValueMarker(0, INK, new BasicStroke(0.8f)));
    plot.setFixedLegendItems(legend);
    return chart(plot, title, "Loss gap between SOTA and meek models, common random numbers", footnote);
  }
}
