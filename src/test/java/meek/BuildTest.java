package meek;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The build knows its commit (meek --version, manifest.json), and CITATION.cff says what meek is. */
class BuildTest {

  @Test
  void theCommitIsTheWorkTreesHead() throws IOException, InterruptedException {
    String commit = Build.commit();
    assertThat(commit).matches("[0-9a-f]{7,40}(-dirty)?|unknown");
    Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
    String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    Assumptions.assumeTrue(git.waitFor() == 0 && head.matches("[0-9a-f]{40}"), "not in a git work tree");
    assertThat(head).startsWith(commit.replace("-dirty", ""));
  }

  @Test
  void theCitationFileNamesMeekItsVersionAndThePaper() throws IOException {
    JsonNode cff = new ObjectMapper(new YAMLFactory()).readTree(Path.of("CITATION.cff").toFile());
    assertThat(cff.path("cff-version").asText()).isEqualTo("1.2.0");
    assertThat(cff.path("title").asText()).startsWith("meek");
    assertThat(cff.path("authors").size()).isPositive();
    Matcher pom = Pattern.compile("<artifactId>meek</artifactId>\\s*<version>([^<]+)</version>").matcher(Files.readString(Path.of("pom.xml")));
    assertThat(pom.find()).isTrue();
    assertThat(cff.path("version").asText()).isEqualTo(pom.group(1));
    assertThat(cff.path("references").get(0).path("title").asText()).isEqualTo("Meek Models Shall Inherit the Earth");
    assertThat(cff.path("references").get(0).path("identifiers").get(0).path("value").asText()).isEqualTo("arXiv:2507.07931");
  }
}
