package meek;

/**
 * A problem with what the user gave meek (a spec or batch file, a CSV, a results folder to write or read)
 * that the user can fix. Its message is one line naming the file and key, what is wrong and how to fix it,
 * ready to print after "meek: "; the command then exits with code 2 and writes nothing. Options on the
 * command line are checked by picocli instead (its {@code ParameterException}), and runtime failures (disk
 * full, I/O) are not input errors: they exit with code 1.
 */
public class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InputException(String message) {
    super(message, null, false, false);
  }
}
