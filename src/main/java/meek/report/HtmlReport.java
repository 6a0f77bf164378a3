package meek.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;

/**
 * {@code report.html}: one self-contained page for a results folder, made from the files already written
 * into it (so it says exactly what they say): the Markdown report (citable sentences, the headline table with
 * Monte Carlo CIs, the draws counted apart), every chart as inline SVG, the method notes of the folder's JSON,
 * and the spec as run with its hash, seed, N and meek's version and commit. Styles and the one script (the
 * fan charts' hover) are inline and a Content-Security-Policy forbids every request, so the file can be
 * e-mailed or attached to a supplement. jsoup builds and escapes the document, commonmark renders the Markdown.
 */
public final class HtmlReport {

  public static final String FILE = "report.html";

  /** No request may leave the page: inline styles and scripts only, images as data: URIs. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

  /** A file the folder's results were made from, shown as it was run (a spec, a batch file). */
  public record Input(String label, String text) {}

  /** A fan chart's geometry and unit, for the hover read-out. */
  public record Fan(ChartStyle.PlotArea area, String unit) {}

  /** The quantile columns of a fan's CSV the hover shows: the median and the 50, 80 and 90% bands. */
  private static final List<String> FAN_COLUMNS = List.of("year", "p5", "p10", "p25", "p50", "p75", "p90", "p95");

  private static final Parser MARKDOWN = Parser.builder().extensions(List.of(TablesExtension.create())).build();
  private static final HtmlRenderer HTML = HtmlRenderer.builder().extensions(List.of(TablesExtension.create())).escapeHtml(true).build();

  private HtmlReport() {}

  /**
   * Writes report.html to {@code out} from the files of {@code folder}.
   *
   * @param markdown the folder's Markdown report (the text of summary.md, compare.md, …)
   * @param marker the folder's JSON results (summary.json, …) whose "method" block becomes the method notes, or null
   * @param inputs the files the results were made from
   * @param fans the fan charts by file stem ("fan", "fan_benchmark"), each with a CSV of the same stem
   */
  public static void write(Path folder, Path out, String markdown, String marker, List<Input> inputs, Map<String, Fan> fans)
      throws IOException {
    Document doc = Document.createShell("");
    doc.outputSettings().charset(StandardCharsets.UTF_8).escapeMode(Entities.EscapeMode.base).prettyPrint(false);
    Element head = doc.head();
    head.appendElement("meta").attr("charset", "utf-8");
    head.appendElement("meta").attr("name", "viewport").attr("content", "width=device-width, initial-scale=1");
    head.appendElement("meta").attr("http-equiv", "Content-Security-Policy").attr("content", CONTENT_SECURITY_POLICY);
    head.appendElement("meta").attr("name", "generator").attr("content", "meek " + meek.Build.version() + " (commit " + meek.Build.commit() + ")");
    head.appendElement("style").appendChild(new DataNode(resource("report.css")));

    Element body = doc.body();
    Element content = body.appendElement("main");
    content.html(HTML.render(MARKDOWN.parse(markdown)));
    Element h1 = content.selectFirst("h1");
    doc.title(h1 == null ? "meek results" : h1.text());

    Set<String> shown = new HashSet<>();
    for (Element img : content.select("img")) {
      figureFor(folder, img, fans, shown);
    }
    for (Element a : content.select("a[href]")) { // a batch's links to its runs' reports, not their Markdown
      String href = a.attr("href");
      if (href.matches("(?i)^[a-z][a-z0-9+.-]*:.*") || href.startsWith("//")) {
        a.unwrap(); // meek links only to its own files: anything with a scheme (http:, javascript:) is text, not a link
      } else {
        a.attr("href", href.replaceFirst("(^|/)summary\\.md$", "$1" + FILE));
      }
    }
    List<Path> rest = otherCharts(folder, shown);
    if (!rest.isEmpty()) {
      content.appendElement("h2").text("Charts");
      for (Path svg : rest) {
        content.appendChild(figure(folder, svg.getFileName().toString().replaceFirst("\\.svg$", ""), svg.getFileName().toString(), fans));
      }
    }
    if (marker != null && Files.isRegularFile(folder.resolve(marker))) {
      JsonNode method = Json.MAPPER.readTree(folder.resolve(marker).toFile()).path("method");
      if (method.isObject() && !method.isEmpty()) {
        content.appendElement("h2").text("Method");
        facts(content, method);
      }
    }
    asRun(content, folder, inputs);
    body.appendElement("footer").text("Made by meek " + meek.Build.version() + " (commit " + meek.Build.commit()
        + "). One self-contained file: it fetches nothing" + (content.select("figure.fan").isEmpty() ? "." : "; hover a fan chart to read its quantiles at a year."));
    body.appendElement("script").appendChild(new DataNode(resource("report.js")));
    Files.writeString(out, "<!DOCTYPE html>\n" + doc.outerHtml() + "\n", StandardCharsets.UTF_8);
  }

