package meek.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import meek.report.Charts;

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
    var chart = Charts.throughput(series, "Monte Carlo throughput with the 121-point fan", args.length > 2 ? args[2] : "");
    Charts.writePng(chart, Path.of(args[1]));
  }
}
