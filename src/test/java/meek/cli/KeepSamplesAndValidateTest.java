package meek.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeepSamplesAndValidateTest {

  @TempDir Path dir;

  private static List<String> lines(Path gz) throws IOException {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
      List<String> out = new ArrayList<>();
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        out.add(l);
      }
      return out;
    }
  }

  @Test
  void keptSamplesAreEveryDrawInOrderAndAgreeWithTheSummary() throws IOException {
    Path gz = dir.resolve("s.csv.gz");
    Path out = dir.resolve("out");
    int n = 30_000;
    CliRunner.Result r = CliRunner.run("run", "distributions/chinchilla.yaml", "--samples", "" + n, "--threads", "2",
        "--out", out.toString(), "--keep-samples", gz.toString(), "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = lines(gz);
    assertThat(lines).hasSize(n + 1);
    List<String> header = Arrays.asList(lines.get(0).split(","));
    assertThat(header).startsWith("sample", "alpha", "A", "L0", "C0", "g_alg", "g_hw", "g_inv", "outcome", "inflection_time_years");
    int col = header.indexOf("inflection_time_years");
    double[] tStar = new double[n];
    for (int i = 1; i <= n; i++) {
      String[] cells = lines.get(i).split(",");
      assertThat(Integer.parseInt(cells[0])).isEqualTo(i - 1);
      tStar[i - 1] = Double.parseDouble(cells[col]);
    }
    // the median of the kept column, by a full sort, is the summary's p50 (type 7 at an even n: midpoint)
    Arrays.sort(tStar);
    double median = (tStar[n / 2 - 1] + tStar[n / 2]) / 2;
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(summary.at("/outputs/inflection_time_years/p50").asDouble()).isCloseTo(median, within(1e-12));
  }

  @Test
  void keptSamplesDoNotDependOnThreads() throws IOException {
    byte[][] content = new byte[2][];
    String[] threads = {"1", "3"};
    for (int k = 0; k < 2; k++) {
      Path gz = dir.resolve("s" + k + ".csv.gz");
      CliRunner.Result r = CliRunner.run("run", "distributions/kaplan.yaml", "--samples", "20000", "--threads", threads[k],
          "--design", "lhs", "--out", dir.resolve("o" + k).toString(), "--keep-samples", gz.toString(), "--quiet");
      assertThat(r.code()).as(r.err()).isZero();
      content[k] = String.join("\n", lines(gz)).getBytes(StandardCharsets.UTF_8);
    }
    assertThat(content[1]).isEqualTo(content[0]);
  }

  @Test
  void existingSamplesFileIsKeptWithoutForce() throws IOException {
    Path gz = dir.resolve("s.csv.gz");
    Files.writeString(gz, "precious");
    CliRunner.Result r = CliRunner.run("run", "distributions/chinchilla.yaml", "--samples", "1000",
        "--out", dir.resolve("out").toString(), "--keep-samples", gz.toString(), "--quiet");
    assertThat(r.code()).isEqualTo(2);
    // a file meek did not write is never replaced: no --force offered
    assertThat(r.err().strip()).startsWith("meek: ").doesNotContain("\n").contains("was not written by meek").doesNotContain("--force");
    assertThat(CliRunner.run("run", "distributions/chinchilla.yaml", "--samples", "1000", "--out", dir.resolve("out").toString(),
        "--keep-samples", gz.toString(), "--quiet", "--force").code()).isEqualTo(2);
    assertThat(gz).hasContent("precious");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void validateShowsTheResolvedDistributions() throws IOException {
    CliRunner.Result r = CliRunner.run("validate", "distributions/chinchilla.yaml", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode v = new ObjectMapper().readTree(r.out());
    // g_alg is given by its 95% CI 1.81–5.28 (Ho et al.): its p5 is exp(mu − 1.645·sigma), computed here
    double mu = (Math.log(1.81) + Math.log(5.28)) / 2;
    double sigma = (Math.log(5.28) - Math.log(1.81)) / (2 * 1.959963984540054);
    assertThat(v.at("/params/g_alg/p5").asDouble()).isCloseTo(Math.exp(mu - 1.6448536269514722 * sigma), within(1e-9));
    assertThat(v.at("/params/g_alg/p50").asDouble()).isCloseTo(Math.exp(mu), within(1e-9));
    assertThat(v.at("/params/g_alg/mean").asDouble()).isCloseTo(Math.exp(mu + sigma * sigma / 2), within(1e-9));
    assertThat(v.at("/params/A/distribution/dist").asText()).isEqualTo("constant");

    CliRunner.Result table = CliRunner.run("validate", "distributions/chinchilla.yaml");
    assertThat(table.out()).contains("(valid)").contains("g_alg").contains("lognormal").contains("independent");
  }

  @Test
  void validateRejectsBadInputLikeRun() throws IOException {
    Path spec = dir.resolve("s.yaml");
    Files.writeString(spec, BadInputTest.VALID.replace("sd: 0.01", "sd: -1"));
    CliRunner.Result r = CliRunner.run("validate", spec.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("meek: ").contains("params.alpha").doesNotContain("\n");
  }
}
