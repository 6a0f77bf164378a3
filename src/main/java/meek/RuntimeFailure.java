package meek;

/**
 * A failure while running that is not a mistake in the user's input: the results folder is being written by
 * another run, a disk is full, a file cannot be written. Its message is one line, ready to print after
 * "meek: "; the command then exits with code 1, having written nothing half-way.
 */
public class RuntimeFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RuntimeFailure(String message) {
    super(message, null, false, false);
  }

  /** What went wrong with a file, in a few words: "No space left on device", "Permission denied". */
  public static String reason(java.io.IOException e) {
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException) {
      return "it already exists";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
