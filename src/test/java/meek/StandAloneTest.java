package meek;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository stands alone: no file points at a folder beside it, and every "docs/MODEL.md §N" the code,
 * specs and docs cite is a section that exists.
 */
class StandAloneTest {

  private static List<Path> textFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> all = Files.walk(Path.of("."))) {
      all.filter(Files::isRegularFile)
          .filter(p -> !p.startsWith("./target") && !p.startsWith("./.git"))
          .filter(p -> p.toString().matches(".*\\.(java|md|yaml|yml|csv|py|sh|bib|properties|xml|cff|json)$") || p.endsWith("meek")
              || p.toString().startsWith("./.ci"))
          .forEach(files::add);
    }
    return files;
  }

  private static String read(Path p) throws IOException {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (MalformedInputException e) {
      return "";
    }
  }

  @Test
  void noFilePointsOutsideTheRepository() throws IOException {
    List<String> offending = new ArrayList<>();
    for (Path p : textFiles()) {
      if (p.endsWith("StandAloneTest.java")) {
        continue;
      }
      String text = read(p);
      if (text.contains("../shared") || text.contains("shared/MODEL.md") || text.contains("shared/peers")) {
        offending.add(p.toString());
      }
    }
    assertThat(offending).isEmpty();
  }

  @Test
  void everyCitedSectionOfTheModelDocumentExists() throws IOException {
    String model = Files.readString(Path.of("docs/MODEL.md"));
    Set<String> sections = new TreeSet<>();
    Matcher heading = Pattern.compile("(?m)^## (\\d+)\\. ").matcher(model);
    while (heading.find()) {
      sections.add(heading.group(1));
    }
    assertThat(sections).contains("1", "2", "3", "4", "5", "6", "7", "8", "9");
    Pattern cite = Pattern.compile("docs/MODEL\\.md §(\\d+)(?:[–-](\\d+))?");
    List<String> missing = new ArrayList<>();
    for (Path p : textFiles()) {
      Matcher m = cite.matcher(read(p));
      while (m.find()) {
        for (String n : m.group(2) == null ? List.of(m.group(1)) : List.of(m.group(1), m.group(2))) {
          if (!sections.contains(n)) {
            missing.add(p + ": §" + n);
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }
}
