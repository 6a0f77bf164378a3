package meek.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Collections;
import java.util.ArrayList;
import java.util.Map;
import java.awt.geom.Ellipse2D;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import meek.spec.ObservedPoints;
import meek.stats.FanData;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import meek.stats.OutputSummary;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/**
 * Charts for papers: a fan chart of the gap over calendar years and a histogram of t*. Laid out at 800×500
 * points; PNGs are rendered at twice that resolution so they stay sharp when pasted.
 */
public final class Charts {

  static final int WIDTH = 800;
  static final int HEIGHT = 500;
  private static final Color INK = new Color(0x20, 0x20, 0x20);
  private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);
  /** Light to dark: wider bands are lighter, as in a Bank of England fan chart. */
  private static final Color[] BANDS = {new Color(0xc6dbef), new Color(0x9ecae1), new Color(0x4a98c9)};
  private static final Color MEDIAN = new Color(0x08306b);
  private static final Color OBSERVED = new Color(0xc0392b);
  private static final Font TITLE = new Font("SansSerif", Font.BOLD, 17);
  private static final Font LABEL = new Font("SansSerif", Font.PLAIN, 13);
  private static final Font SMALL = new Font("SansSerif", Font.PLAIN, 10);

  private Charts() {}

  /**
   * The fan chart: bands p5–p95, p10–p90, p25–p75 and the median, over calendar years. Steps where a band
   * is not finite (tokens at t = 0: infinitely many) or, on a log axis, not positive are left out.
   */
  public static JFreeChart fan(FanData fan, String title, String yLabel, String footnote) {
    return fan(fan, title, yLabel, footnote, List.of());
  }

  /** The fan chart with observed points (those of this fan's metric) drawn over it, labelled. */
  public static JFreeChart fan(FanData fan, String title, String yLabel, String footnote, List<ObservedPoints.Point> observed) {
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
    x.setRange(fan.years()[0], fan.years()[fan.years().length - 1]);
    org.jfree.chart.axis.ValueAxis y;
    if (log) {
      LogAxis logAxis = new LogAxis(yLabel);
      logAxis.setLabelFont(LABEL);
      logAxis.setTickLabelFont(LABEL);
      logAxis.setLabelPaint(INK);
      logAxis.setTickLabelPaint(INK);
      logAxis.setAxisLinePaint(INK);
      logAxis.setBase(10);
      logAxis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1)); // one tick per decade
      logAxis.setNumberFormatOverride(new DecimalFormat("0E0"));
      logAxis.setMinorTickMarksVisible(true);
      y = logAxis;
    } else {
      y = axis(yLabel);
    }
    XYPlot plot = new XYPlot(data, x, y, renderer);
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
    List<ObservedPoints.Point> mine = observed.stream().filter(p -> p.metric() == fan.metric()).toList();
    if (!mine.isEmpty()) {
      XYSeries points = new XYSeries("Observed");
      for (ObservedPoints.Point p : mine) {
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
      double lastYear = mine.stream().mapToDouble(ObservedPoints.Point::year).max().orElse(0);
      double firstYear = mine.stream().mapToDouble(ObservedPoints.Point::year).min().orElse(0);
      x.setRange(Math.min(x.getLowerBound(), firstYear), Math.max(x.getUpperBound(), lastYear));
    }
    plot.setFixedLegendItems(legend);
    return chart(plot, title, fan.metric().subtitle(), footnote);
  }

  private static boolean plottable(boolean log, double lo, double mid, double hi) {
    boolean finite = Double.isFinite(lo) && Double.isFinite(mid) && Double.isFinite(hi);
    return finite && (!log || lo > 0);
  }

  /** A histogram of finite values between their 0.5th and 99.5th percentiles, median and 90% interval marked. */
  public static JFreeChart histogram(
      OutputSummary summary, double[] finite, String title, String xLabel, String footnote) {
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
    if (summary.n() > 0) {
      IntervalMarker ninety = new IntervalMarker(summary.at(0.05).value(), summary.at(0.95).value());
      ninety.setPaint(new Color(0x08, 0x30, 0x6b, 0x22));
      ninety.setLabel("90% interval " + Numbers.sig(summary.at(0.05).value(), 3) + "–" + Numbers.sig(summary.at(0.95).value(), 3));
      ninety.setLabelFont(SMALL);
      ninety.setLabelBackgroundColor(new Color(255, 255, 255, 0));
      ninety.setLabelAnchor(RectangleAnchor.TOP_LEFT);
      ninety.setLabelTextAnchor(TextAnchor.TOP_LEFT);
      ninety.setLabelOffset(new RectangleInsets(4, 4, 4, 4));
      plot.addDomainMarker(ninety, org.jfree.chart.ui.Layer.BACKGROUND);
      ValueMarker med = new ValueMarker(summary.at(0.5).value(), MEDIAN, new BasicStroke(2f));
      med.setLabel("median " + Numbers.sig(summary.at(0.5).value(), 3));
      med.setLabelFont(SMALL);
      med.setLabelBackgroundColor(new Color(255, 255, 255, 200));
      med.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
      med.setLabelTextAnchor(TextAnchor.TOP_LEFT);
      med.setLabelOffset(new RectangleInsets(18, 4, 4, 4));
      plot.addDomainMarker(med);
    }
    JFreeChart chart = chart(plot, title, null, footnote);
    chart.removeLegend();
    return chart;
  }

  private static final Color[] SPEC_COLORS = {new Color(0x2166ac), new Color(0xd95f02), new Color(0x1b9e77), new Color(0x7570b3)};

  /** Several specs' loss-gap fans overlaid: per spec, its 5–95 and 25–75 bands (translucent) and median. */
  public static JFreeChart compareFans(List<FanData> fans, List<String> names, String title, String footnote) {
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    DeviationRenderer renderer = new DeviationRenderer(true, false);
    renderer.setAlpha(0.22f);
    LegendItemCollection legend = new LegendItemCollection();
    int series = 0;
    for (int f = 0; f < fans.size(); f++) {
      FanData fan = fans.get(f);
      Color color = SPEC_COLORS[f % SPEC_COLORS.length];
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

  /** Data points (score against loss) with the fitted sigmoid drawn through them. */
  public static JFreeChart sigmoidFit(double[] loss, double[] score, List<String> labels, meek.stats.SigmoidFit.Result fit, String title, String footnote) {
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
      curve.add(l, 100 * meek.model.BenchmarkMap.score(l, c[0], c[1], c[2], c[3], 1));
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

  /**
   * Throughput against N on log-log axes, one line per tool (bench/peers.py): draws per second of compute.
   *
   * @param series tool name → {N values, draws per second}, in the order to draw
   */
  public static JFreeChart throughput(Map<String, double[][]> series, String title, String footnote) {
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
      r.setSeriesPaint(i, SPEC_COLORS[i % SPEC_COLORS.length]);
      r.setSeriesStroke(i, new BasicStroke(2.2f));
    }
    LogAxis x = new LogAxis("Samples N");
    LogAxis y = new LogAxis("Draws per second of compute (higher is better)");
    for (LogAxis a : List.of(x, y)) {
      a.setLabelFont(LABEL);
      a.setTickLabelFont(LABEL);
      a.setLabelPaint(INK);
      a.setTickLabelPaint(INK);
      a.setBase(10);
      a.setNumberFormatOverride(new DecimalFormat("0.#E0"));
    }
    XYPlot plot = new XYPlot(data, x, y, r);
    style(plot);
    return chart(plot, title, null, footnote);
  }

  /** Axis of named rows or columns: position k shows names[k]. */
  private static SymbolAxis symbols(String label, List<String> names) {
    SymbolAxis a = new SymbolAxis(label, names.toArray(String[]::new));
    a.setLabelFont(LABEL);
    a.setTickLabelFont(LABEL);
    a.setLabelPaint(INK);
    a.setTickLabelPaint(INK);
    a.setAxisLinePaint(INK);
    a.setGridBandsVisible(false);
    return a;
  }

  /**
   * A tornado chart: one row per input (largest swing on top), a bar from the base value to the output with
   * the input at its 5th percentile and another to the output at its 95th, the others at their medians.
   *
   * @param rows input labels, top row first
   * @param low the output with each input at p5 (same order)
   * @param high at p95
   */
  public static JFreeChart tornado(List<String> rows, double base, double[] low, double[] high, String xLabel, String title, String footnote) {
    int n = rows.size();
    XYIntervalSeries lowSeries = new XYIntervalSeries("input at its 5th percentile");
    XYIntervalSeries highSeries = new XYIntervalSeries("input at its 95th percentile");
    List<String> bottomUp = new ArrayList<>(rows);
    Collections.reverse(bottomUp);
    for (int k = 0; k < n; k++) {
      int row = n - 1 - k; // the symbol axis counts from the bottom
      if (Double.isFinite(low[k])) {
        lowSeries.add(row, row, row + 0.38, low[k], Math.min(base, low[k]), Math.max(base, low[k]));
      }
      if (Double.isFinite(high[k])) {
        highSeries.add(row, row - 0.38, row, high[k], Math.min(base, high[k]), Math.max(base, high[k]));
      }
    }
    XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
    data.addSeries(lowSeries);
    data.addSeries(highSeries);
    XYBarRenderer renderer = new XYBarRenderer();
    renderer.setUseYInterval(true);
    renderer.setBarPainter(new StandardXYBarPainter());
    renderer.setShadowVisible(false);
    renderer.setSeriesPaint(0, BANDS[1]);
    renderer.setSeriesPaint(1, SPEC_COLORS[1]);
    XYPlot plot = new XYPlot(data, symbols(null, bottomUp), axis(xLabel), renderer);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    style(plot);
    ValueMarker at = new ValueMarker(base, INK, new BasicStroke(1.5f));
    at.setLabel("all inputs at their medians: " + Numbers.sig(base, 3));
    at.setLabelFont(SMALL);
    at.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
    at.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
    at.setLabelBackgroundColor(new Color(255, 255, 255, 220));
    plot.addRangeMarker(at);
    return chart(plot, title, null, footnote);
  }

  /**
   * Sobol indices as bars with their 95% confidence intervals as error bars: first-order and total side by
   * side for each input. Negative estimates are drawn below zero, as they are.
   */
  public static JFreeChart sobol(List<String> inputs, double[] first, double[] firstLow, double[] firstHigh,
      double[] total, double[] totalLow, double[] totalHigh, String title, String footnote) {
    XYIntervalSeries s1 = new XYIntervalSeries("first-order S");
    XYIntervalSeries st = new XYIntervalSeries("total ST");
    for (int k = 0; k < inputs.size(); k++) {
      if (Double.isFinite(first[k])) {
        s1.add(k - 0.19, k - 0.36, k - 0.02, first[k], firstLow[k], firstHigh[k]);
      }
      if (Double.isFinite(total[k])) {
        st.add(k + 0.19, k + 0.02, k + 0.36, total[k], totalLow[k], totalHigh[k]);
      }
    }
    XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
    data.addSeries(s1);
    data.addSeries(st);
    XYBarRenderer bars = new XYBarRenderer();
    bars.setBarPainter(new StandardXYBarPainter());
    bars.setShadowVisible(false);
    bars.setSeriesPaint(0, BANDS[1]);
    bars.setSeriesPaint(1, BANDS[2]);
    XYErrorRenderer whiskers = new XYErrorRenderer();
    whiskers.setDrawXError(false);
    whiskers.setDefaultShapesVisible(false);
    whiskers.setDefaultLinesVisible(false);
    whiskers.setErrorPaint(INK);
    whiskers.setErrorStroke(new BasicStroke(1.3f));
    whiskers.setCapLength(6);
    whiskers.setSeriesVisibleInLegend(0, false);
    whiskers.setSeriesVisibleInLegend(1, false);
    NumberAxis y = axis("Sobol index (share of the output's variance)");
    XYPlot plot = new XYPlot(data, symbols(null, inputs), y, bars);
    plot.setDataset(1, data);
    plot.setRenderer(1, whiskers);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    style(plot);
    plot.addRangeMarker(new ValueMarker(0, INK, new BasicStroke(1f)));
    return chart(plot, title, null, footnote);
  }

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

  /**
   * Runs chart-writing tasks on a small pool (one thread per core, at most the number of tasks) and waits
   * for all; the first failure is rethrown.
   */
  public static void renderAll(List<Callable<Void>> tasks) throws IOException {
    int threads = Math.max(1, Math.min(tasks.size(), Runtime.getRuntime().availableProcessors()));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (Future<Void> f : pool.invokeAll(tasks)) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing charts", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  public static void writePng(JFreeChart chart, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      ChartUtils.writeScaledChartAsPNG(out, chart, WIDTH, HEIGHT, 2, 2);
    }
  }

  public static void writeSvg(JFreeChart chart, Path file) throws IOException {
    SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, HEIGHT);
    // JFreeSVG's default id prefix is time-based, which made identical runs write different files
    g2.setDefsKeyPrefix("meek-" + file.getFileName().toString().replaceAll("[^A-Za-z0-9_-]", "_") + "-");
    chart.draw(g2, new Rectangle(0, 0, WIDTH, HEIGHT));
    SVGUtils.writeToSVG(file.toFile(), g2.getSVGElement());
  }

  private static JFreeChart chart(XYPlot plot, String title, String subtitle, String footnote) {
    JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setPaint(INK);
    chart.getTitle().setHorizontalAlignment(HorizontalAlignment.LEFT);
    chart.getTitle().setMargin(8, 12, 0, 8);
    if (subtitle != null) {
      TextTitle sub = new TextTitle(subtitle, LABEL);
      sub.setPaint(new Color(0x55, 0x55, 0x55));
      sub.setHorizontalAlignment(HorizontalAlignment.LEFT);
      sub.setMargin(2, 12, 4, 8);
      chart.addSubtitle(sub);
    }
    LegendTitle legend = chart.getLegend();
    if (legend != null) {
      legend.setItemFont(LABEL);
      legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
      legend.setPosition(RectangleEdge.BOTTOM);
    }
    TextTitle foot = new TextTitle(footnote, SMALL);
    foot.setPosition(RectangleEdge.BOTTOM);
    foot.setHorizontalAlignment(HorizontalAlignment.RIGHT);
    foot.setPaint(new Color(0x66, 0x66, 0x66));
    foot.setMargin(4, 8, 6, 12);
    chart.addSubtitle(foot);
    return chart;
  }

  private static void style(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    plot.setDomainGridlinePaint(GRID);
    plot.setRangeGridlinePaint(GRID);
    plot.setDomainGridlineStroke(new BasicStroke(0.6f));
    plot.setRangeGridlineStroke(new BasicStroke(0.6f));
    plot.setAxisOffset(new RectangleInsets(4, 4, 4, 4));
  }

  private static NumberAxis axis(String label) {
    NumberAxis a = new NumberAxis(label);
    a.setLabelFont(LABEL);
    a.setTickLabelFont(LABEL);
    a.setLabelPaint(INK);
    a.setTickLabelPaint(INK);
    a.setAxisLinePaint(INK);
    return a;
  }
}
