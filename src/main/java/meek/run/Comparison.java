package meek.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import meek.InputException;
import meek.distributions.ParameterDistribution;
import meek.model.GapModel;
import meek.model.ScalarOutput;
import meek.sampling.Block;
import meek.sampling.BlockListener;
import meek.spec.Spec;
import meek.stats.PairedDifference;

/**
 * Several specs run with common random numbers (the same seed, N and design; each parameter draws from a
 * stream keyed by its name, so shared parameters get identical draws) and, for each pair, the distribution
 * of the paired difference of every common scalar output.
 *
 * @param runs one result per spec, in the order given
 * @param differences per pair "A − B" (spec names), per output name, the paired difference
 */
public record Comparison(List<RunResult> runs, Map<String, Map<String, PairedDifference>> differences) {

  /** The specs must share a time axis and have distinct names (the pairs are named after them). */
  public static void checkComparable(List<Spec> specs) {
    Spec first = specs.get(0);
    for (Spec s : specs.subList(1, specs.size())) {
      if (s.horizonYears() != first.horizonYears() || s.stepYears() != first.stepYears() || s.baselineYear() != first.baselineYear()) {
        throw new InputException(s.source() + ": baseline_year, horizon_years or step_years differ from " + first.source()
            + " (" + s.baselineYear() + "/" + s.horizonYears() + "/" + s.stepYears() + " vs " + first.baselineYear() + "/"
            + first.horizonYears() + "/" + first.stepYears() + "); align them so the fans share a time axis");
      }
      if (s.name().equals(first.name())) {
        throw new InputException(s.source() + ": has the same name as " + first.source() + " ('" + s.name() + "'); give each spec its own name:");
      }
    }
  }

  public static Comparison run(List<Spec> specs, RunOptions options, LongConsumer progress) {
    checkComparable(specs);
    options.keptSamples("compare"); // the pairing keeps every draw in arrays
    // every spec's draws are kept for the pairing: refuse up front what the heap cannot hold, at the spec
    // where the need peaks (its run, with the draws of those before it and its own)
    long keptBytes = 0;
    long peak = 0;
    for (Spec spec : specs) {
      GapModel model = new GapModel(spec.model());
      keptBytes += 8L * model.outputs().size() * options.samples();
      peak = Math.max(peak, keptBytes + MonteCarloRun.bytesNeeded(model, options.samples(), spec.times().length,
          options.exact(model.independentOutputs())));
    }
    MonteCarloRun.checkMemory(peak, options.samples(), true);
    Set<String> throughNormal = pairedThroughNormal(specs);
    List<RunResult> runs = new ArrayList<>();
    List<Collector> kept = new ArrayList<>();
    for (Spec spec : specs) {
      GapModel model = new GapModel(spec.model());
      Collector c = new Collector(model.outputs(), options.keptSamples("compare"));
      runs.add(MonteCarloRun.run(spec, model, options, c, progress, throughNormal));
      kept.add(c);
    }
    Map<String, Map<String, PairedDifference>> differences = new LinkedHashMap<>();
    for (int a = 0; a < specs.size(); a++) {
      for (int b = a + 1; b < specs.size(); b++) {
        Map<String, PairedDifference> byOutput = new LinkedHashMap<>();
        for (ScalarOutput o : kept.get(a).outputs) {
          int j = indexOf(kept.get(b).outputs, o.name());
          if (j < 0 || o.calendarYear()) { // a year's difference is its duration's difference
            continue;
          }
          byOutput.put(o.name(), PairedDifference.of(o, kept.get(a).values[indexOf(kept.get(a).outputs, o.name())], kept.get(b).values[j]));
        }
        differences.put(specs.get(a).name() + " − " + specs.get(b).name(), byOutput);
      }
    }
    return new Comparison(List.copyOf(runs), differences);
  }

  /**
   * The parameters that common random numbers need drawn through the normal: those two specs give laws
   * that differ and are not of one sampler family (a lognormal g_inv against a uniform one would otherwise be
   * drawn independently, Spearman ≈ 0), or that one spec correlates and another does not. Equal laws draw
   * identically, one family comonotonically, and a constant has nothing to pair.
   */
  static Set<String> pairedThroughNormal(List<Spec> specs) {
    Map<String, List<ParameterDistribution>> byName = new LinkedHashMap<>();
    for (Spec s : specs) {
      s.params().forEach((name, d) -> {
        if (!d.isConstant()) {
          byName.computeIfAbsent(name, k -> new ArrayList<>()).add(d);
        }
      });
    }
    Set<String> through = new TreeSet<>();
    byName.forEach((name, laws) -> {
      ParameterDistribution first = laws.get(0);
      for (ParameterDistribution d : laws.subList(1, laws.size())) {
        boolean same = d.describe().equals(first.describe());
        boolean family = d.samplerFamily() != null && d.samplerFamily().equals(first.samplerFamily());
        if (!same && !family) {
          through.add(name);
        }
      }
    });
    // a parameter correlated in one spec takes its copula's normal from its own stream: drawn through the
    // normal where it is not correlated, it stays paired (exactly so when it is first in its copula)
    Set<String> correlatedSomewhere = new TreeSet<>();
    specs.forEach(s -> correlatedSomewhere.addAll(s.correlations().names()));
    for (String name : correlatedSomewhere) {
      if (!specs.stream().allMatch(s -> s.correlations().names().contains(name))) {
        through.add(name);
      }
    }
    return through;
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
        System.arraycopy(b.scalars()[k], 0, values[k], (int) b.from(), b.size());
      }
    }
  }
}
