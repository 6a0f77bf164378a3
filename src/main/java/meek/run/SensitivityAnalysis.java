package meek.run;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongConsumer;
import meek.InputException;
import meek.distributions.Correlations;
import meek.distributions.ParameterDistribution;
import meek.model.GapModel;
import meek.model.MonteCarloModel;
import meek.sampling.Block;
import meek.sampling.Design;
import meek.sampling.DrawPlan;
import meek.sampling.DrawSource;
import meek.sampling.MonteCarloEngine;
import meek.sampling.Parallel;
import meek.sampling.SaltelliDesign;
import meek.spec.Spec;
import meek.stats.RankCorrelations;
import meek.stats.SobolIndices;
import meek.stats.Tornado;

/**
 * Which uncertain inputs drive each output: rank correlations and PRCC from an ordinary run, one-at-a-time
 * swings (tornado), and Sobol indices from a Saltelli design.
 */
public final class SensitivityAnalysis {

  public enum Method { SPEARMAN, TORNADO, SOBOL }

  private final Spec spec;
  private final GapModel model;
  private final Set<Method> methods;
  private final RunOptions options;
  private final int sobolRows;
  private final int bootstrap;
  private final double[] gapYears;

  private SensitivityAnalysis(Spec spec, Set<Method> methods, RunOptions options, int sobolRows, int bootstrap, double[] gapYears) {
    this.spec = spec;
    this.model = new GapModel(spec.model());
    this.methods = methods;
    this.options = options;
    this.sobolRows = sobolRows;
    this.bootstrap = bootstrap;
    this.gapYears = gapYears.clone();
  }

  /**
   * Prepares an analysis.
   *
   * @param options samples, seed, threads and design of the ordinary run behind the rank correlations
   * @param sobolRows N of the Saltelli design (N·(d + 2) model evaluations)
   * @param bootstrap resamples for the Sobol confidence intervals
   * @param gapYears calendar years at which the loss gap is an output
   */
  public static SensitivityAnalysis of(Spec spec, Set<Method> methods, RunOptions options, int sobolRows, int bootstrap, double[] gapYears) {
    return new SensitivityAnalysis(spec, methods, options, sobolRows, bootstrap, gapYears);
  }

  /** The model evaluations it will make (for a progress bar). */
  public long work() {
    return (methods.contains(Method.SPEARMAN) ? options.samples() : 0)
        + (methods.contains(Method.SOBOL) ? (long) sobolRows * (model.parameterNames().size() + 2) : 0);
  }

  /** Bytes per draw the rank analysis keeps: every input and output, as doubles. */
  static long bytesPerDraw(int inputs, int outputs) {
    return 8L * (inputs + outputs);
  }

