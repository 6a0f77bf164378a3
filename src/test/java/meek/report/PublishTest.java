package meek.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import meek.InputException;
import meek.RuntimeFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every result appears whole or not at all; meek replaces only what it made; one run at a time writes a
 * target; only meek's own staging is ever cleared.
 */
class PublishTest {

  @TempDir Path dir;

  private String[] listing(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
    }
  }

  /** Publishes a folder holding a meek manifest and one file. */
  private void publish(Path target, boolean force, String content) throws IOException {
    try (Publish.Claim claim = Publish.claimFolder(target, ResultFiles.WrittenBy.RUN, force, List.of()); Publish.Folder f = claim.stage()) {
      Files.writeString(f.file("manifest.json"), "{\"tool\": \"meek\"}");
      Files.writeString(f.file("summary.md"), content);
      assertThat(target.resolve("summary.md")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(), p -> assertThat(p).hasContent("old"));
      f.commit();
    }
  }

  @Test
  void aFolderAppearsWholeOnCommitAndNothingIsLeftBeside() throws IOException {
    Path target = dir.resolve("out");
    publish(target, false, "one");
    assertThat(target.resolve("summary.md")).hasContent("one");
    assertThat(listing(dir)).containsExactly("out"); // no staging, no lock file
  }

  /** A full disk while writing: one line naming the folder, the old results kept, no staging left. */
  @Test
  void aWriteThatFailsIsOneLineAndLeavesTheOldResults() throws IOException {
    Path target = dir.resolve("out");
    publish(target, false, "old");
    try (Publish.Claim claim = Publish.claimFolder(target, ResultFiles.WrittenBy.RUN, true, List.of()); Publish.Folder f = claim.stage()) {
      assertThatThrownBy(() -> f.publish(folder -> {
        Files.writeString(folder.file("summary.md"), "half");
        throw new FileSystemException(folder.file("b.png").toString(), null, "No space left on device");
      })).isInstanceOf(RuntimeFailure.class)
          .hasMessage(target + ": cannot be written (No space left on device); nothing was written");
    }
    assertThat(target.resolve("summary.md")).hasContent("old");
    assertThat(listing(dir)).containsExactly("out");
  }

  @Test
  void anUncommittedFolderLeavesTheOldOne() throws IOException {
    Path target = dir.resolve("out");
    publish(target, false, "old");
    try (Publish.Claim claim = Publish.claimFolder(target, ResultFiles.WrittenBy.RUN, true, List.of()); Publish.Folder f = claim.stage()) {
      Files.writeString(f.file("summary.md"), "new");
    }
    assertThat(target.resolve("summary.md")).hasContent("old");
    assertThat(listing(dir)).containsExactly("out");
  }

  @Test
  void aMeekFolderIsReplacedOnlyWithForce() throws IOException {
    Path target = dir.resolve("out");
    publish(target, false, "old");
    assertThatThrownBy(() -> Publish.claimFolder(target, ResultFiles.WrittenBy.RUN, false, List.of())).isInstanceOf(InputException.class)
        .hasMessage(target + ": already exists; pass --force to replace it, or choose another folder with --out");
    publish(target, true, "new");
    assertThat(target.resolve("summary.md")).hasContent("new");
  }

  @Test
  void anEmptyFolderMayBeWrittenWithoutForce() throws IOException {
    Path target = Files.createDirectories(dir.resolve("empty"));
    publish(target, false, "x");
    assertThat(target.resolve("summary.md")).hasContent("x");
  }

  @Test
  void aFolderMeekDidNotWriteIsNeverReplacedEvenWithForce() throws IOException {
    Path thesis = Files.createDirectories(dir.resolve("victim"));
    Files.writeString(thesis.resolve("thesis.tex"), "years of work");
    for (boolean force : new boolean[] {false, true}) {
      assertThatThrownBy(() -> Publish.claimFolder(thesis, ResultFiles.WrittenBy.RUN, force, List.of())).isInstanceOf(InputException.class)
          .hasMessageContaining("was not written by meek").hasMessageNotContaining("--force");
    }
    // a manifest that is not meek's does not count
    Files.writeString(thesis.resolve("manifest.json"), "{\"tool\": \"other\"}");
    assertThatThrownBy(() -> Publish.claimFolder(thesis, ResultFiles.WrittenBy.RUN, true, List.of())).hasMessageContaining("was not written by meek");
    assertThat(thesis.resolve("thesis.tex")).hasContent("years of work");
    Path file = Files.writeString(dir.resolve("notes.txt"), "x");
    assertThatThrownBy(() -> Publish.claimFolder(file, ResultFiles.WrittenBy.RUN, true, List.of())).hasMessageContaining("is not a folder");
  }

  @Test
  void theCurrentFolderItsParentsAGitWorkTreeAndAFolderHoldingAnInputAreRefused() throws IOException {
    for (Path p : List.of(Path.of(""), Path.of("."), Path.of("..").toAbsolutePath(), Path.of("/"))) {
      assertThatThrownBy(() -> Publish.claimFolder(p, ResultFiles.WrittenBy.RUN, true, List.of())).as(p.toString()).isInstanceOf(InputException.class)
          .hasMessageContaining("is the current folder or holds it").hasMessageNotContaining("--force");
    }
    Path repo = Files.createDirectories(dir.resolve("repo").resolve(".git")).getParent();
    Files.writeString(repo.resolve("manifest.json"), "{\"tool\": \"meek\"}");
    assertThatThrownBy(() -> Publish.claimFolder(repo, ResultFiles.WrittenBy.RUN, true, List.of())).hasMessageContaining("is a git work tree");
    Path specs = Files.createDirectories(dir.resolve("specs"));
    Path spec = Files.writeString(specs.resolve("a.yaml"), "params: {}");
    assertThatThrownBy(() -> Publish.claimFolder(specs, ResultFiles.WrittenBy.RUN, true, List.of(spec))).hasMessageContaining("holds " + spec);
    assertThatThrownBy(() -> Publish.claimFolder(dir, ResultFiles.WrittenBy.RUN, true, List.of(spec))).hasMessageContaining("holds " + spec);
    assertThat(spec).exists();
  }

  @Test
  void aLinkIsFollowedToWhatItNames() throws IOException {
    Path other = Files.createDirectories(dir.resolve("other"));
    Files.writeString(other.resolve("keep.txt"), "mine");
    Path link = Files.createSymbolicLink(dir.resolve("link"), other);
    assertThatThrownBy(() -> Publish.claimFolder(link, ResultFiles.WrittenBy.RUN, true, List.of())).hasMessageContaining("was not written by meek");
    Path meeks = dir.resolve("meeks");
    publish(meeks, false, "old");
    Path toMeeks = Files.createSymbolicLink(dir.resolve("to-meeks"), meeks);
    publish(toMeeks, true, "new");
    assertThat(Files.isSymbolicLink(toMeeks)).isTrue();
    assertThat(meeks.resolve("summary.md")).hasContent("new");
    assertThat(other.resolve("keep.txt")).hasContent("mine");
  }

  @Test
  void aTargetClaimedByARunCannotBeClaimedByAnother() throws IOException {
    Path target = dir.resolve("out");
    try (Publish.Claim first = Publish.claimFolder(target, ResultFiles.WrittenBy.RUN, false, List.of())) {
      assertThatThrownBy(() -> Publish.claimFolder(target, ResultFiles.WrittenBy.RUN, false, List.of())).isInstanceOf(RuntimeFailure.class)
          .hasMessage(target + ": is being written by another meek run; wait for it to finish, or choose another --out");
    }
    publish(target, false, "after"); // released: the next run may
  }

  @Test
  void staleStagingIsClearedByTheNextClaimAndOnlyMeeks() throws IOException {
    Files.createDirectories(dir.resolve(".run.tmp-123"));
    Files.writeString(dir.resolve(".run.tmp-123").resolve("summary.json"), "{");
    Files.createDirectories(dir.resolve(".run.old-9"));
    Files.writeString(dir.resolve(".run.lock"), ""); // a killed run's lock file: no lock held
    Files.createDirectories(dir.resolve(".other.tmp-1")); // staging of another target: not this claim's business
    Files.writeString(dir.resolve(".notes"), "mine");
    Files.writeString(dir.resolve("draft.tmp"), "mine");
    publish(dir.resolve("run"), false, "x");
    assertThat(listing(dir)).containsExactly(".notes", ".other.tmp-1", "draft.tmp", "run");
  }

  @Test
  void aFileIsWrittenUnderItsOwnNameAndMovedIntoPlace() throws IOException {
    Path target = dir.resolve("index.json");
    Publish.write(target, f -> {
      assertThat(f.getFileName().toString()).isEqualTo("index.json");
      assertThat(f.getParent()).isNotEqualTo(dir);
      Files.writeString(f, "1");
    });
    Publish.write(target, f -> Files.writeString(f, "2"));
    assertThat(target).hasContent("2");
    assertThatThrownBy(() -> Publish.write(target, f -> {
      Files.writeString(f, "3");
      throw new IOException("disk full");
    })).hasMessage("disk full");
    assertThat(target).hasContent("2");
    assertThat(listing(dir)).containsExactly("index.json");
  }

  private static void gzip(Path file, String text) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void aSampleFileReplacesOnlyMeeksOwnAndNeverAnInput() throws IOException {
    Path spec = Files.writeString(dir.resolve("spec.yaml"), "params: {}");
    assertThatThrownBy(() -> Publish.claimFile(spec, true, List.of(spec), "--keep-samples")).isInstanceOf(InputException.class)
        .hasMessageContaining("which meek reads");
    Path data = dir.resolve("data.csv.gz");
    gzip(data, "year,gap\n2020,1\n");
    assertThatThrownBy(() -> Publish.claimFile(data, true, List.of(), "--keep-samples")).hasMessageContaining("was not written by meek")
        .hasMessageNotContaining("--force");
    Path samples = dir.resolve("samples.csv.gz");
    gzip(samples, "sample,alpha\n0,0.155\n");
    assertThatThrownBy(() -> Publish.claimFile(samples, false, List.of(), "--keep-samples")).hasMessageContaining("pass --force");
    try (Publish.Claim c = Publish.claimFile(samples, true, List.of(), "--keep-samples"); Publish.StagedFile f = c.stageFile()) {
      gzip(f.path(), "sample,alpha\n0,0.2\n");
      f.commit();
    }
    assertThat(listing(dir)).containsExactly("data.csv.gz", "samples.csv.gz", "spec.yaml");
    assertThatThrownBy(() -> Publish.claimFile(dir, true, List.of(), "--keep-samples")).hasMessageContaining("is a folder");
  }
}
