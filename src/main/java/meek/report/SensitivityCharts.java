package meek.report;

import static meek.report.ChartStyle.BANDS;
import static meek.report.ChartStyle.INK;
import static meek.report.ChartStyle.SERIES;
import static meek.report.ChartStyle.axis;
import static meek.report.ChartStyle.chart;
import static meek.report.ChartStyle.style;
import static meek.report.ChartStyle.symbols;

import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import meek.model.ScalarOutput;
import meek.run.Sensitivity;
import meek.stats.SobolIndices;
import meek.stats.Tornado;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/** The sensitivity charts: a tornado of one-at-a-time swings, and Sobol indices with their CIs. */
public final class SensitivityCharts {

  private SensitivityCharts() {}

  /**
   * A tornado chart: one row per input (largest swing on top), a bar from the base value to the output with
   * the input at its 5th percentile and another to the output at its 95th, the others at their medians.
   *
   * @param rows input labels, top row first
   * @param low the output with each input at p5 (same order)
   * @param high at p95
   * @param unit the output's unit, for the base value in the subtitle
   */
  public static JFreeChart tornado(List<String> rows, double base, double[] low, double[] high, String xLabel, String unit, String title,
      String footnote) {
    int n = rows.size();
    XYIntervalSeries lowSeries = new XYIntervalSeries("input at its 5th percentile");
    XYIntervalSeries highSeries = new XYIntervalSeries("input at its 95th percentile");
    List<String> bottomUp = new ArrayList<>(rows);
    Collections.reverse(bottomUp);
    for (int k = 0; k < n; k++) {
      int row = n - 1 - k; // the symbol axis counts from the bottom
      // a bar runs from the base to the value: both must be finite (an endless one broke the axis)
      if (Double.isFinite(low[k]) && Double.isFinite(base)) {
        lowSeries.add(row, row, row + 0.38, low[k], Math.min(base, low[k]), Math.max(base, low[k]));
      }
      if (Double.isFinite(high[k]) && Double.isFinite(base)) {
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
    renderer.setSeriesPaint(1, SERIES[1]);
    XYPlot plot = new XYPlot(data, symbols(null, bottomUp), axis(xLabel), renderer);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    style(plot);
    // the base line is explained above the plot, where no bar can hide it
    if (Double.isFinite(base)) {
      plot.addRangeMarker(new ValueMarker(base, INK, new BasicStroke(1.5f)));
    }
    String baseText = Double.isFinite(base) ? Numbers.sig(base, 3) + (unit.isEmpty() ? "" : " " + unit)
        : Double.isNaN(base) ? "not defined" : unit.equals("years") ? "never reached" : "unbounded";
    return chart(plot, title, Double.isFinite(base)
        ? "Vertical line: all inputs at their medians, " + baseText + "; each bar moves one input to its 5th or 95th percentile"
        : "No bars: with all inputs at their medians the output is " + baseText + ", so no bar can start there (sensitivity.md has the values)",
        footnote);
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
    // the whiskers' renderer would list both series again
    LegendItemCollection legend = new LegendItemCollection();
    legend.add(bars.getLegendItem(0, 0));
    legend.add(bars.getLegendItem(0, 1));
    plot.setFixedLegendItems(legend);
    return chart(plot, title, null, footnote);
  }

  /** Tornado and Sobol charts for output k, as {@code tornado_<output>} and {@code sobol_<output>} (.png and .svg). */
  public static void write(Sensitivity s, int k, Function<String, Path> file, String footnote) throws IOException {
    ScalarOutput o = s.outputs().get(k);
    String label = ChartStyle.axisLabel(o);
    if (s.tornado() != null) {
      Tornado t = s.tornado();
      Integer[] order = IntStream.range(0, s.inputs().size()).boxed()
          .sorted(Comparator.comparingDouble(i -> -SensitivityMarkdown.nanLow(t.swing(i, k)))).toArray(Integer[]::new);
      List<String> rows = new ArrayList<>();
      double[] low = new double[order.length];
      double[] high = new double[order.length];
      for (int r = 0; r < order.length; r++) {
        int i = order[r];
        rows.add(s.inputs().get(i) + " (" + Numbers.sig(t.lowInput()[i], 3) + " → " + Numbers.sig(t.highInput()[i], 3) + ")");
        low[r] = t.low()[i][k];
        high[r] = t.high()[i][k];
      }
      var chart = tornado(rows, t.base()[k], low, high, label, o.unit(), "What moves the " + o.description() + " (one at a time)", footnote);
      ChartStyle.writePng(chart, file.apply("tornado_" + o.name() + ".png"));
      ChartStyle.writeSvg(chart, file.apply("tornado_" + o.name() + ".svg"));
    }
    if (s.sobol() != null) {
      SobolIndices so = s.sobol()[k];
      var chart = sobol(s.inputs(), so.first(), so.firstLow(), so.firstHigh(), so.total(), so.totalLow(), so.totalHigh(),
          "Sobol indices of the " + o.description(), footnote + " · 95% bootstrap CIs");
      ChartStyle.writePng(chart, file.apply("sobol_" + o.name() + ".png"));
      ChartStyle.writeSvg(chart, file.apply("sobol_" + o.name() + ".svg"));
    }
  }
}
