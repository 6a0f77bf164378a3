package meek.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import meek.model.ScalarOutput;
import meek.run.Sensitivity;
import meek.stats.RankCorrelations;
import meek.stats.SobolIndices;
import meek.stats.Tornado;

/** {@code sensitivity.md}: the inputs ranked in words, one table per output, and the methods. */
public final class SensitivityMarkdown {

  private SensitivityMarkdown() {}

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

  static double nanLow(double v) {
    return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
  }

  public static String markdown(Sensitivity s, String version) {
    StringBuilder md = new StringBuilder();
    md.append("# Sensitivity: ").append(MarkdownText.escape(s.spec().title())).append("\n\n");
    md.append("Spec `").append(s.spec().name()).append("`, uncertain inputs: ").append(String.join(", ", s.inputs().stream().map(i -> "`" + i + "`").toList()))
        .append(". Seed ").append(s.options().seed()).append(".");
    if (s.ranks() != null) {
      md.append(" Rank correlations from ").append(Numbers.count(s.options().samples())).append(" draws (").append(s.options().designName()).append(").");
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
      md.append("- Rank correlations: ").append(SensitivityReport.SPEARMAN_METHOD).append(".\n");
    }
    if (s.tornado() != null) {
      md.append("- Tornado: ").append(SensitivityReport.TORNADO_METHOD).append(".\n");
    }
    if (s.sobol() != null) {
      md.append("- Sobol: ").append(SensitivityReport.SOBOL_METHOD).append(".\n");
    }
    md.append("\nmeek ").append(version).append("\n");
    return md.toString();
  }

  /** The ranking of output k in a sentence or two. */
  public static String words(Sensitivity s, int k) {
    int[] order = ranking(s, k);
    String name = s.outputs().get(k).description();
    boolean sobolEmpty = s.sobol() != null && (s.sobol()[k].rows() == 0 || !(s.sobol()[k].variance() > 0));
    boolean ranksEmpty = s.ranks() != null && s.ranks()[k].n() < 3;
    if (s.sobol() != null ? sobolEmpty : s.ranks() != null && ranksEmpty) {
      // an index over no finite values is not a small index: say so rather than rank inputs by zeros
      return "The " + name + " is not defined, never reached or the same in every draw, so no input can be ranked for it.";
    }
    List<String> parts = new ArrayList<>();
    List<String> little = new ArrayList<>();
    for (int i : order) {
      String in = "`" + s.inputs().get(i) + "`";
      if (s.sobol() != null) {
        SobolIndices so = s.sobol()[k];
        if (!(so.totalHigh()[i] >= SensitivityReport.SMALL_INDEX)) {
          little.add(in);
        } else {
          // an index is a share of variance: above 1 it is estimation noise, and says so
          parts.add(in + " (total Sobol index " + withCi(so.total()[i], so.totalLow()[i], so.totalHigh()[i])
              + (so.total()[i] > 1 ? ", above 1, which a share of variance cannot be: noise; run with more --sobol-rows" : "") + ")");
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
        if (t.low()[i][k] == t.high()[i][k]) {
          little.add(in); // the same output at the input's p5 and p95: no effect, not a driver
        } else {
          // +∞ in words as the output says it: "never" for a time, "unbounded" for a gap
          parts.add(in + " (" + Numbers.of(s.outputs().get(k), t.low()[i][k], 3) + " → " + Numbers.of(s.outputs().get(k), t.high()[i][k], 3) + ")");
        }
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
          .append(s.sobol() != null ? " a total index below " + SensitivityReport.SMALL_INDEX + " (95% CI)."
              : s.ranks() != null ? " no partial rank correlation distinguishable from 0." : " no effect between its p5 and p95.");
    }
    if (s.sobol() != null) {
      SobolIndices so = s.sobol()[k];
      double sum = 0;
      for (double v : so.first()) {
        sum += v;
      }
      if (Double.isFinite(sum)) {
        w.append(" First-order indices add up to ").append(Numbers.sig(sum, 2))
            .append(sum < 0.9 ? ": interactions carry the rest of the variance."
                : sum <= 1.1 ? ": the output is close to additive in its inputs."
                : ", more than 1, which no variance can: estimation noise; run with more --sobol-rows.");
      }
    }
    return w.toString();
  }

  private static String withCi(double v, double lo, double hi) {
    return Double.isNaN(v) ? "n/a" : Numbers.sig(v, 2) + " [" + Numbers.sig(lo, 2) + ", " + Numbers.sig(hi, 2) + "]";
  }
}
