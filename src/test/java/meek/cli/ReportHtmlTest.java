package meek.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import meek.report.HtmlReport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of results folder gets a self-contained report.html: checked as a document (jsoup) and in a
 * real headless Chromium (when one is installed; .ci/run installs Debian's): the rendered page shows the
 * numbers of summary.json, the fan hover reads fan.csv, no request leaves the file (Chromium's own network
 * log, with a control page that does make one), and the screenshot is not blank.
 */
class ReportHtmlTest {

  @TempDir static Path dir;
  private static Path run;
  private static Path compare;
  private static Path sensitivity;
  private static Path batch;
  private static Path fit;

  @BeforeAll
  static void makeFolders() throws IOException {
    run = dir.resolve("run");
    ok("run", "distributions/chinchilla-views.yaml", "--samples", "20000", "--out", run.toString(), "--quiet");
    compare = dir.resolve("compare");
    ok("compare", "distributions/kaplan.yaml", "distributions/chinchilla.yaml", "--samples", "8192", "--out", compare.toString(), "--quiet");
    sensitivity = dir.resolve("sensitivity");
    ok("sensitivity", "distributions/chinchilla.yaml", "--samples", "8192", "--sobol-rows", "1024", "--bootstrap", "100", "--out",
        sensitivity.toString(), "--quiet");
    batch = dir.resolve("batch");
    ok("batch", "distributions/batches/investment.yaml", "--samples", "4096", "--out", batch.toString(), "--quiet");
    fit = dir.resolve("fit");
    ok("fit-benchmark", "distributions/data/mmlu.csv", "--out", fit.toString());
  }

  private static void ok(String... args) {
    CliRunner.Result r = CliRunner.run(args);
    assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isZero();
  }

  private List<Path> folders() {
    return List.of(run, compare, sensitivity, batch, batch.resolve("g_inv-5"), fit);
  }

  @Test
  void everyResultsFolderHasAReportThatNeedsNothingElse() throws IOException {
    for (Path folder : folders()) {
      Path report = folder.resolve(HtmlReport.FILE);
      assertThat(report).as(folder.toString()).isRegularFile();
      Document doc = Jsoup.parse(report.toFile(), "UTF-8");
      Element csp = doc.selectFirst("meta[http-equiv=Content-Security-Policy]");
      assertThat(csp).as(folder + ": a CSP that forbids requests").isNotNull();
      assertThat(csp.attr("content")).startsWith("default-src 'none'");
      assertThat(doc.select("link, iframe, object, embed, base")).as(folder.toString()).isEmpty();
      for (Element e : doc.select("[src], [href], [xlink:href], [srcset], [poster]")) {
        for (String attr : List.of("src", "srcset", "poster", "xlink:href")) {
          assertThat(e.attr(attr)).as(folder + ": " + e.tagName() + " " + attr).matches("|data:.*|#.*");
        }
        if (e.hasAttr("href") && !e.tagName().equals("a")) {
          assertThat(e.attr("href")).as(folder + ": " + e.tagName() + " href").matches("data:.*|#.*");
        }
      }
      assertThat(doc.select("style").html()).doesNotContainPattern("url\\((?!['\"]?(data:|#))").doesNotContain("@import");
      // every chart of the folder is in the page, inline
      Set<String> charts = new HashSet<>();
      try (Stream<Path> files = Files.list(folder)) {
        files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".svg")).forEach(charts::add);
      }
      assertThat(charts).as(folder.toString()).isNotEmpty();
      Set<String> inline = new HashSet<>();
      for (Element f : doc.select("figure[id^=chart-]")) {
        assertThat(f.selectFirst("svg")).isNotNull();
        inline.add(f.id().substring("chart-".length()) + ".svg");
      }
      assertThat(inline).as(folder.toString()).isEqualTo(charts);
      assertThat(doc.select("pre code").text()).as(folder + ": the input as run").isNotBlank();
      assertThat(doc.text()).contains("As run", "tool commit");
    }
  }

  @Test
  void theRunReportShowsTheNumbersOfSummaryJsonAndItsSpec() throws IOException {
    JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
    Document doc = Jsoup.parse(run.resolve(HtmlReport.FILE).toFile(), "UTF-8");
    String text = doc.text();
    for (String out : List.of("inflection_time_years", "peak_gap_nats", "benchmark_peak_gap_points")) {
      for (String q : List.of("p5", "p50", "p95")) {
        assertThat(text).as(out + " " + q).contains(sig3(summary.at("/outputs/" + out + "/" + q).asDouble()));
      }
    }
    assertThat(text).contains("N = 20,000", "seed 1", summary.path("spec").asText());
    JsonNode manifest = new ObjectMapper().readTree(run.resolve("manifest.json").toFile());
    assertThat(text).contains(manifest.path("spec_sha256").asText(), manifest.path("tool_commit").asText());
    assertThat(doc.select("pre code").text()).contains("L_mid").contains("g_inv");
    assertThat(doc.select("figure.fan")).hasSize(3);
  }

  @Test
  void theSameSpecAndSeedGiveTheSameReportOnAnyThreadCount() throws IOException {
    Path one = dir.resolve("run-one-thread");
    ok("run", "distributions/chinchilla-views.yaml", "--samples", "20000", "--threads", "1", "--out", one.toString(), "--quiet");
    assertThat(Files.readString(one.resolve(HtmlReport.FILE))).isEqualTo(Files.readString(run.resolve(HtmlReport.FILE)));
  }

  @Test
  void aTitleIsShownAsWrittenNeverAsMarkdownOrALink() throws IOException {
    Path spec = dir.resolve("titled.yaml");
    String title = "[x](http://evil.example/a) [y](javascript:alert(1)) **bold** <b>tag</b>";
    Files.writeString(spec, Files.readString(Path.of("distributions/paper-chinchilla.yaml"))
        .replaceFirst("(?m)^title: .*$", "title: '" + title + "'"));
    Path out = dir.resolve("titled");
    ok("run", spec.toString(), "--samples", "1000", "--out", out.toString(), "--quiet");
    Document doc = Jsoup.parse(out.resolve(HtmlReport.FILE).toFile(), "UTF-8");
    assertThat(doc.select("a[href]")).as("no link of the title's").isEmpty();
    assertThat(doc.select("main strong, main b")).isEmpty();
    assertThat(doc.selectFirst("h1").text()).isEqualTo(title);
    // a title over lines would start sections of its own (a false "Citable sentences" list): refused
    Files.writeString(spec, Files.readString(Path.of("distributions/paper-chinchilla.yaml"))
        .replaceFirst("(?m)^title: .*$", Matcher.quoteReplacement("title: \"a\\n\\n## Citable sentences\\n\\n- false\"")));
    CliRunner.Result r = CliRunner.run("validate", spec.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("title: must be a single line of text");
  }

  private static String sig3(double v) {
    return new BigDecimal(v).round(new MathContext(3, RoundingMode.HALF_UP)).toPlainString();
  }

  // --- in a real browser

  private static Optional<String> chromium() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dirName : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
        if (Files.isExecutable(Path.of(dirName, name))) {
          return Optional.of(Path.of(dirName, name).toString());
        }
      }
    }
    return Optional.empty();
  }

  /** Runs headless Chromium on the page with a fresh profile; returns its stdout (the DOM for --dump-dom). */
  private String browser(Path page, String fragment, String... extra) throws IOException, InterruptedException {
    String exe = chromium().orElseThrow();
    List<String> cmd = new ArrayList<>(List.of(exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--user-data-dir=" + Files.createTempDirectory(dir, "profile-")));
    cmd.addAll(List.of(extra));
    cmd.add(page.toUri() + fragment);
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    return out;
  }

  /** The URLs the page itself asked for, from Chromium's network log (its own background requests are not the page's). */
  private List<String> pageRequests(Path netLog) throws IOException {
    JsonNode log = new ObjectMapper().readTree(netLog.toFile());
    int startJob = log.at("/constants/logEventTypes/URL_REQUEST_START_JOB").asInt(-1);
    List<String> urls = new ArrayList<>();
    for (JsonNode e : log.path("events")) {
      JsonNode params = e.path("params");
      if (e.path("type").asInt() == startJob && params.path("network_isolation_key").asText().startsWith("file://")) {
        urls.add(params.path("url").asText());
      }
    }
    return urls;
  }

  @Test
  void inChromiumThePageRendersItsNumbersHoversTheFanAndFetchesNothing() throws Exception {
    Assumptions.assumeTrue(chromium().isPresent(), "needs chromium (.ci/run installs it)");
    JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
    Path netLog = dir.resolve("net.json");
    String dom = browser(run.resolve(HtmlReport.FILE), "#year=2030", "--dump-dom", "--log-net-log=" + netLog, "--net-log-capture-mode=Everything");
    Document rendered = Jsoup.parse(dom);
    assertThat(rendered.body().attr("data-fans-ready")).as("the script ran").isEqualTo("3");
    String text = rendered.text();
    assertThat(text).contains(sig3(summary.at("/outputs/inflection_time_years/p50").asDouble()),
        sig3(summary.at("/outputs/peak_gap_nats/p50").asDouble()), "N = 20,000");
    // the hover read-out at 2030, against fan.csv's row for 2030
    String tip = rendered.selectFirst("figure#chart-fan .fan-tip").wholeText();
    Matcher m = Pattern.compile("^2030: median ([0-9.e+-]+) nats\\n50%: ([0-9.e+-]+)–([0-9.e+-]+)").matcher(tip);
    assertThat(m.find()).as(tip).isTrue();
    CSVRecord row = fanRow(run.resolve("fan.csv"), 2030);
    assertThat(Double.parseDouble(m.group(1))).isCloseTo(Double.parseDouble(row.get("p50")), org.assertj.core.data.Percentage.withPercentage(0.5));
    assertThat(Double.parseDouble(m.group(2))).isCloseTo(Double.parseDouble(row.get("p25")), org.assertj.core.data.Percentage.withPercentage(0.5));
    assertThat(Double.parseDouble(m.group(3))).isCloseTo(Double.parseDouble(row.get("p75")), org.assertj.core.data.Percentage.withPercentage(0.5));
    assertThat(pageRequests(netLog)).as("requests the page made").isEmpty();

    // the control: the same page without its CSP and with one external image does show up in the log
    Path control = dir.resolve("control.html");
    Files.writeString(control, Files.readString(run.resolve(HtmlReport.FILE), StandardCharsets.UTF_8)
        .replaceFirst("<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "<img src=\"http://example.invalid/x.png\">"));
    Path controlLog = dir.resolve("control-net.json");
    browser(control, "", "--dump-dom", "--log-net-log=" + controlLog, "--net-log-capture-mode=Everything");
    assertThat(pageRequests(controlLog)).contains("http://example.invalid/x.png");

    // the other kinds render and fetch nothing either
    for (Path folder : List.of(compare, sensitivity, batch, fit)) {
      Path log = dir.resolve(folder.getFileName() + "-net.json");
      String d = browser(folder.resolve(HtmlReport.FILE), "", "--dump-dom", "--log-net-log=" + log, "--net-log-capture-mode=Everything");
      assertThat(Jsoup.parse(d).select("svg")).as(folder.toString()).isNotEmpty();
      assertThat(pageRequests(log)).as(folder.toString()).isEmpty();
    }
  }

  @Test
  void inChromiumTheScreenshotIsNotBlank() throws Exception {
    Assumptions.assumeTrue(chromium().isPresent(), "needs chromium (.ci/run installs it)");
    Path shot = dir.resolve("report.png");
    browser(run.resolve(HtmlReport.FILE), "#year=2030", "--window-size=1000,3000", "--hide-scrollbars", "--screenshot=" + shot);
    BufferedImage image = ImageIO.read(shot.toFile());
    assertThat(image).as("a PNG was written").isNotNull();
    long inked = 0;
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        if (rgb != 0xffffff) {
          inked++;
        }
      }
    }
    double total = (image.getHeight() / 2.0) * (image.getWidth() / 2.0);
    assertThat(inked / total).as("share of pixels that are not white").isGreaterThan(0.05);
    assertThat(colours.size()).as("distinct colours (text, tables, the fan's bands)").isGreaterThan(50);
  }

  private static CSVRecord fanRow(Path csv, double year) throws IOException {
    try (CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(Files.newBufferedReader(csv))) {
      for (CSVRecord r : p) {
        if (Double.parseDouble(r.get("year")) == year) {
          return r;
        }
      }
    }
    throw new AssertionError("no row for " + year + " in " + csv);
  }
}
