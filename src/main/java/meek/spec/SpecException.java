package meek.spec;

/**
 * A problem with user input (a spec file or a command-line value) that the user can fix. Its message is
 * one line, ready to print after "meek: ".
 */
public class SpecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SpecException(String message) {
    super(message, null, false, false);
  }
}
