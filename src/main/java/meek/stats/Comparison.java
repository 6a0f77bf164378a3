package meek.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import meek.model.ScalarOutput;
import meek.model.GapModel;
import meek.sampling.Block;
import meek.sampling.BlockListener;
import meek.spec.Spec;
import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * Several specs run with common random numbers (the same seed, N and design; each parameter draws from a
 * stream keyed by its name, so shared parameters get identical draws) and, for each pair, the distribution
 * of the paired difference of every common scalar output.
 *
 * @param runs one result per spec, in the order given
 * @param differences per pair "A − B" (spec names), per output, the paired difference
 */
public record Comparison(List<RunResult> runs, Map<String, Map<String, Difference>> differences) {

  /**
   * The paired difference A − B of one output over the draws where both exist.
   *
   * @param summary its quantiles (with confidence intervals), mean and sd
   * @param bothNever draws where both are +∞ ("never"), left out
   * @param pAGreater the share of draws with A &gt; B
   * @param pLower lower end of its exact 95% (Clopper–Pearson) interval
   * @param pUpper upper end
   */
  public record Difference(OutputSummary summary, long bothNever, double pAGreater, double pLower, double pUpper) {}

  public static Comparison run(List<Spec> specs, RunOptions options, LongConsumer progress) {
    List<RunResult> runs = new ArrayList<>();
    List<Collector> kept = new ArrayList<>();
    for (Spec spec : specs) {
      GapModel model = new GapModel(spec.model());
      Collector c = new Collector(model.outputs(), options.samples());
      runs.add(Analysis.run(spec, model, options, c, progress));
      kept.add(c);
    }
    Map<String, Map<String, Difference>> differences = new LinkedHashMap<>();
    for (int a = 0; a < specs.size(); a++) {
      for (int b = a + 1; b < specs.size(); b++) {
        Map<String, Difference> byOutput = new LinkedHashMap<>();
        for (ScalarOutput o : kept.get(a).outputs) {
          int j = indexOf(kept.get(b).outputs, o.name());
          if (j < 0 || o.calendarYear()) { // a year's difference is its duration's difference
            continue;
          }
          byOutput.put(o.name(), difference(o, kept.get(a).values[indexOf(kept.get(a).outputs, o.name())], kept.get(b).values[j]));
        }
        differences.put(specs.get(a).name() + " − " + specs.get(b).name(), byOutput);
      }
    }
    return new Comparison(List.copyOf(runs), differences);
  }

  /** The paired difference of two columns of per-draw values. */
  static Difference difference(ScalarOutput output, double[] a, double[] b) {
    double[] d = new double[a.length];
    long bothNever = 0;
    long defined = 0;
    long greater = 0;
    for (int i = 0; i < a.length; i++) {
      double x = a[i];
      double y = b[i];
      if (Double.isNaN(x) || Double.isNaN(y)) {
        d[i] = Double.NaN;
        continue;
      }
      if (x == Double.POSITIVE_INFINITY && y == Double.POSITIVE_INFINITY) {
        bothNever++;
        d[i] = Double.NaN;
        continue;
      }
      d[i] = x - y;
      defined++;
      if (x > y) {
        greater++;
      }
    }
    ScalarOutput name = new ScalarOutput(output.name(), output.unit(), "difference in " + output.description(), false);
    OutputSummary summary = QuantileSummarizer.summarize(name, d);
    double p = defined == 0 ? Double.NaN : (double) greater / defined;
    double lo = greater == 0 ? 0 : BetaDistribution.of(greater, defined - greater + 1).inverseCumulativeProbability(0.025);
    double hi = greater == defined ? 1 : BetaDistribution.of(greater + 1, defined - greater).inverseCumulativeProbability(0.975);
    return new Difference(summary, bothNever, p, defined == 0 ? Double.NaN : lo, defined == 0 ? Double.NaN : hi);
  }

  private static int indexOf(List<ScalarOutput> outputs, String name) {
    for (int i = 0; i < outputs.size(); i++) {
      if (outputs.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Keeps every draw's scalars in sample order (the run's own columns get reordered by its summaries). */
  static final class Collector implements BlockListener {
    final List<ScalarOutput> outputs;
    final double[][] values;

    Collector(List<ScalarOutput> outputs, int n) {
      this.outputs = outputs;
      this.values = new double[outputs.size()][n];
    }

    @Override
    public void block(Block b) {
      for (int k = 0; k < values.length; k++) {
        System.arraycopy(b.scalars()[k], 0, values[k], b.from(), b.size());
      }
    }
  }
}
