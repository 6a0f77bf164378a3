package meek.sampling;

import meek.model.GapOutcome;

/**
 * The per-sample results of a run, as primitive columns indexed by sample: the model's scalar outputs, plus
 * the counts of each outcome (listeners see each draw's outcome in its {@link Block}). (The fan's per-draw state is not kept: it is
 * aggregated block by block through a {@link BlockListener}.)
 */
public final class SampleSet {
  private static final GapOutcome[] OUTCOMES = GapOutcome.values();
  private final int size;
  private final double[][] scalars;
  private final long[] outcomeCounts = new long[OUTCOMES.length];
  private final long[] invalidByParameter;
  private final double[][] parameterProbe;

  /** How many leading draws keep their parameters, for achieved correlations and checks. */
  public static final int PROBE_SIZE = 65_536;

  /**
   * @param kept which outputs' columns to keep when keeping scalars (a calendar year, derived from its
   *     duration, need not be)
   */
  SampleSet(int size, boolean[] kept, int parameters, boolean keepScalars) {
    this.size = size;
    this.scalars = keepScalars ? new double[kept.length][] : null;
    for (int c = 0; keepScalars && c < kept.length; c++) {
      scalars[c] = kept[c] ? new double[size] : null;
    }
    this.invalidByParameter = new long[parameters];
    this.parameterProbe = new double[parameters][Math.min(size, PROBE_SIZE)];
  }

  /** Bytes a set of this shape holds, for the memory check before a run. */
  public static long bytesFor(long size, int keptOutputs) {
    return size * 8L * keptOutputs;
  }

  public int size() {
    return size;
  }

  /**
   * {@code scalars()[output][sample]}; NaN where the output does not exist for that draw, +∞ for "never".
   * Aggregation reorders these columns in place. Null when the run streams its scalars; a column not kept
   * (a calendar year, derived from its duration) is null.
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

  /** {@code parameterProbe()[parameter][i]}: the parameters drawn for the first min(N, PROBE_SIZE) draws. */
  public double[][] parameterProbe() {
    return parameterProbe;
  }

  /** Copies a block's scalars into the kept columns (no-op when streaming). */
  void keep(int from, int size, double[][] blockScalars) {
    if (scalars == null) {
      return;
    }
    for (int c = 0; c < scalars.length; c++) {
      if (scalars[c] != null) {
        System.arraycopy(blockScalars[c], 0, scalars[c], from, size);
      }
    }
  }

  void addCounts(long[] outcomes, long[] invalid) {
    for (int i = 0; i < outcomes.length; i++) {
      outcomeCounts[i] += outcomes[i];
    }
    for (int i = 0; i < invalid.length; i++) {
      invalidByParameter[i] += invalid[i];
    }
  }
}
