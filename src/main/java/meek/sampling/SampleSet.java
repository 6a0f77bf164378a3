package meek.sampling;

import meek.model.GapOutcome;

/**
 * The per-sample results of a run, as primitive columns indexed by sample: the model's scalar outputs, plus
 * the counts of each outcome (listeners see each draw's outcome in its {@link Block}). (The fan's per-draw state is not kept: it is
 * aggregated block by block through a {@link BlockListener}.)
 */
public final class SampleSet {
  private static final GapOutcome[] OUTCOMES = GapOutcome.values();
  private final long first;
  private final int size;
  private final double[][] scalars;
  private final long[] outcomeCounts = new long[OUTCOMES.length];
  private final long[] invalidByParameter;
  private final double[][] parameterProbe;

  /** How many leading draws keep their parameters, for achieved correlations and checks. */
  public static final int PROBE_SIZE = 65_536;

  /** Most draws whose scalars one set keeps (the longest Java array): beyond, a run streams them. */
  public static final int MAX_KEPT = Integer.MAX_VALUE - 8;

  /**
   * A set for draws first … first + size − 1 of a run (a whole run: first 0).
   *
   * @param kept which outputs' columns to keep when keeping scalars (a calendar year, derived from its
   *     duration, need not be)
   */
  public SampleSet(long first, long size, boolean[] kept, int parameters, boolean keepScalars) {
    if (keepScalars && size > MAX_KEPT) {
      throw new IllegalArgumentException(size + " draws are more than an array holds; stream them (sketch quantiles)");
    }
    this.first = first;
    this.size = (int) Math.min(size, MAX_KEPT);
    this.scalars = keepScalars ? new double[kept.length][] : null;
    for (int c = 0; keepScalars && c < kept.length; c++) {
      scalars[c] = kept[c] ? new double[this.size] : null;
    }
    this.invalidByParameter = new long[parameters];
    // the probe holds the run's first draws: those of this set that fall among them
    int probe = (int) Math.max(0, Math.min(first + size, PROBE_SIZE) - first);
    this.parameterProbe = new double[parameters][probe];
  }

  /** Bytes a set of this shape holds, for the memory check before a run. */
  public static long bytesFor(long size, int keptOutputs) {
    return size * 8L * keptOutputs;
  }

  /** The run's index of this set's first draw. */
  public long first() {
    return first;
  }

  /** Draws whose scalars this set holds (when it keeps them). */
  public int size() {
    return size;
  }

  /**
   * {@code scalars()[output][i]} of draw first() + i; NaN where the output does not exist for that draw, +∞ for
   * "never". Aggregation reorders these columns in place. Null when the run streams its scalars; a column not
   * kept (a calendar year, derived from its duration) is null.
   */
  public double[][] scalars() {
    return scalars;
  }

  public long count(GapOutcome o) {
    return outcomeCounts[o.ordinal()];
  }

  /** Invalid draws attributed to each parameter (by the first parameter found outside its domain). */
  public long invalidCount(int parameter) {
    return invalidByParameter[parameter];
  }

  /**
   * {@code parameterProbe()[parameter][i]}: the parameters of draw first() + i, for the draws of this set among
   * the run's first {@link #PROBE_SIZE}.
   */
  public double[][] parameterProbe() {
    return parameterProbe;
  }

  /** Copies a block's scalars (its first draw is the run's draw {@code from}) into the kept columns (no-op when streaming). */
  public void keep(long from, int count, double[][] blockScalars) {
    if (scalars == null) {
      return;
    }
    for (int c = 0; c < scalars.length; c++) {
      if (scalars[c] != null) {
        System.arraycopy(blockScalars[c], 0, scalars[c], (int) (from - first), count);
      }
    }
  }

  /** Copies the part of a block's parameters that falls in the probe. */
  public void keepProbe(long from, int count, double[][] params) {
    int length = parameterProbe.length == 0 ? 0 : parameterProbe[0].length;
    long end = Math.min(from + count, first + length);
    for (int p = 0; p < parameterProbe.length && from < end; p++) {
      System.arraycopy(params[p], 0, parameterProbe[p], (int) (from - first), (int) (end - from));
    }
  }

  /** Adds outcome counts and invalid draws per parameter. */
  public void addCounts(long[] outcomes, long[] invalid) {
    for (int i = 0; i < outcomes.length; i++) {
      outcomeCounts[i] += outcomes[i];
    }
    for (int i = 0; i < invalid.length; i++) {
      invalidByParameter[i] += invalid[i];
    }
  }
}
