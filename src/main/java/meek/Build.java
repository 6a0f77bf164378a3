package meek;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** What this build of meek is: its version (from the jar's manifest) and the git commit it was built from. */
public final class Build {

  private static final String COMMIT = readCommit();

  private Build() {}

  /** "0.1.0"; "dev" when run from classes rather than the jar. */
  public static String version() {
    String v = Build.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /**
   * The abbreviated commit, with "-dirty" when the work tree had changes; "unknown" for a build made outside a
   * git work tree (git-commit-id-maven-plugin writes meek/git.properties at build time).
   */
  public static String commit() {
    return COMMIT;
  }

  private static String readCommit() {
    try (InputStream in = Build.class.getResourceAsStream("/meek/git.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String id = p.getProperty("git.commit.id.abbrev", "");
      return id.isEmpty() ? "unknown" : id + ("true".equals(p.getProperty("git.dirty")) ? "-dirty" : "");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
