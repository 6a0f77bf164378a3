package meek.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import meek.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every result appears whole or not at all, and only meek's own staging is ever cleared. */
class PublishTest {

  @TempDir Path dir;

  private String[] listing() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
    }
  }

  @Test
  void aFolderAppearsOnlyWhenCommitted() throws IOException {
    Path target = dir.resolve("out");
    try (Publish.Folder f = Publish.folder(target, false)) {
      Files.writeString(f.file("a.txt"), "a");
      assertThat(target).doesNotExist();
      f.commit();
    }
    assertThat(target.resolve("a.txt")).hasContent("a");
    assertThat(listing()).containsExactly("out");
  }

  @Test
  void anUncommittedFolderLeavesTheOldOneAndNoStaging() throws IOException {
    Path target = dir.resolve("out");
    Files.createDirectories(target);
    Files.writeString(target.resolve("old.txt"), "old");
    try (Publish.Folder f = Publish.folder(target, true)) {
      Files.writeString(f.file("new.txt"), "new");
    }
    assertThat(target.resolve("old.txt")).hasContent("old");
    assertThat(listing()).containsExactly("out");
    try (Publish.Folder f = Publish.folder(target, true)) {
      Files.writeString(f.file("new.txt"), "new");
      f.commit();
    }
    assertThat(target.resolve("new.txt")).hasContent("new");
    assertThat(target.resolve("old.txt")).doesNotExist();
    assertThat(listing()).containsExactly("out");
  }

  @Test
  void anExistingTargetNeedsForce() throws IOException {
    Path target = Files.createDirectories(dir.resolve("out"));
    assertThatThrownBy(() -> Publish.folder(target, false)).isInstanceOf(InputException.class).hasMessageContaining("already exists");
    Path file = Files.writeString(dir.resolve("f"), "x");
    assertThatThrownBy(() -> Publish.checkFolder(file, true)).isInstanceOf(InputException.class).hasMessageContaining("not a folder");
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
    assertThat(listing()).containsExactly("index.json");
  }

  @Test
  void staleStagingIsMeeksOwnOnly() throws IOException {
    Files.createDirectories(dir.resolve(".run.tmp-123"));
    Files.writeString(dir.resolve(".run.tmp-123").resolve("summary.json"), "{");
    Files.createDirectories(dir.resolve(".run.old-9"));
    Files.writeString(dir.resolve(".notes"), "mine");
    Files.writeString(dir.resolve("draft.tmp"), "mine");
    Files.createDirectories(dir.resolve("run"));
    Publish.removeStaleStaging(dir);
    assertThat(listing()).containsExactly(".notes", "draft.tmp", "run");
  }
}
