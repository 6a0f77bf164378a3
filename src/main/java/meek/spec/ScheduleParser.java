package meek.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import meek.distributions.ParameterDistribution;
import meek.model.Schedules;

/**
 * A growth rate given as a schedule (docs/MODEL.md §7): {@code [{until: T1, rate: r1}, …, {rate: rn}]} with
 * T1 &lt; T2 &lt; … in years after the baseline; rates may be distributions. Segment 0's rate is the
 * parameter itself; later ones are named by {@link Schedules#segmentName} ("g_inv.1", …).
 */
final class ScheduleParser {

  private final Where cx;
  private final DistributionParser parser;

  ScheduleParser(Where cx, DistributionParser parser) {
    this.cx = cx;
    this.parser = parser;
  }

  /**
   * Reads the schedule of {@code rate} (a parameter name) from {@code list}: segment 0's rate into {@code
   * first} under the rate's name, later ones into {@code later}.
   *
   * @param key the YAML path of the list, for messages
   * @return the segment boundaries
   */
  double[] read(JsonNode list, String rate, String key, Map<String, ParameterDistribution> first,
      Map<String, ParameterDistribution> later) {
    if (list.isEmpty()) {
      throw cx.error(key, "an empty schedule", "give segments, e.g. [{until: 5, rate: 3.6}, {rate: 1.0}]");
    }
    double[] bounds = new double[list.size() - 1];
    for (int i = 0; i < list.size(); i++) {
      JsonNode seg = list.get(i);
      String k = key + "[" + i + "]";
      if (!seg.isObject()) {
        throw cx.error(k, "a segment must be a mapping {until: T, rate: r}", "e.g. [{until: 5, rate: 3.6}, {rate: 1.0}]");
      }
      cx.checkKeys(seg, k, Set.of("until", "rate"), "a schedule key");
      if (!seg.has("rate")) {
        throw cx.error(k, "missing 'rate'", "add rate: <number or distribution>");
      }
      boolean last = i == list.size() - 1;
      if (last && seg.has("until")) {
        throw cx.error(k + ".until", "the last segment runs on for ever and takes no 'until'", "drop until: from the last segment");
      }
      if (!last) {
        if (!seg.has("until")) {
          throw cx.error(k, "every segment but the last needs 'until' (years after the baseline)", "e.g. {until: 5, rate: 3.6}");
        }
        bounds[i] = parser.number(seg.get("until"), k + ".until");
        double previous = i == 0 ? 0 : bounds[i - 1];
        if (!(bounds[i] > previous)) {
          throw cx.error(k + ".until", "segments must be in order without overlap: until " + bounds[i]
              + " is not after " + previous, "give increasing until: values, each > 0");
        }
      }
      ParameterDistribution value = parser.parse(seg.get("rate"), k + ".rate");
      if (i == 0) {
        first.put(rate, value);
      } else {
        later.put(Schedules.segmentName(rate, i), value);
      }
    }
    return bounds;
  }
}
