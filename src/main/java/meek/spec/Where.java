package meek.spec;

import meek.InputException;
import java.nio.file.Path;
import java.util.Map;

/** Where a problem is: the file and the line of each key, for one-line errors. */
final class Where {
  private final Path file;
  private final Map<String, Integer> lines;

  Where(Path file, Map<String, Integer> lines) {
    this.file = file;
    this.lines = lines;
  }

  Path file() {
    return file;
  }

  /** "file:line: key: what; fix", with the line of the key or of its nearest parent that has one. */
  InputException error(String key, String what, String fix) {
    Integer line = null;
    for (String k = key; line == null && !k.isEmpty(); k = parent(k)) {
      line = lines.get(k);
    }
    String where = file + (line != null ? ":" + line : "");
    return new InputException(where + ": " + (key.isEmpty() ? "" : key + ": ") + what + "; " + fix);
  }

  private static String parent(String key) {
    int dot = Math.max(key.lastIndexOf('.'), key.lastIndexOf('['));
    return dot > 0 ? key.substring(0, dot) : "";
  }
}
