package meek.spec;

import java.util.regex.Pattern;

/**
 * A name that also names a folder (results/NAME, a batch's run folders): letters and digits of any script,
 * then also '.', '_' or '-', at most 100 characters and 200 bytes of UTF-8 (a file system allows 255 bytes, and
 * the staging folder beside it adds some 25). It cannot be ".", "..", hidden, or hold a separator.
 */
final class SafeName {

  private static final Pattern SAFE = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._-]{0,99}");

  /** What to tell the user when a name is refused. */
  static final String FIX = "use letters and digits (any script), then also '.', '_' or '-', at most 100 characters (200 bytes)";

  private static final Pattern UNSAFE = Pattern.compile("[^\\p{L}\\p{N}._-]+");

  private SafeName() {}

  static boolean ok(String name) {
    return SAFE.matcher(name).matches() && name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 200;
  }

  /**
   * A safe name made from a file's stem, for a spec that names itself no name: "my spec (1)" becomes
   * "my-spec-1"; null when nothing of it is usable.
   */
  static String fromStem(String stem) {
    String s = UNSAFE.matcher(stem).replaceAll("-").replaceAll("^[._-]+|[._-]+$", "");
    while (s.length() > 100 || s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 200) {
      s = s.substring(0, s.offsetByCodePoints(s.length(), -1)).replaceAll("[._-]+$", "");
    }
    return ok(s) ? s : null;
  }
}
