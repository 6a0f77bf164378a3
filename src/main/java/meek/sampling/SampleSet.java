package meek.sampling;

import meek.model.GapOutcome;

/**
 * The per-sample results of a run, as primitive columns indexed by sample: the model's scalar outputs and
 * each draw's outcome, plus the counts of each outcome. (The fan's per-draw state is not kept: it is
 * aggregated block by block through a {@link BlockListener}.)
 */
public final class SampleSet {
  private static final GapOutcome[] OUTCOMES = GapOutcome.values();
  private final int size;
  private final double[][] scalars;
  private final byte[] outcome;
  private final long[] outcomeCounts = new long[OUTCOMES.length];
  private final long[] invalidByParameter;
  private final double[][] parameterProbe;

  /** How many leading draws keep their parameters, for achieved correlations and checks. */
  public static final int PROBE_SIZE = 65_536;

  SampleSet(int size, int outputs, int parameters) {
    this.size = size;
    this.scalars = new double[outputs][size];
    this.outcome = new byte[size];
    this.invalidByParameter = new long[parameters];
    this.parameterProbe = new double[parameters][Math.min(size, PROBE_SIZE)];
  }

  /** Bytes a set of this shape holds, for the memory check before a run. */
  public static long bytesFor(long size, int outputs) {
    return size * (8L * outputs + 1);
  }

  public int size() {
    return size;
  }

  /**
   * {@code scalars()[output][sample]}; NaN where the output does not exist for that draw, +∞ for "never".
   * Aggregation reorders these columns in place.
   */
  public double[][] scalars() {
    return scalars;
  }

  public GapOutcome outcome(int sample) {
    return OUTCOMES[outcome[sample]];
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

  byte[] outcomes() {
    return outcome;
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
