package meek.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.font.FontRenderContext;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import meek.model.ScalarOutput;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/**
 * The look every chart shares, for papers: 800×500-point layout, one palette and set of fonts, titles left,
 * legend and footnote below. PNGs are rendered at twice that resolution so they stay sharp when pasted;
 * SVGs are vector (JFreeSVG). The charts themselves are in {@link FanCharts}, {@link HistogramChart},
 * {@link SensitivityCharts}, {@link ForestChart} and {@link FitChart}.
 */
public final class ChartStyle {

  public static final int WIDTH = 800;
  public static final int HEIGHT = 500;
  public static final Color INK = new Color(0x20, 0x20, 0x20);
  static final Color GRID = new Color(0xdd, 0xdd, 0xdd);
  /** Light to dark: wider bands are lighter, as in a Bank of England fan chart. */
  static final Color[] BANDS = {new Color(0xc6dbef), new Color(0x9ecae1), new Color(0x4a98c9)};
  static final Color MEDIAN = new Color(0x08306b);
  static final Color OBSERVED = new Color(0xc0392b);
  /** One colour per spec or tool, in order. */
  public static final Color[] SERIES = {new Color(0x2166ac), new Color(0xd95f02), new Color(0x1b9e77), new Color(0x7570b3)};
  static final Font TITLE = new Font("SansSerif", Font.BOLD, 17);
  public static final Font LABEL = new Font("SansSerif", Font.PLAIN, 13);
  static final Font SMALL = new Font("SansSerif", Font.PLAIN, 10);

  private ChartStyle() {}

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

  /**
   * Where a chart's data lie in its SVG: the plot area's edges (SVG units) and the x axis's range over them,
   * so that report.html can turn a pointer's position into a year.
   */
  public record PlotArea(double left, double right, double top, double bottom, double xLower, double xUpper) {}

  /** Writes the chart as SVG and says where its plot area is (x axis of an XY plot; NaN for other plots). */
  public static PlotArea writeSvg(JFreeChart chart, Path file) throws IOException {
    SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, HEIGHT);
    // JFreeSVG's default id prefix is time-based, which made identical runs write different files; the file
    // name in it also keeps the ids of several charts apart when report.html puts them in one page
    g2.setDefsKeyPrefix("meek-" + file.getFileName().toString().replaceAll("[^A-Za-z0-9_-]", "_") + "-");
    ChartRenderingInfo info = new ChartRenderingInfo();
    chart.draw(g2, new Rectangle(0, 0, WIDTH, HEIGHT), info);
    SVGUtils.writeToSVG(file.toFile(), g2.getSVGElement());
    Rectangle2D area = info.getPlotInfo().getDataArea();
    if (chart.getPlot() instanceof XYPlot xy) {
      return new PlotArea(area.getMinX(), area.getMaxX(), area.getMinY(), area.getMaxY(),
          xy.getDomainAxis().getLowerBound(), xy.getDomainAxis().getUpperBound());
    }
    return new PlotArea(area.getMinX(), area.getMaxX(), area.getMinY(), area.getMaxY(), Double.NaN, Double.NaN);
  }

  /**
   * An output's axis label with its unit: "time of the peak loss gap (t*, years)" when the description ends
   * in a parenthesis, "peak gap (nats)" otherwise.
   */
  public static String axisLabel(ScalarOutput o) {
    String d = o.description();
    if (o.unit().isEmpty()) {
      return d;
    }
    return d.endsWith(")") ? d.substring(0, d.length() - 1) + ", " + o.unit() + ")" : d + " (" + o.unit() + ")";
  }

  /** The font, made smaller (down to {@code smallest} points) until the text fits on one line of the chart. */
  static Font fitted(String text, Font font, int smallest) {
    FontRenderContext frc = new FontRenderContext(null, true, true);
    Font f = font;
    while (f.getSize() > smallest && f.getStringBounds(text, frc).getWidth() > WIDTH - 30) {
      f = f.deriveFont((float) (f.getSize() - 1));
    }
    return f;
  }

  public static JFreeChart chart(XYPlot plot, String title, String subtitle, String footnote) {
    JFreeChart chart = new JFreeChart(title, fitted(title, TITLE, 12), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setPaint(INK);
    chart.getTitle().setHorizontalAlignment(HorizontalAlignment.LEFT);
    chart.getTitle().setTextAlignment(HorizontalAlignment.LEFT); // a title too long even so wraps flush left
    chart.getTitle().setMargin(8, 12, 0, 8);
    if (subtitle != null && !subtitle.isEmpty()) {
      TextTitle sub = new TextTitle(subtitle, fitted(subtitle, LABEL, 11));
      sub.setPaint(new Color(0x55, 0x55, 0x55));
      sub.setHorizontalAlignment(HorizontalAlignment.LEFT);
      sub.setTextAlignment(HorizontalAlignment.LEFT);
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

  public static void style(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    plot.setDomainGridlinePaint(GRID);
    plot.setRangeGridlinePaint(GRID);
    plot.setDomainGridlineStroke(new BasicStroke(0.6f));
    plot.setRangeGridlineStroke(new BasicStroke(0.6f));
    plot.setAxisOffset(new RectangleInsets(4, 4, 4, 4));
  }

  /** A number axis in the house style. */
  public static NumberAxis axis(String label) {
    return styled(new NumberAxis(label));
  }

  /** Any axis in the house style: its fonts and ink. */
  public static <A extends Axis> A styled(A a) {
    a.setLabelFont(LABEL);
    a.setTickLabelFont(LABEL);
    a.setLabelPaint(INK);
    a.setTickLabelPaint(INK);
    a.setAxisLinePaint(INK);
    return a;
  }

  /** Axis of named rows or columns: position k shows names[k]. */
  public static SymbolAxis symbols(String label, List<String> names) {
    SymbolAxis a = styled(new SymbolAxis(label, names.toArray(String[]::new)));
    a.setGridBandsVisible(false);
    return a;
  }
}
