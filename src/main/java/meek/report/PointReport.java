package meek.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import meek.model.GapModel;
import meek.model.GapOutcome;
import meek.model.LossView;
import meek.model.ScalarOutput;
import meek.run.PointEvaluation;

/** {@code meek point}'s table (or JSON): the parameters at their medians, every output, and the gap by year. */
public final class PointReport {

  private PointReport() {}

  public static void print(PointEvaluation e, PrintWriter out) {
    GapModel.Point p = e.point();
    double base = e.spec().baselineYear();
    out.printf("%s: the model at every parameter's median (%s)%n", e.spec().title(), p.outcome().key());
    int width = e.parameters().stream().mapToInt(String::length).max().orElse(6);
    for (int i = 0; i < e.parameters().size(); i++) {
      out.printf(Locale.ROOT, "  %-" + width + "s = %s%n", e.parameters().get(i), Numbers.compact(e.medians()[i]));
    }
    if (p.outcome() == GapOutcome.INVALID) {
      out.printf("  %s lies outside its domain at its median: no output is defined%n", e.parameters().get(p.invalidParameter()));
      return;
    }
    int described = e.outputs().stream().mapToInt(o -> o.description().length()).max().orElse(40);
    for (int k = 0; k < e.outputs().size(); k++) {
      ScalarOutput o = e.outputs().get(k);
      if (o.calendarYear()) {
        continue; // shown beside its duration
      }
      double v = p.scalars()[k];
      // +∞ is "never" for a time, "unbounded" for a gap (as run and cite say it)
      String value = (Double.isInfinite(v) ? Numbers.of(o, v, 4) : Numbers.sig(v, 4)) + (o.unit().isEmpty() || !Double.isFinite(v) ? "" : " " + o.unit());
      String note = e.yearOf()[k] >= 0 ? Numbers.year(p.scalars()[e.yearOf()[k]])
          : o.name().equals(LossView.PEAK_GAP.name()) ? "K = " + Numbers.sig(p.k(), 4) + " nats"
          : o.unit().equals("years") ? Numbers.year(base + v) : "";
      out.printf(Locale.ROOT, "  %-" + described + "s  %-16s %s%n", o.description(), value, note);
    }
    out.println("  loss gap ΔL by year:");
    for (int i = 0; i < e.years().length; i++) {
      out.printf(Locale.ROOT, "    %-8s %s nats%n", year(base + e.years()[i]), Numbers.sig(p.gaps()[i], 4));
    }
  }

  public static String json(PointEvaluation e) {
    GapModel.Point p = e.point();
    ObjectNode o = Json.object();
    o.put("spec", e.spec().name());
    ObjectNode params = o.putObject("parameters_at_median");
    for (int i = 0; i < e.parameters().size(); i++) {
      params.put(e.parameters().get(i), e.medians()[i]);
    }
    o.put("outcome", p.outcome().key());
    if (p.outcome() == GapOutcome.INVALID) {
      o.put("invalid_parameter", e.parameters().get(p.invalidParameter()));
    }
    for (int k = 0; k < e.outputs().size(); k++) {
      Json.number(o, e.outputs().get(k).name(), p.scalars()[k]);
    }
    Json.number(o, "K_nats", p.k());
    ObjectNode gaps = o.putObject("gap_nats_at_year");
    for (int i = 0; i < e.years().length; i++) {
      Json.number(gaps, year(e.spec().baselineYear() + e.years()[i]), p.gaps()[i]);
    }
    return Json.text(o);
  }

  private static String year(double y) {
    return Numbers.year(y).replaceAll("\\.0$", "");
  }
}
