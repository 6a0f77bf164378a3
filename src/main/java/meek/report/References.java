package meek.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code references.bib}: the entries of a small built-in table (the sources docs/MODEL.md cites, in
 * {@code meek/references.bib}) that the specs' text names, plus the paper itself. An entry is selected when
 * its match text (e.g. "Ho et al. 2024") appears in a spec file.
 */
public final class References {

  private References() {}

  /** The entries the given spec texts name, and the paper. */
  public static String forSpecs(List<String> specTexts) {
    StringBuilder text = new StringBuilder();
    for (String t : specTexts) {
      text.append(t).append('\n');
    }
    StringBuilder bib = new StringBuilder("% Sources the specs cite (selected by meek from the references of its docs/MODEL.md).\n");
    String table = table();
    for (String part : table.split("%% match: ")) {
      int eol = part.indexOf('\n');
      if (eol < 0 || part.startsWith("%")) {
        continue;
      }
      String match = part.substring(0, eol).trim();
      String entry = part.substring(eol + 1).trim();
      if (entry.startsWith("@") && (match.equals("ALWAYS") || text.indexOf(match) >= 0)) {
        bib.append('\n').append(entry).append('\n');
      }
    }
    return bib.toString();
  }

  private static String table() {
    try (InputStream in = References.class.getResourceAsStream("/meek/references.bib")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
