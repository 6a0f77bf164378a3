package meek.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import meek.spec.Batch;
import meek.spec.Spec;

/** A batch as the pipeline runs and reports it: its runs in order, each with what its folder and the index show of it. */
public final class BatchPlan {

  /**
   * One run of the batch.
   *
   * @param name its folder name, made from the overrides (or given)
   * @param base the spec file it starts from
   * @param baseText that file's text (its comments name the sources for references.bib)
   * @param overrides parameter → the value given, as YAML flow text (for tables)
   * @param specYaml the composed spec, as written to the run's {@code spec.yaml}
   * @param sha256 the composed spec's hash (what a resume compares)
   * @param title the composed spec's title
   */
  public record Job(String name, Path base, String baseText, Map<String, String> overrides, byte[] specYaml, String sha256, String title) {}

  private final Batch batch;
  private final List<Job> jobs;

  private BatchPlan(Batch batch) {
    this.batch = batch;
    this.jobs = batch.runs().stream()
        .map(r -> new Job(r.name(), r.base(), r.baseText(), r.overrides(), r.specYaml(), r.spec().sha256(), r.spec().title()))
        .toList();
  }

  public static BatchPlan of(Batch batch) {
    return new BatchPlan(batch);
  }

  /** The batch file. */
  public Path source() {
    return batch.source();
  }

  /** The batch file's text, as read. */
  public String text() {
    return batch.text();
  }

  /** The batch's name (its results folder). */
  public String name() {
    return batch.name();
  }

  public String title() {
    return batch.title();
  }

  /** "grid" or "runs". */
  public String kind() {
    return batch.kind();
  }

  public List<Job> jobs() {
    return jobs;
  }

  /** The files the batch reads: the batch file, its base specs and their data. */
  public List<Path> inputs() {
    List<Path> inputs = new java.util.ArrayList<>(List.of(batch.source()));
    for (Batch.Run r : batch.runs()) {
      if (!inputs.contains(r.base())) {
        inputs.add(r.base());
      }
      r.spec().inputs().stream().skip(1).filter(p -> !inputs.contains(p)).forEach(inputs::add);
    }
    return inputs;
  }

  /** The composed spec of job i. */
  Spec spec(int index) {
    return batch.runs().get(index).spec();
  }
}
