package meek.sampling;

import java.util.List;
import java.util.Set;
import meek.distributions.Correlations;
import meek.distributions.ParameterDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RectangularCholeskyDecomposition;
import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * How each block turns its random stream into parameter draws: the design (independent, Latin hypercube or
 * Sobol uniforms), a Gaussian copula for correlated parameters, and each parameter's exact quantile
 * function. Every block is an independent replicate of the design, so batch means across blocks measure
 * precision for any design, and block b's draws depend only on stream b.
 *
 * <p>Plain Monte Carlo without correlations keeps each distribution's own sampler (ziggurat where the
 * library has one): the fast path.
 */
public final class DrawPlan implements DrawSource {

  private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);
  /** Keeps uniforms off 0 and 1, where a quantile function may be infinite (probability 2^-53 events). */
  private static final double EDGE = 0x1p-54;

  private final ParameterDistribution[] dists;
  private final List<String> names;
  private final Design design;
  /** Parameters drawn through the copula, in the copula's order; their rows of the root matrix. */
  private final int[] correlated;
  private final double[][] root;
  /** For LHS and Sobol: the non-constant parameters, each driven by one coordinate of the design. */
  private final int[] driven;
  private final double[][] sobol;
  /** Parameters drawn "through the normal" in plain Monte Carlo, Q(Φ(z)), so that specs giving them different laws stay paired. */
  private final boolean[] throughNormal;

  private DrawPlan(ParameterDistribution[] dists, List<String> names, Design design, int[] correlated, double[][] root, int blockSize,
      Set<String> pairedThroughNormal) {
    this.throughNormal = new boolean[dists.length];
    for (int p = 0; p < dists.length; p++) {
      throughNormal[p] = pairedThroughNormal.contains(names.get(p)) && !dists[p].isConstant();
    }
    this.dists = dists.clone();
    this.names = List.copyOf(names);
    this.design = design;
    this.correlated = correlated;
    this.root = root;
    int n = 0;
    for (ParameterDistribution d : dists) {
      if (!d.isConstant()) {
        n++;
      }
    }
    driven = new int[n];
    for (int p = 0, k = 0; p < dists.length; p++) {
      if (!dists[p].isConstant()) {
        driven[k++] = p;
      }
    }
    this.sobol = design == Design.SOBOL && n > 0 ? sobolPoints(n, blockSize) : null;
  }

  /**
   * @param names the model's parameter names, in the order of {@code dists}
   */
  public static DrawPlan of(
      ParameterDistribution[] dists, List<String> names, Correlations correlations, Design design, int blockSize) {
    return of(dists, names, correlations, design, blockSize, Set.of());
  }

  /**
   * The same, with some parameters drawn through one standard normal each, x = Q(Φ(z)), z from the
   * parameter's own stream (in plain Monte Carlo; designs always draw by inversion): a comparison asks this
   * for the parameters its specs give different families, so that each is paired with itself across specs.
   */
  public static DrawPlan of(ParameterDistribution[] dists, List<String> names, Correlations correlations, Design design, int blockSize,
      Set<String> pairedThroughNormal) {
    int[] correlated = new int[correlations.names().size()];
    for (int k = 0; k < correlated.length; k++) {
      correlated[k] = names.indexOf(correlations.names().get(k));
    }
    double[][] root = correlated.length == 0
        ? new double[0][0]
        : new RectangularCholeskyDecomposition(new Array2DRowRealMatrix(correlations.normalScores()), 1e-12)
            .getRootMatrix().getData();
    return new DrawPlan(dists, names, design, correlated, root, blockSize, pairedThroughNormal);
  }

  public Design design() {
    return design;
  }

  /** The distributions, in parameter order. */
  public ParameterDistribution[] distributions() {
    return dists.clone();
  }

  /** The parameter names, in order. */
  public List<String> names() {
    return names;
  }

  /**
   * The draws of one block: {@code size} of them, from this block's own stream. Each parameter draws from
   * its own sub-stream keyed by its name ({@link RandomStreams#forParameter}), so a parameter's draws do not
   * depend on the other parameters: common random numbers across specs. Not thread-safe.
   */
  @Override
  public Drawer forBlock(long from, int size, UniformRandomProvider rng) {
    long key = rng.nextLong();
    UniformRandomProvider[] streams = new UniformRandomProvider[dists.length];
    for (int p = 0; p < dists.length; p++) {
      streams[p] = RandomStreams.forParameter(key, names.get(p));
    }
    return design == Design.MC ? new MonteCarlo(streams) : new Designed(size, streams);
  }

  /**
   * Independent draws. A correlated parameter, or one drawn through the normal, takes a standard normal z
   * from its own stream (ziggurat): the copula mixes them, and the first in copula order is then exactly
   * Q(Φ(z)), the same draw as in a spec where it is uncorrelated but paired through the normal.
   */
  private final class MonteCarlo implements Drawer {
    private final ContinuousSampler[] samplers = new ContinuousSampler[dists.length];
    /** The same draws a column at a time, for the parameters neither in the copula nor through the normal. */
    private final meek.distributions.ParameterDistribution.ColumnSampler[] columns =
        new meek.distributions.ParameterDistribution.ColumnSampler[dists.length];
    private final double[] scratch = new double[dists.length];
    private final ZigguratSampler.NormalizedGaussian[] gauss = new ZigguratSampler.NormalizedGaussian[dists.length];
    private final double[] z = new double[correlated.length];

    MonteCarlo(UniformRandomProvider[] streams) {
      boolean[] inCopula = new boolean[dists.length];
      for (int p : correlated) {
        inCopula[p] = true;
      }
      for (int p = 0; p < dists.length; p++) {
        if (inCopula[p] || throughNormal[p]) {
          gauss[p] = ZigguratSampler.NormalizedGaussian.of(streams[p]);
        }
        if (!inCopula[p]) {
          if (throughNormal[p]) {
            samplers[p] = throughNormal(dists[p], gauss[p]);
          } else {
            samplers[p] = dists[p].sampler(streams[p]);
            columns[p] = dists[p].columnSampler(streams[p]); // the same stream: stateless, so columns and draws may alternate
          }
        }
      }
    }

    /**
     * Column by column: each parameter's column in its own loop (the copula's, and those drawn through the normal,
     * draw by draw), from the same streams in the same order as {@link #next}.
     */
    @Override
    public void fill(double[][] out, int count) {
      for (int p = 0; p < dists.length; p++) {
        if (columns[p] != null) {
          columns[p].fill(out[p], count);
        } else if (samplers[p] != null) {
          for (int i = 0; i < count; i++) {
            out[p][i] = samplers[p].sample();
          }
        }
      }
      if (correlated.length > 0) {
        for (int i = 0; i < count; i++) {
          for (int k = 0; k < z.length; k++) {
            z[k] = gauss[correlated[k]].sample();
          }
          correlate(z, scratch);
          for (int c : correlated) {
            out[c][i] = scratch[c];
          }
        }
      }
    }

    @Override
    public void next(double[] params) {
      for (int p = 0; p < dists.length; p++) {
        if (samplers[p] != null) {
          params[p] = samplers[p].sample();
        }
      }
      if (correlated.length > 0) {
        for (int k = 0; k < z.length; k++) {
          z[k] = gauss[correlated[k]].sample();
        }
        correlate(z, params);
      }
    }
  }

  /**
   * The parameters of one vector of standard-normal scores, {@code z[p]} for parameter p (constants' ignored):
   * each independent parameter is Q(Φ(z_p)), the correlated ones Q(Φ(y)) for y = L·z over the copula, as a run
   * draws "through the normal". A calibration's moves work on these scores, where the prior is a standard
   * normal whatever each parameter's law: a move that keeps N(0, I) keeps the prior.
   *
   * @param scratch at least as long as the copula (its z in copula order)
   */
  public void fromScores(double[] z, double[] params, double[] scratch) {
    for (int p = 0; p < dists.length; p++) {
      params[p] = dists[p].isConstant() ? dists[p].median() : fromNormal(dists[p], z[p]);
    }
    if (correlated.length > 0) {
      for (int c = 0; c < correlated.length; c++) {
        scratch[c] = z[correlated[c]];
      }
      correlate(scratch, params);
    }
  }

  /** Whether parameter p is drawn (not a constant): the scores a calibration moves. */
  public boolean drawn(int p) {
    return !dists[p].isConstant();
  }

  /** Q(Φ(z)) for a standard normal z, on the survival side above the median. */
  private static ContinuousSampler throughNormal(ParameterDistribution d, ZigguratSampler.NormalizedGaussian gauss) {
    return () -> fromNormal(d, gauss.sample());
  }

  private static double fromNormal(ParameterDistribution d, double y) {
    return y <= 0
        ? d.quantile(clamp(STANDARD.cumulativeProbability(y)))
        : d.quantileFromSurvival(clamp(STANDARD.survivalProbability(y)));
  }

  /** Latin hypercube or shifted Sobol uniforms, one coordinate per non-constant parameter. */
  private final class Designed implements Drawer {
    private final double[][] u; // [coordinate][draw]
    private final double[] z = new double[correlated.length];
    private final int[] copulaCoordinate = new int[correlated.length];
    private int i;

    Designed(int size, UniformRandomProvider[] streams) {
      u = new double[driven.length][size];
      if (design == Design.LHS) {
        int[] perm = new int[size];
        for (int k = 0; k < driven.length; k++) {
          UniformRandomProvider rng = streams[driven[k]];
          for (int j = 0; j < size; j++) {
            perm[j] = j;
          }
          PermutationSampler.shuffle(rng, perm);
          for (int j = 0; j < size; j++) {
            u[k][j] = (perm[j] + rng.nextDouble()) / size;
          }
        }
      } else {
        for (int k = 0; k < driven.length; k++) {
          double shift = streams[driven[k]].nextDouble(); // Cranley–Patterson rotation: one per coordinate per block
          for (int j = 0; j < size; j++) {
            double v = sobol[j][k] + shift;
            u[k][j] = v >= 1 ? v - 1 : v;
          }
        }
      }
      for (int c = 0; c < correlated.length; c++) {
        for (int k = 0; k < driven.length; k++) {
          if (driven[k] == correlated[c]) {
            copulaCoordinate[c] = k;
          }
        }
      }
    }

    @Override
    public void next(double[] params) {
      for (int p = 0; p < dists.length; p++) {
        if (dists[p].isConstant()) {
          params[p] = dists[p].median();
        }
      }
      for (int k = 0; k < driven.length; k++) {
        params[driven[k]] = dists[driven[k]].quantile(clamp(u[k][i]));
      }
      if (correlated.length > 0) {
        for (int c = 0; c < z.length; c++) {
          z[c] = STANDARD.inverseCumulativeProbability(clamp(u[copulaCoordinate[c]][i]));
        }
        correlate(z, params);
      }
      i++;
    }
  }

  /** y = L·z, then each correlated parameter is Q(Φ(y)), worked on the survival side above the median. */
  private void correlate(double[] z, double[] params) {
    for (int c = 0; c < correlated.length; c++) {
      double y = 0;
      double[] row = root[c];
      for (int k = 0; k < row.length; k++) {
        y += row[k] * z[k];
      }
      params[correlated[c]] = fromNormal(dists[correlated[c]], y);
    }
  }

  private static double clamp(double u) {
    return u < EDGE ? EDGE : u > 1 - EDGE ? 1 - EDGE : u;
  }

  private static double[][] sobolPoints(int dimensions, int count) {
    SobolSequenceGenerator g = new SobolSequenceGenerator(dimensions);
    double[][] points = new double[count][];
    for (int j = 0; j < count; j++) {
      points[j] = g.nextVector();
    }
    return points;
  }
}
