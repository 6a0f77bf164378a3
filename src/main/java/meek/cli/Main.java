package meek.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.file.FileSystemException;
import meek.Build;
import meek.InputException;
import meek.RuntimeFailure;
import meek.report.Publish;
import meek.run.RunEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code meek} command: subcommands, and the convention that bad input is one line and exit code 2. */
@Command(
    name = "meek",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Monte Carlo uncertainty analysis of the capability gap between meek and SOTA AI models.",
    subcommands = {RunCommand.class, MergeCommand.class, CalibrateCommand.class, CompareCommand.class, SensitivityCommand.class, BatchCommand.class, CiteCommand.class, PointCommand.class, ValidateCommand.class, FitBenchmarkCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class})
public final class Main {

  /** Exit code for input the user must fix (picocli's convention for invalid input). */
  public static final int EXIT_INPUT = 2;

  /** Exit code for a failure while running (a full disk, an unreadable file): one line, no stack trace. */
  public static final int EXIT_RUNTIME = 1;

  /** Exit code when the reader of standard output closed it early: 128 + SIGPIPE, as a Unix tool that SIGPIPE ended. */
  public static final int EXIT_CLOSED_PIPE = 141;

  /** Set while a command runs; a signal (Ctrl-C, kill) then cleans up and says what was left. */
  private static volatile boolean running;

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    Runtime.getRuntime().addShutdownHook(new Thread(Main::interrupted, "meek-interrupt"));
    running = true;
    int code = execute(args);
    running = false;
    // a full disk or closed pipe behind standard output (> /dev/full) must not pass for success: the
    // completion script or the citation the user asked for is lost
    if (System.out.checkError()) {
      if (readerClosedStandardOutput()) {
        System.exit(EXIT_CLOSED_PIPE); // (the reader, e.g. head, chose to stop reading: nothing to report)
      }
      System.err.println("meek: cannot write to standard output (full disk or closed pipe); what it printed is incomplete");
      code = Math.max(code, EXIT_RUNTIME);
    }
    System.exit(code);
  }

  /**
   * Whether standard output failed because its reader closed the pipe ({@code meek cite DIR | head -3}). A
   * PrintStream keeps no reason, so one more byte goes to the descriptor itself (the output is incomplete
   * already), and the system's reason for refusing it tells a closed pipe from a full disk.
   */
  private static boolean readerClosedStandardOutput() {
    try {
      new FileOutputStream(FileDescriptor.out).write('\n'); // (not closed: that would close descriptor 1)
      return false;
    } catch (IOException e) {
      return e.getMessage() != null && e.getMessage().equals(closedPipeMessage());
    }
  }

  /** This system's words for a write to a pipe nobody reads (they follow the locale): learned on a pipe of our own. */
  private static String closedPipeMessage() {
    try {
      Pipe pipe = Pipe.open();
      pipe.source().close();
      try (var sink = pipe.sink()) {
        sink.write(ByteBuffer.wrap(new byte[1]));
      }
      return null;
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  /** On SIGINT or SIGTERM before the command ended: drop this run's staging and say so in one line. */
  private static void interrupted() {
    if (!running) {
      return;
    }
    boolean kept = Publish.abandonAll();
    System.err.println(kept ? "meek: interrupted; what was finished is kept, the rest was not written (re-run a batch to resume)"
        : "meek: interrupted; nothing was written");
    System.err.flush();
  }

  /** Runs meek with these arguments and returns the exit code (for tests). */
  public static int execute(String... args) {
    return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs meek with the given output streams (for tests). */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    return execute(RunEngine.LOCAL, out, err, args);
  }

  /**
   * Runs meek with {@code run} and {@code batch} computing on the given engine (meek-spark's cluster); every
   * other command is refused, since it would run here anyway.
   */
  public static int execute(RunEngine engine, PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main());
    if (engine != RunEngine.LOCAL) {
      ((RunCommand) cli.getSubcommands().get("run").getCommand()).engine = engine;
      ((BatchCommand) cli.getSubcommands().get("batch").getCommand()).engine = engine;
    }
    cli.setCaseInsensitiveEnumValuesAllowed(true); // --design lhs, --quantiles sketch
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          if (ex instanceof InputException) {
            cmd.getErr().println(oneLine("meek: " + ex.getMessage()));
            return EXIT_INPUT;
          }
          if (ex instanceof RuntimeFailure) {
            cmd.getErr().println(oneLine("meek: " + ex.getMessage()));
            return EXIT_RUNTIME;
          }
          IOException io = ex instanceof IOException e ? e : ex instanceof UncheckedIOException u ? u.getCause() : null;
          if (io != null) {
            cmd.getErr().println(oneLine("meek: " + describe(io)));
            return EXIT_RUNTIME;
          }
          throw ex;
        });
    cli.setParameterExceptionHandler(
        (ex, args2) -> {
          String hint = "";
          if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            hint = "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
          }
          ex.getCommandLine().getErr().println(
              oneLine("meek: " + ex.getMessage() + hint + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')"));
          return EXIT_INPUT;
        });
    return cli.execute(args);
  }

  /** A message as one line: a newline or other control character in a path or value is shown escaped (\n). */
  static String oneLine(String message) {
    StringBuilder b = new StringBuilder(message.length());
    message.codePoints().forEach(c -> {
      if (c == '\n') {
        b.append("\\n");
      } else if (c == '\r') {
        b.append("\\r");
      } else if (c == '\t') {
        b.append(' ');
      } else if (Character.isISOControl(c)) {
        b.append(String.format("\\u%04x", c));
      } else {
        b.appendCodePoint(c);
      }
    });
    return b.toString();
  }

  /** An I/O failure in one line: the file, and what went wrong with it. */
  static String describe(IOException e) {
    String file = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() + ": " : "";
    return file + RuntimeFailure.reason(e);
  }

  /** The version from the jar's manifest ("dev" when run from classes). */
  public static String version() {
    return Build.version();
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"meek " + version() + " (commit " + Build.commit() + ")", "Java " + System.getProperty("java.version")};
    }
  }
}
