package meek.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import meek.model.ScalarOutput;
import meek.stats.RankCorrelations;
import meek.stats.Sensitivity;
import meek.stats.SobolIndices;
import meek.stats.Tornado;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** sensitivity.json, sensitivity.csv, sensitivity.md and the tornado and Sobol charts. */
public final class SensitivityReport {

  /** Below this total index an input is said to "matter little". */
  static final double SMALL_INDEX = 0.01;

  private SensitivityReport() {}

  static final String SPEARMAN_METHOD =
      "Spearman rank correlation of each input with the output, and partial rank correlation (PRCC: the correlation of the"
          + " ranks after the other inputs' ranks are regressed out), over the draws where the output is defined; 95% CIs from"
          + " Fisher's z (Bonett-Wright standard error for Spearman, n-3-(d-1) degrees of freedom for PRCC)";
  static final String TORNADO_METHOD =
      "one at a time: the output with every input at its median (base), then with one input at its 5th and at its 95th"
          + " percentile while the others stay at their medians (deterministic: no sampling error; ignores correlations)";
  static final String SOBOL_METHOD =
      "Saltelli design with N independent Monte Carlo rows of A and B (N*(d+2) model runs); first-order index by"
          + " Saltelli et al. (2010), total index by Jansen (1999); 95% CIs are bootstrap percentile intervals over rows;"
          + " estimates below 0 are sampling error around a small index and are reported as they are, flagged negative;"
          + " inputs are taken as independent (a spec's correlations are not used)";

  public static ObjectNode json(Sensitivity s) {
    ObjectNode root = JsonReport.MAPPER.createObjectNode();
    root.put("spec", s.spec().name());
    root.put("title", s.spec().title());
    root.put("seed", s.options().seed());
    root.set("inputs", JsonReport.MAPPER.valueToTree(s.inputs()));
    ArrayNode methods = root.putArray("methods");
    ObjectNode described = JsonReport.MAPPER.createObjectNode();
    if (s.ranks() != null) {
      methods.add("spearman");
      ObjectNode m = described.putObject("spearman");
      m.put("samples", s.options().samples());
      m.put("design", s.options().design().name().toLowerCase());
      m.put("correlations_used", s.correlated());
      m.put("description", SPEARMAN_METHOD);
    }
    if (s.tornado() != null) {
      methods.add("tornado");
      described.putObject("tornado").put("description", TORNADO_METHOD);
    }
    if (s.sobol() != null) {
      methods.add("sobol");
      ObjectNode m = described.putObject("sobol");
      m.put("rows", s.sobolRows());
      m.put("model_runs", (long) s.sobolRows() * (s.inputs().size() + 2));
      m.put("bootstrap_resamples", s.bootstrap());
      m.put("correlations_ignored", s.correlated());
      m.put("description", SOBOL_METHOD);
    }
    ObjectNode outputs = root.putObject("outputs");
    for (int k = 0; k < s.outputs().size(); k++) {
      ScalarOutput o = s.outputs().get(k);
      ObjectNode out = outputs.putObject(o.name());
      out.put("unit", o.unit());
      out.put("description", o.description());
      if (s.ranks() != null) {
        RankCorrelations r = s.ranks()[k];
        ObjectNode sp = out.putObject("spearman");
        sp.put("n", r.n());
        sp.put("dropped_undefined", r.dropped());
        ObjectNode by = sp.putObject("inputs");
        for (int i = 0; i < s.inputs().size(); i++) {
          ObjectNode in = by.putObject(s.inputs().get(i));
          JsonReport.number(in, "rho", r.spearman()[i]);
          in.set("rho_ci95", pair(r.spearmanLow()[i], r.spearmanHigh()[i]));
          JsonReport.number(in, "prcc", r.prcc()[i]);
          in.set("prcc_ci95", pair(r.prccLow()[i], r.prccHigh()[i]));
        }
      }
      if (s.tornado() != null) {
        Tornado t = s.tornado();
        ObjectNode to = out.putObject("tornado");
        JsonReport.number(to, "base", t.base()[k]);
        ObjectNode by = to.putObject("inputs");
        for (int i = 0; i < s.inputs().size(); i++) {
          ObjectNode in = by.putObject(s.inputs().get(i));
          in.put("input_p5", t.lowInput()[i]);
          in.put("input_p95", t.highInput()[i]);
          JsonReport.number(in, "output_at_p5", t.low()[i][k]);
          JsonReport.number(in, "output_at_p95", t.high()[i][k]);
          JsonReport.number(in, "swing", t.swing(i, k));
        }
      }
      if (s.sobol() != null) {
        SobolIndices so = s.sobol()[k];
        ObjectNode sj = out.putObject("sobol");
        sj.put("rows", so.rows());
        sj.put("dropped_not_finite", so.dropped());
        JsonReport.number(sj, "variance", so.variance());
        ObjectNode by = sj.putObject("inputs");
        for (int i = 0; i < s.inputs().size(); i++) {
          ObjectNode in = by.putObject(s.inputs().get(i));
          JsonReport.number(in, "first", so.first()[i]);
          in.set("first_ci95", pair(so.firstLow()[i], so.firstHigh()[i]));
          JsonReport.number(in, "total", so.total()[i]);
          in.set("total_ci95", pair(so.totalLow()[i], so.totalHigh()[i]));
          in.put("negative", so.negative(i));
        }
      }
    }
    root.set("method", described);
    return root;
  }

