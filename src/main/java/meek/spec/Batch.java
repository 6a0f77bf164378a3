package meek.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A batch: one base spec and the runs made from it by overriding parameters.
 *
 * @param source the batch file
 * @param name the batch's name (its results folder)
 * @param title for tables and charts
 * @param kind "grid" or "runs"
 * @param runs in file order (a grid: every combination, the last key varying fastest)
 * @param text the batch file's text, as read (it is read once)
 */
public record Batch(Path source, String name, String title, String kind, List<Run> runs, String text) {

  /**
   * One run of a batch.
   *
   * @param name its folder name, made from the overrides (or given)
   * @param base the spec file it starts from
   * @param baseText that file's text (its comments name the sources for references.bib)
   * @param overrides parameter → the value given, as YAML flow text (for tables)
   * @param specYaml the composed spec, as written to the run's {@code spec.yaml}
   * @param spec the composed spec, parsed and validated
   */
  public record Run(String name, Path base, String baseText, Map<String, String> overrides, byte[] specYaml, Spec spec) {}
}