  public Sensitivity execute(LongConsumer progress) {
    long t0 = System.nanoTime();
    List<String> names = model.parameterNames();
    ParameterDistribution[] dists = spec.distributions(names);
    List<String> inputs = new ArrayList<>();
    List<Integer> index = new ArrayList<>();
    for (int p = 0; p < dists.length; p++) {
      if (!dists[p].isConstant()) {
        inputs.add(names.get(p));
        index.add(p);
      }
    }
    if (inputs.isEmpty()) {
      throw new InputException(spec.source() + ": every parameter is a constant, so there is nothing to rank; give at least one a distribution");
    }
    int[] driven = index.stream().mapToInt(Integer::intValue).toArray();
    SensitivityOutputs outs = new SensitivityOutputs(model, spec.baselineYear(), gapYears);
    RankCorrelations[] ranks = null;
    SobolIndices[] sobol = null;
    Tornado tornado = null;
    try (Parallel parallel = new Parallel(options.threads())) {
      if (methods.contains(Method.SPEARMAN)) {
        int n = options.keptSamples("sensitivity"); // rank correlations keep every draw in arrays
        long need = (long) n * bytesPerDraw(driven.length, outs.size());
        if (need > Runtime.getRuntime().maxMemory() * 4 / 10) {
          throw new InputException("--samples " + options.samples() + ": rank correlations keep every draw (" + need / (1 << 20)
              + " MB), more than 40% of the heap; use fewer samples (1e5 is plenty for ranking) or raise -Xmx");
        }
        DrawPlan plan = DrawPlan.of(dists, names, spec.correlations(), options.design(), MonteCarloEngine.BLOCK_SIZE);
        double[][] x = new double[driven.length][n];
        double[][] y = new double[outs.size()][n];
        evaluate(parallel, model, plan, n, options.seed(), outs, x, driven, y, progress);
        RankCorrelations[] r = new RankCorrelations[outs.size()];
        parallel.forEach(r.length, k -> r[k] = RankCorrelations.of(x, y[k]));
        ranks = r;
      }
      if (methods.contains(Method.TORNADO)) {
        double[] medians = new double[dists.length];
        for (int p = 0; p < dists.length; p++) {
          medians[p] = dists[p].median();
        }
        double[] low = new double[driven.length];
        double[] high = new double[driven.length];
        for (int k = 0; k < driven.length; k++) {
          low[k] = dists[driven[k]].quantile(Tornado.LOW);
          high[k] = dists[driven[k]].quantile(Tornado.HIGH);
        }
        tornado = Tornado.of(medians, driven, low, high, outs::evaluate);
      }
      if (methods.contains(Method.SOBOL)) {
        // the design's rows (2N arrays of every parameter) and the outputs of its N·(d + 2) points
        long need = 2L * sobolRows * (24 + 8L * dists.length) + (long) sobolRows * (driven.length + 2) * (outs.size() * 8L + 8);
        if (need > Runtime.getRuntime().maxMemory() * 4 / 10) {
          throw new InputException("--sobol-rows " + sobolRows + ": the Saltelli design needs about " + need / (1 << 20)
              + " MB, more than 40% of the heap; use fewer rows (8,192 gives indices to about ±0.01) or raise -Xmx (JAVA_OPTS=-Xmx"
              + (long) Math.ceil(need * 2.6 / 1e9) + "g)");
        }
        // independent inputs: Sobol indices are defined for them; MC rows so that the bootstrap's resampling is valid
        DrawPlan plan = DrawPlan.of(dists, names, Correlations.NONE, Design.MC, MonteCarloEngine.BLOCK_SIZE);
        SaltelliDesign design = new SaltelliDesign(plan, sobolRows, driven, options.seed());
        double[][] y = new double[outs.size()][design.points()];
        evaluate(parallel, model, design, design.points(), options.seed() + 1, outs, null, driven, y, progress);
        int d = driven.length;
        int width = design.pointsPerRow();
        SobolIndices[] s = new SobolIndices[outs.size()];
        parallel.forEach(s.length, k -> {
          double[] fA = new double[sobolRows];
          double[] fB = new double[sobolRows];
          double[][] fAB = new double[d][sobolRows];
          for (int row = 0; row < sobolRows; row++) {
            fA[row] = y[k][row * width];
            fB[row] = y[k][row * width + 1];
            for (int i = 0; i < d; i++) {
              fAB[i][row] = y[k][row * width + 2 + i];
            }
          }
          s[k] = SobolIndices.estimate(fA, fB, fAB, bootstrap, options.seed() * 31 + k);
        });
        sobol = s;
      }
    }
    return new Sensitivity(SpecSummary.of(spec), List.copyOf(inputs), outs.outputs(), options, ranks, tornado, sobol, sobolRows, bootstrap,
        !spec.correlations().isEmpty(), (System.nanoTime() - t0) / 1e9);
  }

  /** Runs the engine over n points and keeps the driven inputs (when x is not null) and every output. */
  private static void evaluate(
      Parallel parallel, MonteCarloModel model, DrawSource source, int n, long seed, SensitivityOutputs outs,
      double[][] x, int[] driven, double[][] y, LongConsumer progress) {
    ThreadLocal<SensitivityOutputs.Scratch> scratch = ThreadLocal.withInitial(() -> outs.newScratch(MonteCarloEngine.BLOCK_SIZE));
    new MonteCarloEngine(parallel).run(model, source, n, seed, (Block b) -> {
      outs.fromBlock(b, scratch.get(), y, (int) b.from());
      if (x != null) {
        for (int i = 0; i < driven.length; i++) {
          System.arraycopy(b.params()[driven[i]], 0, x[i], (int) b.from(), b.size());
        }
      }
    }, false, progress);
  }

  public static Set<Method> methods(String name) {
    return name.equals("all") ? EnumSet.allOf(Method.class) : EnumSet.of(Method.valueOf(name.toUpperCase(Locale.ROOT)));
  }
}