  /** Replaces a Markdown image of a chart (name.png) with the chart's SVG, as a figure after its paragraph. */
  private static void figureFor(Path folder, Element img, Map<String, Fan> fans, Set<String> shown) throws IOException {
    String src = img.attr("src");
    String stem = src.replaceFirst("\\.(png|svg)$", "");
    Element parent = img.parent();
    Element figure = Files.isRegularFile(folder.resolve(stem + ".svg")) && !src.contains("/")
        ? figure(folder, stem, img.attr("alt"), fans) : null;
    img.remove();
    if (figure == null) {
      return;
    }
    shown.add(stem + ".svg");
    if (parent != null && parent.tagName().equals("p")) {
      parent.after(figure);
      if (parent.text().isBlank()) {
        parent.remove();
      }
    } else if (parent != null) {
      parent.appendChild(figure);
    }
  }

  private static Element figure(Path folder, String stem, String caption, Map<String, Fan> fans) throws IOException {
    Element figure = new Element("figure").attr("id", "chart-" + stem);
    String svgText = Files.readString(folder.resolve(stem + ".svg"), StandardCharsets.UTF_8);
    Element svg = Jsoup.parse(svgText, "", org.jsoup.parser.Parser.xmlParser()).selectFirst("svg");
    if (svg == null) {
      throw new IllegalStateException(stem + ".svg has no svg element");
    }
    String w = svg.attr("width").replaceFirst("\\.0$", "");
    String h = svg.attr("height").replaceFirst("\\.0$", "");
    svg.attr("viewBox", "0 0 " + w + " " + h).removeAttr("width").removeAttr("height").attr("role", "img").attr("aria-label", caption);
    figure.appendChild(svg);
    Fan fan = fans.get(stem);
    if (fan != null && Files.isRegularFile(folder.resolve(stem + ".csv"))) {
      figure.addClass("fan");
      figure.appendElement("div").addClass("fan-tip").attr("aria-live", "polite");
      figure.appendElement("script").attr("type", "application/json").addClass("fan-data").appendChild(new DataNode(fanData(folder.resolve(stem + ".csv"), fan)));
    }
    figure.appendElement("figcaption").text(caption);
    return figure;
  }

  /** The fan's rows (year and the quantiles the hover shows) and its plot area, as JSON safe inside a script element. */
  private static String fanData(Path csv, Fan fan) throws IOException {
    ObjectNode root = Json.object();
    ChartStyle.PlotArea a = fan.area();
    root.put("left", a.left()).put("right", a.right()).put("top", a.top()).put("bottom", a.bottom());
    root.put("lower", a.xLower()).put("upper", a.xUpper()).put("unit", fan.unit());
    ArrayNode rows = root.putArray("rows");
    try (CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(Files.newBufferedReader(csv))) {
      for (CSVRecord r : p) {
        if (r.get("p50").isEmpty()) {
          continue; // not finite at this year (no gap yet: the tokens view at t = 0)
        }
        ArrayNode row = rows.addArray();
        for (String c : FAN_COLUMNS) {
          row.add(r.get(c).isEmpty() ? null : Double.valueOf(r.get(c)));
        }
      }
    }
    // '<' only occurs inside JSON strings, where \u003c means the same: no "</script>" can end the block early
    return Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root).replace("<", "\\u003c");
  }

  /** The charts of the folder the Markdown does not show (a sensitivity's tornado and Sobol charts, …). */
  private static List<Path> otherCharts(Path folder, Set<String> shown) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".svg") && !p.getFileName().toString().startsWith(".")
              && !shown.contains(p.getFileName().toString()))
          .sorted().toList();
    }
  }

  /** The files and options that made the results, from the manifest, and each input as it was run. */
  private static void asRun(Element content, Path folder, List<Input> inputs) throws IOException {
    content.appendElement("h2").text("As run");
    Path manifest = folder.resolve(ResultFiles.MANIFEST);
    if (Files.isRegularFile(manifest)) {
      JsonNode m = Json.MAPPER.readTree(manifest.toFile());
      ObjectNode facts = Json.object();
      for (String k : List.of("kind", "tool_version", "tool_commit", "java_version", "spec_file", "spec_sha256", "seed", "samples", "design",
          "random_source", "block_size")) {
        if (m.has(k) && m.get(k).isValueNode()) {
          facts.set(k, m.get(k));
        }
      }
      if (m.path("specs").isArray()) {
        for (JsonNode s : m.get("specs")) {
          facts.put("spec " + s.path("name").asText(), s.path("file").asText() + " (SHA-256 " + s.path("sha256").asText() + ")");
        }
      }
      facts(content, facts);
      if (m.has("seed")) {
        content.appendElement("p").text("The same spec and seed give the same numbers on any machine and any --threads; timings are in manifest.json.");
      }
    }
    for (Input in : inputs) {
      content.appendElement("h3").text(in.label());
      content.appendElement("pre").appendElement("code").text(in.text());
    }
  }

  private static void facts(Element parent, JsonNode object) {
    Element dl = parent.appendElement("dl").addClass("facts");
    object.properties().forEach(e -> {
      dl.appendElement("dt").text(e.getKey().replace('_', ' '));
      JsonNode v = e.getValue();
      dl.appendElement("dd").text(v.isValueNode() ? v.asText() : v.toString());
    });
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream("/meek/" + name)) {
      if (in == null) {
        throw new IllegalStateException("meek/" + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