  private static ArrayNode pair(double lo, double hi) {
    ArrayNode a = JsonReport.MAPPER.createArrayNode();
    JsonReport.numberIn(a, lo);
    JsonReport.numberIn(a, hi);
    return a;
  }

  /** Long format: one row per output, input, method and statistic. */
  public static void writeCsv(Sensitivity s, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder()
            .setHeader("output", "input", "method", "statistic", "value", "ci95_low", "ci95_high", "n")
            .setRecordSeparator('\n').get())) {
      for (int k = 0; k < s.outputs().size(); k++) {
        String o = s.outputs().get(k).name();
        for (int i = 0; i < s.inputs().size(); i++) {
          String in = s.inputs().get(i);
          if (s.ranks() != null) {
            RankCorrelations r = s.ranks()[k];
            csv.printRecord(o, in, "spearman", "rho", cell(r.spearman()[i]), cell(r.spearmanLow()[i]), cell(r.spearmanHigh()[i]), r.n());
            csv.printRecord(o, in, "spearman", "prcc", cell(r.prcc()[i]), cell(r.prccLow()[i]), cell(r.prccHigh()[i]), r.n());
          }
          if (s.tornado() != null) {
            Tornado t = s.tornado();
            csv.printRecord(o, in, "tornado", "output_at_p5", cell(t.low()[i][k]), "", "", 1);
            csv.printRecord(o, in, "tornado", "output_at_p95", cell(t.high()[i][k]), "", "", 1);
            csv.printRecord(o, in, "tornado", "swing", cell(t.swing(i, k)), "", "", 1);
          }
          if (s.sobol() != null) {
            SobolIndices so = s.sobol()[k];
            csv.printRecord(o, in, "sobol", "first", cell(so.first()[i]), cell(so.firstLow()[i]), cell(so.firstHigh()[i]), so.rows());
            csv.printRecord(o, in, "sobol", "total", cell(so.total()[i]), cell(so.totalLow()[i]), cell(so.totalHigh()[i]), so.rows());
          }
        }
      }
    }
  }

  private static Object cell(double v) {
    return Double.isFinite(v) ? (Object) v : "";
  }

  /**
   * The inputs of output k, most influential first: by total Sobol index when there is one, else by |PRCC|,
   * else by the tornado swing.
   */
  public static int[] ranking(Sensitivity s, int k) {
    int d = s.inputs().size();
    Comparator<Integer> by;
    if (s.sobol() != null) {
      by = Comparator.comparingDouble(i -> -nanLow(s.sobol()[k].total()[i]));
    } else if (s.ranks() != null) {
      by = Comparator.comparingDouble(i -> -nanLow(Math.abs(s.ranks()[k].prcc()[i])));
    } else {
      by = Comparator.comparingDouble(i -> -nanLow(s.tornado().swing(i, k)));
    }
    return IntStream.range(0, d).boxed().sorted(by).mapToInt(Integer::intValue).toArray();
  }

  private static double nanLow(double v) {
    return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
  }

  public static String markdown(Sensitivity s, String version) {
    StringBuilder md = new StringBuilder();
    md.append("# Sensitivity: ").append(s.spec().title()).append("\n\n");
    md.append("Spec `").append(s.spec().name()).append("`, uncertain inputs: ").append(String.join(", ", s.inputs().stream().map(i -> "`" + i + "`").toList()))
        .append(". Seed ").append(s.options().seed()).append(".");
    if (s.ranks() != null) {
      md.append(" Rank correlations from ").append(Numbers.count(s.options().samples())).append(" draws (").append(s.options().design().name().toLowerCase()).append(").");
    }
    if (s.sobol() != null) {
      md.append(" Sobol indices from a Saltelli design of N = ").append(Numbers.count(s.sobolRows())).append(" rows (")
          .append(Numbers.count((long) s.sobolRows() * (s.inputs().size() + 2))).append(" model runs), ")
          .append(s.bootstrap()).append(" bootstrap resamples.");
    }
    md.append("\n\n");
    if (s.sobol() != null && s.correlated()) {
      md.append("> **Note:** this spec has rank correlations. Sobol indices are defined for independent inputs, so they were")
          .append(" computed with the correlations removed; the rank correlations (PRCC) use them.\n\n");
    }
    for (int k = 0; k < s.outputs().size(); k++) {
      ScalarOutput o = s.outputs().get(k);
      md.append("## ").append(o.description()).append(" (`").append(o.name()).append("`)\n\n");
      md.append(words(s, k)).append("\n\n");
      List<String> header = new ArrayList<>(List.of("input"));
      if (s.ranks() != null) {
        header.addAll(List.of("Spearman ρ [95% CI]", "PRCC [95% CI]"));
      }
      if (s.tornado() != null) {
        header.add("at p5 → at p95 (others at medians)");
      }
      if (s.sobol() != null) {
        header.addAll(List.of("first-order S [95% CI]", "total ST [95% CI]"));
      }
      md.append("| ").append(String.join(" | ", header)).append(" |\n|");
      header.forEach(h -> md.append("---|"));
      md.append("\n");
      for (int i : ranking(s, k)) {
        md.append("| `").append(s.inputs().get(i)).append("` |");
        if (s.ranks() != null) {
          RankCorrelations r = s.ranks()[k];
          md.append(' ').append(withCi(r.spearman()[i], r.spearmanLow()[i], r.spearmanHigh()[i])).append(" |");
          md.append(' ').append(withCi(r.prcc()[i], r.prccLow()[i], r.prccHigh()[i])).append(" |");
        }
        if (s.tornado() != null) {
          Tornado t = s.tornado();
          md.append(' ').append(Numbers.sig(t.low()[i][k], 3)).append(" → ").append(Numbers.sig(t.high()[i][k], 3)).append(" |");
        }
        if (s.sobol() != null) {
          SobolIndices so = s.sobol()[k];
          md.append(' ').append(withCi(so.first()[i], so.firstLow()[i], so.firstHigh()[i])).append(so.first()[i] < 0 ? " ⚠ negative" : "").append(" |");
          md.append(' ').append(withCi(so.total()[i], so.totalLow()[i], so.totalHigh()[i])).append(so.total()[i] < 0 ? " ⚠ negative" : "").append(" |");
        }
        md.append("\n");
      }
      md.append("\n");
      if (s.ranks() != null && s.ranks()[k].dropped() > 0) {
        md.append("Rank correlations use the ").append(Numbers.count(s.ranks()[k].n())).append(" draws where the output is defined (")
            .append(Numbers.count(s.ranks()[k].dropped())).append(" left out).\n\n");
      }
      if (s.sobol() != null && s.sobol()[k].dropped() > 0) {
        md.append("Sobol indices use the ").append(Numbers.count(s.sobol()[k].rows())).append(" rows whose runs are all finite (")
            .append(Numbers.count(s.sobol()[k].dropped())).append(" rows left out: the output was undefined or never reached there, so these indices describe the finite part only).\n\n");
      }
    }
    md.append("## Method\n\n");
    if (s.ranks() != null) {
      md.append("- Rank correlations: ").append(SPEARMAN_METHOD).append(".\n");
    }
    if (s.tornado() != null) {
      md.append("- Tornado: ").append(TORNADO_METHOD).append(".\n");
    }
    if (s.sobol() != null) {
      md.append("- Sobol: ").append(SOBOL_METHOD).append(".\n");
    }
    md.append("\nmeek ").append(version).append("\n");
    return md.toString();
  }

  /** The ranking of output k in a sentence or two. */
  public static String words(Sensitivity s, int k) {
    int[] order = ranking(s, k);
    String name = s.outputs().get(k).description();
    List<String> parts = new ArrayList<>();
    List<String> little = new ArrayList<>();
    for (int i : order) {
      String in = "`" + s.inputs().get(i) + "`";
      if (s.sobol() != null) {
        SobolIndices so = s.sobol()[k];
        if (!(so.totalHigh()[i] >= SMALL_INDEX)) {
          little.add(in);
        } else {
          parts.add(in + " (total Sobol index " + withCi(so.total()[i], so.totalLow()[i], so.totalHigh()[i]) + ")");
        }
      } else if (s.ranks() != null) {
        RankCorrelations r = s.ranks()[k];
        if (r.prccLow()[i] <= 0 && r.prccHigh()[i] >= 0) {
          little.add(in);
        } else {
          parts.add(in + " (PRCC " + withCi(r.prcc()[i], r.prccLow()[i], r.prccHigh()[i]) + ")");
        }
      } else {
        Tornado t = s.tornado();
        parts.add(in + " (" + Numbers.sig(t.low()[i][k], 3) + " → " + Numbers.sig(t.high()[i][k], 3) + ")");
      }
    }
    StringBuilder w = new StringBuilder();
    if (parts.isEmpty()) {
      w.append("No input has a clear effect on the ").append(name).append(".");
    } else {
      w.append("The ").append(name).append(" depends most on ").append(parts.get(0));
      if (parts.size() > 1) {
        w.append(", then ").append(String.join(", ", parts.subList(1, parts.size())));
      }
      w.append(".");
    }
    if (!little.isEmpty()) {
      w.append(' ').append(String.join(", ", little)).append(little.size() == 1 ? " has" : " have")
          .append(s.sobol() != null ? " a total index below " + SMALL_INDEX + " (95% CI)." : " no partial rank correlation distinguishable from 0.");
    }
    if (s.sobol() != null) {
      SobolIndices so = s.sobol()[k];
      double sum = 0;
      for (double v : so.first()) {
        sum += v;
      }
      if (Double.isFinite(sum)) {
        w.append(" First-order indices add up to ").append(Numbers.sig(sum, 2))
            .append(sum < 0.9 ? ": interactions carry the rest of the variance." : ": the output is close to additive in its inputs.");
      }
    }
    return w.toString();
  }

  private static String withCi(double v, double lo, double hi) {
    return Numbers.sig(v, 2) + " [" + Numbers.sig(lo, 2) + ", " + Numbers.sig(hi, 2) + "]";
  }

  /** Tornado and Sobol charts for output k, as {@code tornado_<output>} and {@code sobol_<output>} (.png and .svg). */
  public static void writeCharts(Sensitivity s, int k, java.util.function.Function<String, Path> file, String footnote) throws IOException {
    ScalarOutput o = s.outputs().get(k);
    String label = o.description() + (o.unit().isEmpty() ? "" : " (" + o.unit() + ")");
    if (s.tornado() != null) {
      Tornado t = s.tornado();
      Integer[] order = IntStream.range(0, s.inputs().size()).boxed()
          .sorted(Comparator.comparingDouble(i -> -nanLow(t.swing(i, k)))).toArray(Integer[]::new);
      List<String> rows = new ArrayList<>();
      double[] low = new double[order.length];
      double[] high = new double[order.length];
      for (int r = 0; r < order.length; r++) {
        int i = order[r];
        rows.add(s.inputs().get(i) + " (" + Numbers.sig(t.lowInput()[i], 3) + " → " + Numbers.sig(t.highInput()[i], 3) + ")");
        low[r] = t.low()[i][k];
        high[r] = t.high()[i][k];
      }
      var chart = Charts.tornado(rows, t.base()[k], low, high, label, "What moves the " + o.description() + " (one at a time)", footnote);
      Charts.writePng(chart, file.apply("tornado_" + o.name() + ".png"));
      Charts.writeSvg(chart, file.apply("tornado_" + o.name() + ".svg"));
    }
    if (s.sobol() != null) {
      SobolIndices so = s.sobol()[k];
      var chart = Charts.sobol(s.inputs(), so.first(), so.firstLow(), so.firstHigh(), so.total(), so.totalLow(), so.totalHigh(),
          "Sobol indices of the " + o.description(), footnote + " · 95% bootstrap CIs");
      Charts.writePng(chart, file.apply("sobol_" + o.name() + ".png"));
      Charts.writeSvg(chart, file.apply("sobol_" + o.name() + ".svg"));
    }
  }
}
