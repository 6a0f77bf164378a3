package meek.spec;

import java.util.regex.Pattern;

/**
 * A name that also names a folder (results/NAME, a batch's run folders): letters and digits of any script,
 * then also '.', '_' or '-', at most 100 characters. It cannot be ".", "..", hidden, or hold a separator.
 */
final class SafeName {

  private static final Pattern SAFE = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._-]{0,99}");

  /** What to tell the user when a name is refused. */
  static final String FIX = "use letters and digits (any script), then also '.', '_' or '-', at most 100 characters";

  private SafeName() {}

  static boolean ok(String name) {
    return SAFE.matcher(name).matches();
  }
}
