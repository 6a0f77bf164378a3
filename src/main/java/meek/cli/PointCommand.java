package meek.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.DoubleStream;
import meek.distributions.ParameterDistribution;
import meek.model.GapModel;
import meek.model.LossView;
import meek.model.ModelConfig;
import meek.model.TrainingGap;
import meek.report.Numbers;
import meek.spec.Spec;
import meek.spec.SpecReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec.Target;

/** {@code meek point SPEC}: the model once, at every parameter's median. How a user checks the paper. */
@Command(
    name = "point",
    mixinStandardHelpOptions = true,
    description = "Evaluates the training-gap model once, at each parameter's median, and prints t*, the peak gap, its year, the convergence times and the gap at a few years.")
final class PointCommand implements Callable<Integer> {

  @picocli.CommandLine.Spec(Target.SELF)
  CommandSpec self;

  @Parameters(index = "0", paramLabel = "SPEC", description = "Spec file (YAML)")
  Path specFile;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Option(names = "--years", split = ",", paramLabel = "T", description = "Years after the baseline at which to print the gap (default: 0,1,2,5,10,20,30 within the horizon).")
  double[] years;

  @Override
  public Integer call() throws Exception {
    Spec spec = new SpecReader().read(specFile);
    double[] p = new double[LossView.PARAMETERS.size()];
    ParameterDistribution[] d = spec.distributions(LossView.PARAMETERS);
    for (int i = 0; i < p.length; i++) {
      p[i] = d[i].median();
    }
    TrainingGap gap = TrainingGap.of(p[1], p[0], p[3], p[4], p[5], p[6]);
    double base = spec.baselineYear();
    if (!spec.model().schedules().isEmpty()) {
      return scheduled(spec, base);
    }
    double[] at = years != null ? years : DoubleStream.of(0, 1, 2, 5, 10, 20, 30).filter(t -> t <= spec.horizonYears()).toArray();

    ObjectNode o = new ObjectMapper().createObjectNode();
    o.put("spec", spec.name());
    ObjectNode params = o.putObject("parameters_at_median");
    for (int i = 0; i < p.length; i++) {
      params.put(LossView.PARAMETERS.get(i), p[i]);
    }
    o.put("outcome", gap.outcome().key());
    double tStar = gap.inflectionTime();
    double half = gap.timeBelowFractionOfPeak(0.5);
    double tenth = gap.timeBelowFractionOfPeak(0.1);
    put(o, "inflection_time_years", tStar);
    put(o, "inflection_year", base + tStar);
    put(o, "peak_gap_nats", gap.peakGap());
    put(o, "steepest_decline_time_years", gap.steepestDeclineTime());
    put(o, "half_gap_time_years", half);
    put(o, "half_gap_year", base + half);
    put(o, "tenth_gap_time_years", tenth);
    put(o, "tenth_gap_year", base + tenth);
    put(o, "K_nats", gap.k());
    ObjectNode gaps = o.putObject("gap_nats_at_year");
    for (double t : at) {
      put(gaps, Numbers.year(base + t).replaceAll("\\.0$", ""), gap.gapAt(t));
    }

    PrintWriter out = self.commandLine().getOut();
    if (json) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o));
      return 0;
    }
    out.printf("%s: the model at every parameter's median (%s)%n", spec.title(), gap.outcome().key());
    for (int i = 0; i < p.length; i++) {
      out.printf(Locale.ROOT, "  %-6s = %s%n", LossView.PARAMETERS.get(i), Numbers.compact(p[i]));
    }
    row(out, "inflection time t*", Numbers.sig(tStar, 4) + " years", Numbers.year(base + tStar));
    row(out, "peak gap ΔL*", Numbers.sig(gap.peakGap(), 4) + " nats", "K = " + Numbers.sig(gap.k(), 4) + " nats");
    row(out, "steepest decline", Numbers.sig(gap.steepestDeclineTime(), 4) + " years", Numbers.year(base + gap.steepestDeclineTime()));
    row(out, "below half the peak", Numbers.sig(half, 4) + " years", Numbers.year(base + half));
    row(out, "below a tenth", Numbers.sig(tenth, 4) + " years", Numbers.year(base + tenth));
    out.println("  gap ΔL by year:");
    for (double t : at) {
      out.printf(Locale.ROOT, "    %-8s %s nats%n", Numbers.year(base + t).replaceAll("\\.0$", ""), Numbers.sig(gap.gapAt(t), 4));
    }
    return 0;
  }

  /** With growth schedules: the model's own evaluation at the medians (MODEL.md §7). */
  private int scheduled(Spec spec, double base) throws Exception {
    GapModel model = new GapModel(new ModelConfig(base, spec.model().schedules(), java.util.List.of()));
    ParameterDistribution[] d = spec.distributions(model.parameterNames());
    double[] p = new double[d.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = d[i].median();
    }
    double[] out = new double[model.outputs().size()];
    var outcome = model.newEvaluator().evaluate(p, new double[model.stateWidth()], out);
    ObjectNode o = new ObjectMapper().createObjectNode();
    o.put("spec", spec.name());
    ObjectNode params = o.putObject("parameters_at_median");
    for (int i = 0; i < p.length; i++) {
      params.put(model.parameterNames().get(i), p[i]);
    }
    o.put("outcome", outcome.key());
    for (int i = 0; i < out.length; i++) {
      put(o, model.outputs().get(i).name(), out[i]);
    }
    PrintWriter w = self.commandLine().getOut();
    if (json) {
      w.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o));
      return 0;
    }
    w.printf("%s: the model at every parameter's median, with growth schedules (%s)%n", spec.title(), outcome.key());
    for (int i = 0; i < p.length; i++) {
      w.printf(Locale.ROOT, "  %-8s = %s%n", model.parameterNames().get(i), Numbers.compact(p[i]));
    }
    for (int i = 0; i < out.length; i++) {
      var def = model.outputs().get(i);
      w.printf(Locale.ROOT, "  %-28s %s%n", def.name(), def.calendarYear() ? Numbers.year(out[i]) : Numbers.sig(out[i], 4));
    }
    return 0;
  }

  private static void row(PrintWriter out, String what, String value, String note) {
    out.printf(Locale.ROOT, "  %-22s %-16s %s%n", what, value, note);
  }

  private static void put(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }
}
