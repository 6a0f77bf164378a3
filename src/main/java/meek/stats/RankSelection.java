package meek.stats;

import java.util.Arrays;
import org.apache.commons.numbers.arrays.Selection;

/**
 * Exact order statistics of a large column at a few ranks, in three linear passes plus a small selection.
 *
 * <p>A multi-index quickselect over the whole column (Commons Numbers {@link Selection}) re-partitions it
 * once per level, about 25 ns a value for the 36 ranks a summary needs (async-profiler, 1e7 draws). Here a
 * first pass finds the range, a second counts the values into 2^14 buckets over it (see {@link Buckets}),
 * which tells which bucket holds each wanted rank; a third copies out only the values in those buckets,
 * and {@link Selection} runs on that copy, bucket by bucket. The answer is the same order statistic, bit for bit;
 * only the work changes. When the wanted buckets hold more than an eighth of the values (a column with a
 * few heavily repeated values), it selects on the whole column instead, so the copy never exceeds n/8.
 * Measured on 1e7 lognormal values, 36 ranks, in one JVM: 44–57 ms warm (98–125 ms the first two
 * times), against 273–326 ms for Selection on the whole column.
 */
final class RankSelection {

  /** Below this many values one selection on the column is as quick. */
  static final int SMALL = 1 << 16;

  private static final int BUCKET_BITS = 14;
  private static final int BUCKETS = 1 << BUCKET_BITS;

  private RankSelection() {}

  /**
   * The values of zero-based ranks {@code ranks} among {@code values[0, n)} (no NaN there), in the order of
   * {@code ranks}, as {@code Arrays.sort} would place them. May reorder {@code values[0, n)}.
   */
  static double[] select(double[] values, int n, int[] ranks) {
    for (int r : ranks) {
      if (r < 0 || r >= n) {
        throw new IllegalArgumentException("rank " + r + " outside [0, " + n + ")");
      }
    }
    double[] out = n < SMALL ? null : selectByBuckets(values, n, ranks);
    if (out == null) {
      Selection.select(values, 0, n, ranks.clone()); // (a copy: Selection may reorder the indices it is given)
      out = new double[ranks.length];
      for (int i = 0; i < ranks.length; i++) {
        out[i] = values[ranks[i]];
      }
    }
    return out;
  }

  /** A long that orders like the double (−∞ &lt; … &lt; −0 &lt; +0 &lt; … &lt; +∞), as Arrays.sort does. */
  private static long key(double v) {
    long bits = Double.doubleToRawLongBits(v);
    return bits ^ ((bits >> 63) & Long.MAX_VALUE);
  }

