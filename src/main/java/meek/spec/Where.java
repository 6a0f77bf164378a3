package meek.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import meek.InputException;

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

  /** Every key of a mapping must be one of {@code allowed}; else an error naming it (and the nearest valid key). */
  void checkKeys(JsonNode node, String prefix, Set<String> allowed, String what) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        String path = prefix.isEmpty() ? k : prefix + "." + k;
        throw error(path, "unknown key, not " + what, Suggest.closest(k, allowed, "valid: " + String.join(", ", new TreeSet<>(allowed))));
      }
    }
  }

  /**
   * A value as an error quotes it: in quotes, on one line, at most 40 characters (a block of YAML read as text
   * would otherwise fill the message).
   */
  static String quoted(JsonNode value) {
    String text = value.asText().strip().replaceAll("\\s+", " ");
    return "'" + (text.length() > 40 ? text.substring(0, 39) + "…" : text) + "'";
  }

  private static String parent(String key) {
    int dot = Math.max(key.lastIndexOf('.'), key.lastIndexOf('['));
    return dot > 0 ? key.substring(0, dot) : "";
  }
}
