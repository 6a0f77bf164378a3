package meek.report;

/**
 * A user's text (a spec's title) inside meek's Markdown: shown as written, never read as Markdown. A title of
 * "[x](http://…)" must not become a link in summary.md and report.html, nor "**x**" bold.
 */
final class MarkdownText {

  private MarkdownText() {}

  /** Backslash-escapes the characters that make links, emphasis, code, HTML and table cells. */
  static String escape(String text) {
    StringBuilder b = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ("\\`*_[]<>|#!~".indexOf(c) >= 0) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }
}
