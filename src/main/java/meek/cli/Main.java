package meek.cli;

import java.io.PrintWriter;
import meek.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code meek} command: subcommands, and the convention that bad input is one line and exit code 2. */
@Command(
    name = "meek",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Monte Carlo uncertainty analysis of the capability gap between meek and SOTA AI models.",
    subcommands = {RunCommand.class, CompareCommand.class, SensitivityCommand.class, BatchCommand.class, CiteCommand.class, PointCommand.class, ValidateCommand.class, FitBenchmarkCommand.class, CommandLine.HelpCommand.class})
public final class Main {

  /** Exit code for input the user must fix (picocli's convention for invalid input). */
  public static final int EXIT_INPUT = 2;

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    System.exit(execute(args));
  }

  /** Runs meek with these arguments and returns the exit code (for tests). */
  public static int execute(String... args) {
    return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs meek with the given output streams (for tests). */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setCaseInsensitiveEnumValuesAllowed(true); // --design lhs, --quantiles sketch
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          if (ex instanceof InputException) {
            cmd.getErr().println("meek: " + ex.getMessage());
            return EXIT_INPUT;
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
              "meek: " + ex.getMessage() + hint + " (see 'meek " + ex.getCommandLine().getCommandName() + " --help')");
          return EXIT_INPUT;
        });
    return cli.execute(args);
  }

  /** The version from the jar's manifest ("dev" when run from classes). */
  public static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"meek " + version(), "Java " + System.getProperty("java.version")};
    }
  }
}
