package meek.run;

import java.util.ArrayList;
import java.util.List;
import meek.sampling.DrawPlan;
import meek.sampling.Parallel;
import meek.sampling.RandomStreams;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * An adaptive tempered sequential Monte Carlo sampler of the posterior (Del Moral, Doucet and Jasra 2006;
 * the adaptive tempering of Jasra et al. 2011): particles start as prior draws and the likelihood is brought
 * in as L^φ, φ from 0 to 1, each step as large as keeps the effective sample size of the incremental weights
 * at half the particles; then the particles are resampled (systematically) and moved.
 *
 * <p>The moves are preconditioned Crank–Nicolson proposals on each particle's standard-normal scores,
 * z' = √(1−β²)·z + β·ξ, pushed through each parameter's law and the copula as a run draws ({@link
 * DrawPlan#fromScores}): the proposal keeps N(0, I), so it keeps the prior without its density, and is accepted
 * with probability min(1, (L(z')/L(z))^φ). β adapts towards an acceptance of about a quarter; each stage moves
 * until the particles have accepted three moves on average (at most 30 sweeps).
 *
 * <p>The particles form {@link #ISLANDS} independent islands, each with its own random stream from the seed:
 * the islands run in parallel and their results do not depend on the thread count, and the spread of their
 * quantiles gives honest Monte Carlo intervals (batch means) for the pooled posterior.
 */
final class TemperedSmc {

  /** Independent sub-populations: a fixed number, so that results do not depend on threads. */
  static final int ISLANDS = 16;

  private static final double TARGET_ACCEPTANCE = 0.25;
  private static final int MAX_SWEEPS = 30;
  private static final double ACCEPTED_MOVES = 3;

  /** One tempering step of one island. */
  record Stage(double temperature, double ess, double acceptance, int sweeps) {}

  /**
   * The final particles, equally weighted, island by island ({@code islandStart[g]} is island g's first).
   *
   * @param stages each island's steps
   */
  record Particles(double[][] params, double[][] scalars, double[][] state, double[][] gaps, double[] logLikelihood,
      byte[] outcomes, int[] islandStart, List<List<Stage>> stages) {

    /** Kish's ESS of the last reweighting, summed over the islands (before the last resampling and moves). */
    double finalEss() {
      double sum = 0;
      for (List<Stage> s : stages) {
        sum += s.get(s.size() - 1).ess();
      }
      return sum;
    }

    /** The largest number of steps an island took. */
    int maxStages() {
      return stages.stream().mapToInt(List::size).max().orElse(0);
    }
  }

  private final DrawPlan plan;
  private final ObservedGaps observed;
  private final int parameters;
  private final int outputs;
  private final int width;
  /** Whether each parameter is drawn (has a score to move) rather than a constant. */
  private final boolean[] drawn;

  TemperedSmc(DrawPlan plan, ObservedGaps observed, int outputs, int stateWidth) {
    this.plan = plan;
    this.observed = observed;
    this.parameters = plan.names().size();
    this.outputs = outputs;
    this.width = stateWidth;
    this.drawn = new boolean[parameters];
    for (int p = 0; p < parameters; p++) {
      drawn[p] = plan.drawn(p);
    }
  }

  /** Runs n particles from the seed. */
  Particles run(int n, long seed, Parallel parallel) {
    int[] start = new int[ISLANDS];
    for (int g = 0; g < ISLANDS; g++) {
      start[g] = (int) ((long) n * g / ISLANDS);
    }
    double[][] params = new double[parameters][n];
    double[][] scalars = new double[outputs][n];
    double[][] state = new double[width][n];
    double[][] gaps = new double[observed.count()][n];
    double[] logLik = new double[n];
    byte[] outcomes = new byte[n];
    List<List<Stage>> stages = new ArrayList<>();
    for (int g = 0; g < ISLANDS; g++) {
      stages.add(null);
    }
    parallel.forEach(ISLANDS, g -> {
      int from = start[g];
      int to = g + 1 < ISLANDS ? start[g + 1] : n;
      Island island = new Island(to - from, RandomStreams.forParameter(seed, "calibrate.smc.island." + g));
      stages.set(g, island.run());
      island.write(from, params, scalars, state, gaps, logLik, outcomes);
    });
    return new Particles(params, scalars, state, gaps, logLik, outcomes, start, List.copyOf(stages));
  }

  private final class Island {
    final int n;
    final UniformRandomProvider rng;
    final ZigguratSampler.NormalizedGaussian gauss;
    final ObservedGaps.Worker worker;
    double[][] z;
    double[][] x;
    double[] logLik;
    double[][] proposalZ;
    double[][] proposalX;
    double[] proposalLogLik;
    final double[][] gaps;
    final double[] scratch;
    double beta = 0.5;

    Island(int n, UniformRandomProvider rng) {
      this.n = n;
      this.rng = rng;
      this.gauss = ZigguratSampler.NormalizedGaussian.of(rng);
      this.worker = observed.newWorker(Math.max(1, n));
      z = new double[n][parameters];
      x = new double[n][parameters];
      logLik = new double[n];
      proposalZ = new double[n][parameters];
      proposalX = new double[n][parameters];
      proposalLogLik = new double[n];
      gaps = new double[observed.count()][n];
      scratch = new double[parameters];
    }

    List<Stage> run() {
      for (int i = 0; i < n; i++) {
        for (int p = 0; p < parameters; p++) {
          z[i][p] = drawn[p] ? gauss.sample() : 0;
        }
        plan.fromScores(z[i], x[i], scratch);
      }
      worker.evaluate(x, n, logLik, gaps, null, null, null);
      List<Stage> stages = new ArrayList<>();
      double phi = 0;
      while (phi < 1) {
        double next = nextTemperature(phi);
        double[] w = weights(next - phi);
        double ess = meek.stats.ParetoSmoothing.ess(w);
        resample(w);
        phi = next;
        double[] moved = move(phi);
        stages.add(new Stage(phi, ess, moved[0], (int) moved[1]));
        if (stages.size() > 10_000) {
          throw new IllegalStateException("tempering did not reach the posterior in 10,000 steps");
        }
      }
      return stages;
    }

    /** The largest temperature in (φ, 1] whose incremental weights keep an ESS of half the live particles. */
    private double nextTemperature(double phi) {
      int live = 0;
      for (double l : logLik) {
        if (l > Double.NEGATIVE_INFINITY) {
          live++;
        }
      }
      if (live == 0) { // the prior's own draws had some: this island's are too few for so precise an observation
        throw new meek.InputException("one of the SMC sampler's " + ISLANDS + " islands drew no particle with a positive likelihood among its "
            + n + ": under the prior such draws are rare (e.g. a log-scale reading where most draws' gap is 0); raise --samples, or"
            + " try --method importance");
      }
      double target = live / 2.0;
      if (meek.stats.ParetoSmoothing.ess(weights(1 - phi)) >= target) {
        return 1;
      }
      // the ESS falls as the step grows: Brent's method on ESS(step) − target over (0, 1 − φ]
      double step = new BrentSolver(1e-12 * (1 - phi), 1e-14)
          .solve(200, s -> meek.stats.ParetoSmoothing.ess(weights(s)) - target, 0, 1 - phi);
      return Math.min(1, phi + Math.max(step, 1e-12));
    }

    /** exp(step·(ℓ − max ℓ)) for each particle. */
    private double[] weights(double step) {
      double max = Double.NEGATIVE_INFINITY;
      for (double l : logLik) {
        max = Math.max(max, l);
      }
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        w[i] = logLik[i] == Double.NEGATIVE_INFINITY ? 0 : Math.exp(step * (logLik[i] - max));
      }
      return w;
    }

    /** Systematic resampling ({@link Calibration#resample}): each particle copied as often as it was drawn. */
    private void resample(double[] w) {
      int[] copies = Calibration.resample(w, n, rng);
      for (int source = 0, i = 0; source < n; source++) {
        for (int c = 0; c < copies[source]; c++, i++) {
          System.arraycopy(z[source], 0, proposalZ[i], 0, parameters);
          System.arraycopy(x[source], 0, proposalX[i], 0, parameters);
          proposalLogLik[i] = logLik[source];
        }
      }
      swap();
    }

    /** Makes the proposal arrays the current ones (and the current ones the next proposals' room). */
    private void swap() {
      double[][] t = z;
      z = proposalZ;
      proposalZ = t;
      t = x;
      x = proposalX;
      proposalX = t;
      double[] l = logLik;
      logLik = proposalLogLik;
      proposalLogLik = l;
    }

    /** pCN sweeps at temperature φ until three accepted moves a particle on average; returns {mean acceptance, sweeps}. */
    private double[] move(double phi) {
      double accepted = 0;
      int sweeps = 0;
      double acceptanceSum = 0;
      while (sweeps < MAX_SWEEPS && (sweeps < 1 || accepted < ACCEPTED_MOVES)) {
        double keep = Math.sqrt(1 - beta * beta);
        for (int i = 0; i < n; i++) {
          for (int p = 0; p < parameters; p++) {
            proposalZ[i][p] = drawn[p] ? keep * z[i][p] + beta * gauss.sample() : 0;
          }
          plan.fromScores(proposalZ[i], proposalX[i], scratch);
        }
        worker.evaluate(proposalX, n, proposalLogLik, gaps, null, null, null);
        int yes = 0;
        for (int i = 0; i < n; i++) {
          double logRatio = phi * (proposalLogLik[i] - logLik[i]);
          // (a proposal of zero likelihood is never taken; one from a zero-likelihood particle always is)
          boolean take = proposalLogLik[i] > Double.NEGATIVE_INFINITY
              && (logLik[i] == Double.NEGATIVE_INFINITY || logRatio >= 0 || Math.log(rng.nextDouble()) < logRatio);
          if (take) {
            double[] t = z[i];
            z[i] = proposalZ[i];
            proposalZ[i] = t;
            double[] tx = x[i];
            x[i] = proposalX[i];
            proposalX[i] = tx;
            logLik[i] = proposalLogLik[i];
            yes++;
          }
        }
        double rate = (double) yes / Math.max(1, n);
        accepted += rate;
        acceptanceSum += rate;
        sweeps++;
        // towards a quarter accepted: smaller steps when few are, larger when many
        beta = Math.min(1, Math.max(1e-4, beta * Math.exp(rate - TARGET_ACCEPTANCE)));
      }
      return new double[] {acceptanceSum / sweeps, sweeps};
    }

    /** Evaluates the final particles in full and writes them at {@code from}. */
    void write(int from, double[][] params, double[][] scalars, double[][] state, double[][] gapsOut, double[] logLikOut, byte[] outcomes) {
      double[][] s = new double[outputs][n];
      double[][] st = new double[width][n];
      double[] l = new double[n];
      byte[] o = new byte[n];
      worker.evaluate(x, n, l, gaps, s, st, o);
      System.arraycopy(o, 0, outcomes, from, n);
      for (int i = 0; i < n; i++) {
        for (int p = 0; p < parameters; p++) {
          params[p][from + i] = x[i][p];
        }
        logLikOut[from + i] = l[i];
      }
      for (int c = 0; c < outputs; c++) {
        System.arraycopy(s[c], 0, scalars[c], from, n);
      }
      for (int c = 0; c < width; c++) {
        System.arraycopy(st[c], 0, state[c], from, n);
      }
      for (int j = 0; j < gaps.length; j++) {
        System.arraycopy(gaps[j], 0, gapsOut[j], from, n);
      }
    }
  }
}
