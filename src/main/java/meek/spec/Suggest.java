package meek.spec;

import java.util.Collection;
import java.util.TreeSet;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** "did you mean …?" for mistyped keys and names. */
final class Suggest {
  private Suggest() {}

  /** "did you mean 'X'?" when a valid name is within a few edits of the given one, else the fallback. */
  static String closest(String given, Collection<String> valid, String fallback) {
    LevenshteinDistance lev = LevenshteinDistance.getDefaultInstance();
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String v : new TreeSet<>(valid)) {
      int d = lev.apply(given.toLowerCase(), v.toLowerCase());
      if (d < bestDistance) {
        best = v;
        bestDistance = d;
      }
    }
    boolean close = best != null && bestDistance <= Math.max(2, best.length() / 3);
    return close ? "did you mean '" + best + "'?" : fallback;
  }
}