  /**
   * null when the wanted buckets hold too many values (the caller then selects on the whole column): for
   * heavily repeated values, or a column of both signs with tails far wider than its middle.
   */
  static double[] selectByBuckets(double[] values, int n, int[] ranks) {
    long min = Long.MAX_VALUE; // over the finite values: ±∞ ("never") would stretch the buckets thin
    long max = Long.MIN_VALUE;
    int negativeInfinite = 0;
    int positiveInfinite = 0;
    for (int i = 0; i < n; i++) {
      double v = values[i];
      if (v == Double.POSITIVE_INFINITY) {
        positiveInfinite++;
      } else if (v == Double.NEGATIVE_INFINITY) {
        negativeInfinite++;
      } else {
        long k = key(v);
        min = Math.min(min, k);
        max = Math.max(max, k);
      }
    }
    double[] out = new double[ranks.length];
    boolean[] infinite = new boolean[ranks.length];
    for (int i = 0; i < ranks.length; i++) {
      infinite[i] = ranks[i] < negativeInfinite || ranks[i] >= n - positiveInfinite;
      out[i] = ranks[i] < negativeInfinite ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (min >= max) { // every finite value the same (min == max), or none (min > max: every rank is ±∞)
      for (int i = 0; i < ranks.length; i++) {
        out[i] = infinite[i] ? out[i] : Buckets.value(min);
      }
      return out;
    }
    Buckets buckets = new Buckets(min, max);
    int[] counts = new int[BUCKETS];
    for (int i = 0; i < n; i++) {
      counts[buckets.of(values[i])]++;
    }
    // the bucket of each wanted rank, and that rank's place inside its bucket
    int[] bucketOf = new int[ranks.length];
    int[] localRank = new int[ranks.length];
    long[] below = new long[BUCKETS + 1];
    for (int b = 0; b < BUCKETS; b++) {
      below[b + 1] = below[b] + counts[b];
    }
    int[] slotOf = new int[BUCKETS];
    Arrays.fill(slotOf, -1);
    int slots = 0;
    long copied = 0;
    for (int i = 0; i < ranks.length; i++) {
      if (infinite[i]) {
        continue;
      }
      int b = bucketFor(below, ranks[i]);
      bucketOf[i] = b;
      localRank[i] = (int) (ranks[i] - below[b]);
      if (slotOf[b] < 0) {
        slotOf[b] = slots++;
        copied += counts[b];
      }
    }
    if (copied > n / 8) {
      return null;
    }
    // each wanted bucket gets a contiguous stretch of the copy, in slot order
    int[] start = new int[slots + 1];
    for (int b = 0; b < BUCKETS; b++) {
      if (slotOf[b] >= 0) {
        start[slotOf[b] + 1] = counts[b];
      }
    }
    for (int s = 0; s < slots; s++) {
      start[s + 1] += start[s];
    }
    int[] fill = Arrays.copyOf(start, slots);
    double[] copy = new double[(int) copied];
    for (int i = 0; i < n; i++) {
      double v = values[i];
      int s = slotOf[buckets.of(v)];
      if (s >= 0) {
        copy[fill[s]++] = v;
      }
    }
    // one multi-index selection per wanted bucket, on its stretch of the copy
    for (int s = 0; s < slots; s++) {
      int wanted = 0;
      int[] at = new int[ranks.length];
      for (int i = 0; i < ranks.length; i++) {
        if (!infinite[i] && slotOf[bucketOf[i]] == s) {
          at[wanted++] = start[s] + localRank[i];
        }
      }
      Selection.select(copy, start[s], start[s + 1], Arrays.copyOf(at, wanted));
    }
    for (int i = 0; i < ranks.length; i++) {
      if (!infinite[i]) {
        out[i] = copy[start[slotOf[bucketOf[i]]] + localRank[i]];
      }
    }
    return out;
  }

  /**
   * The buckets of one column: any map that never puts a larger value in a smaller bucket will do, and
   * the finer it is where the values are, the less is copied. One-signed columns (meek's times and gaps)
   * get buckets of the bit pattern, which are logarithmic in width, so a long right tail costs little.
   * Columns of both signs (compare's differences) get equal-width buckets: in bit patterns, the values
   * nearest zero would stretch across a thousand binades. ±∞ go into the end buckets.
   */
  private static final class Buckets {
    private final boolean linear;
    private final long minKey;
    private final long maxKey;
    private final int shift;
    private final double low;
    private final double high;
    private final double scale;

    /** For finite values whose keys span [minKey, maxKey], minKey &lt; maxKey. */
    Buckets(long minKey, long maxKey) {
      this.minKey = minKey;
      this.maxKey = maxKey;
      this.low = value(minKey);
      this.high = value(maxKey);
      double width = high - low;
      // (equal widths need a finite width: a column from −1e308 to 1e308 takes the bit patterns)
      this.linear = low < 0 && high > 0 && width < Double.POSITIVE_INFINITY;
      this.scale = linear ? BUCKETS / width : 0;
      // the smallest shift that maps [minKey, maxKey] onto the buckets (the difference read as unsigned)
      this.shift = Math.max(0, 64 - Long.numberOfLeadingZeros(maxKey - minKey) - BUCKET_BITS);
    }

    int of(double v) {
      if (linear) { // rounding is monotone, so (v − low)·scale never decreases as v grows
        return (int) Math.min(BUCKETS - 1, (Math.min(high, Math.max(low, v)) - low) * scale);
      }
      return (int) ((Math.min(maxKey, Math.max(minKey, key(v))) - minKey) >>> shift);
    }

    private static double value(long key) {
      return Double.longBitsToDouble(key ^ ((key >> 63) & Long.MAX_VALUE));
    }
  }

  /** The bucket b with below[b] ≤ rank &lt; below[b + 1]. */
  private static int bucketFor(long[] below, int rank) {
    int b = Arrays.binarySearch(below, rank);
    if (b >= 0) { // rank == below[b]: the first non-empty bucket from b on
      while (below[b + 1] == below[b]) {
        b++;
      }
      return b;
    }
    return -b - 2;
  }
}
