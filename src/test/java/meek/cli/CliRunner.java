package meek.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs meek in-process and captures what it prints. */
final class CliRunner {
  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  private CliRunner() {}
}
