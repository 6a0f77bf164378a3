package meek.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import meek.Build;
import meek.run.RunOptions;
import meek.run.SpecSummary;

/**
 * The {@code manifest.json} of a results folder other than a run's (a comparison, a sensitivity analysis, a
 * benchmark fit, a batch): which command of which meek wrote it from which files. Its {@code "tool": "meek"}
 * is what lets {@code --force} replace the folder later ({@link Publish#isMeeks}).
 */
public final class FolderManifest {

  private final ObjectNode root = Json.object();

  /** @param kind the command that writes the folder (its key goes into "kind") */
  public FolderManifest(ResultFiles.WrittenBy kind, String toolVersion) {
    root.put("tool", "meek");
    root.put("kind", kind.key());
    root.put("tool_version", toolVersion);
    root.put("tool_commit", Build.commit());
    root.put("java_version", System.getProperty("java.version"));
  }

  /** The specs it was made from, each with its hash. */
  public FolderManifest specs(List<SpecSummary> specs) {
    ArrayNode a = root.putArray("specs");
    for (SpecSummary s : specs) {
      a.addObject().put("name", s.name()).put("file", s.source().toString()).put("sha256", s.sha256());
    }
    return this;
  }

  /** A file it was made from (a batch file, benchmark data). */
  public FolderManifest input(String key, Path file) {
    root.put(key, file.toString());
    return this;
  }

  /** Seed, samples, threads and design. */
  public FolderManifest options(RunOptions options) {
    root.put("seed", options.seed());
    root.put("samples", options.samples());
    root.put("threads", options.threads());
    root.put("design", options.designName());
    return this;
  }

  /** The wall time since {@code wallStart} (System.nanoTime()). */
  public void write(Path file, long wallStart) throws IOException {
    root.put("wall_seconds", (System.nanoTime() - wallStart) / 1e9);
    Json.write(root, file);
  }
}
