package meek.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import meek.stats.OutputSummary;
import meek.stats.QuantileEstimate;

/**
 * How every JSON file meek writes is made (Jackson, indented): one mapper, non-finite numbers as null (a
 * time quantile of null means "never", +∞; see {@code n_infinite}), and the one block every output gets.
 */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static void write(Object node, Path file) throws IOException {
    MAPPER.writeValue(file.toFile(), node);
  }

  static String text(Object node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A number, or null when it is not finite. */
  static void number(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }

  static void numberIn(ArrayNode a, double v) {
    if (Double.isFinite(v)) {
      a.add(v);
    } else {
      a.addNull();
    }
  }

  /** [lo, hi], each null when not finite. */
  static ArrayNode pair(double lo, double hi) {
    ArrayNode a = MAPPER.createArrayNode();
    numberIn(a, lo);
    numberIn(a, hi);
    return a;
  }

  /** One output's block: unit, n, n_infinite, mean, sd, p1 … p99 and their ci95 pairs (null: not finite). */
  static ObjectNode output(OutputSummary s) {
    ObjectNode o = object();
    o.put("unit", s.output().unit());
    if (s.output().duration() && Double.isFinite(s.output().startYear())) {
      o.put("after_year", s.output().startYear()); // the calendar year a duration counts from
    }
    o.put("n", s.n());
    o.put("n_infinite", s.infinite());
    number(o, "mean", s.mean());
    number(o, "sd", s.sd());
    for (QuantileEstimate q : s.quantiles()) {
      number(o, q.key(), q.value());
    }
    ObjectNode ci = o.putObject("ci95");
    for (QuantileEstimate q : s.quantiles()) {
      ci.set(q.key(), pair(q.ciLower(), q.ciUpper()));
    }
    return o;
  }
}
