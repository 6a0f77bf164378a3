package meek.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;
import meek.InputException;
import meek.model.GapModel;
import meek.model.GapOutcome;
import meek.model.Metric;
import meek.model.MonteCarloModel;
import meek.model.Observation;
import meek.model.ScalarOutput;
import meek.sampling.DrawPlan;
import meek.sampling.MonteCarloEngine;
import meek.sampling.Parallel;
import meek.sampling.RandomStreams;
import meek.spec.Spec;
import meek.stats.FanData;
import meek.stats.FanSketch;
import meek.stats.OutputSummary;
import meek.stats.ParetoSmoothing;
import meek.stats.WeightedSummary;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * {@code meek calibrate}: the spec's prior updated by observed gaps. The prior is exactly the draws {@code meek
 * run} makes for the spec and seed; each is weighted by the likelihood of the observations (independent normal
 * errors, on the log scale for a multiplicative one), the weights Pareto-smoothed ({@link ParetoSmoothing}). When
 * the smoothing's k̂ says the weights cannot be trusted, an adaptive tempered SMC sampler ({@link TemperedSmc})
 * draws the posterior instead. Every posterior number comes with a Monte Carlo interval that accounts for the
 * weights, and the diagnostics (ESS, k̂, each observation's own k̂) say how far to trust it.
 */
public final class Calibration {

  /** Which sampler: importance sampling of the prior draws, the SMC sampler, or the first unless k̂ rules it out. */
  public enum Method { AUTO, IMPORTANCE, SMC }

  /** Fewer distinct posterior draws than this, and a PSIS-LOO k̂ is not computed (its tail would be duplicates). */
  public static final int LOO_DISTINCT = 1000;

  /** The quantiles an observation's predictive reports: its median and 90% interval. */
  private static final double[] PREDICTIVE = {0.05, 0.5, 0.95};

  /**
   * One observation held against the model.
   *
   * @param prior the prior predictive's p5, p50, p95 (the model's gap at that year plus the observation error)
   * @param posterior the posterior predictive's
   * @param looK the Pareto k̂ of leaving this observation out (PSIS-LOO): above 0.7, it alone moves the posterior a lot
   *     (−∞: every posterior draw fits it equally; +∞: too few draws to tell)
   * @param priorP the prior predictive probability of a replicate at most the observed value (a prior predictive check)
   * @param posteriorP the posterior predictive probability of a replicate at most the observed value (a
   *     posterior predictive check: near 0 or 1, the model cannot reproduce the reading)
   */
  public record ObservationReport(Observation observation, double[] prior, double[] posterior, double looK, double priorP,
      double posteriorP) {

    /** Whether the reading lies outside the posterior predictive's central 99%: the model cannot reach it. */
    public boolean conflicts() {
      return posteriorP < 0.005 || posteriorP > 0.995;
    }

    /**
     * Whether the reading lies outside the prior predictive's central 99.9%: the prior all but rules it out, so the
     * posterior rests on the prior's extreme tail (or the reading, its sd or the spec is wrong).
     */
    public boolean surprisesThePrior() {
      return priorP < 0.0005 || priorP > 0.9995;
    }
  }

  /** One parameter's prior and posterior. */
  public record ParameterReport(String name, OutputSummary prior, OutputSummary posterior) {}

  /**
   * A calibration's numbers.
   *
   * @param prior the run of the prior, as {@code meek run} makes it
   * @param posterior the posterior, in a run's shape (its outputs' summaries weighted, its fans from a resample)
   * @param method "importance sampling (PSIS)" or "tempered SMC"
   * @param why why that method
   * @param paretoK importance sampling's k̂ over all observations (NaN if --method smc skipped it)
   * @param threshold the k̂ above which importance sampling is not trusted
   * @param ess the posterior's effective sample size: Kish's of the smoothed weights, or for SMC the batch-means
   *     estimate over its islands ({@link #islandEss}; about ±35%: 16 islands)
   * @param lastStepEss for SMC, Kish's ESS of the last reweighting summed over islands (before its resampling)
   * @param stages for SMC, the largest number of tempering steps an island took (0 for importance sampling)
   * @param acceptance for SMC, the mean acceptance of the moves over all stages and islands (NaN otherwise)
   */
  public record Result(RunResult prior, RunResult posterior, String method, String why, double paretoK, double threshold, double ess,
      double lastStepEss, long weightedDraws, int stages, double acceptance, List<ObservationReport> observations, List<ParameterReport> parameters) {}

  private Calibration() {}

  /**
   * Refuses observations the spec cannot be held against: a view it lacks, a year before the view's start.
   *
   * @param file the observations file, for messages
   */
  public static void check(Spec spec, List<Observation> observations, java.nio.file.Path file) {
    GapModel model = new GapModel(spec.model());
    for (Observation o : observations) {
      if (!model.fans().contains(o.metric())) {
        throw new InputException(file + ":" + o.line() + ": metric " + o.metric().key() + ": the spec configures no such view"
            + " (views: " + String.join(", ", model.fans().stream().map(Metric::key).toList()) + "); add its block to the spec or remove the row");
      }
      double start = model.fanBaselineYear(model.fans().indexOf(o.metric()));
      if (!(o.year() >= start)) {
        throw new InputException(file + ":" + o.line() + ": year " + year(o.year()) + " is before the " + o.metric().key()
            + " view's start (" + year(start) + "), where the model has no gap; remove the row or start the view earlier");
      }
      double end = start + spec.horizonYears();
      if (!(o.year() <= end + 1e-9 * Math.abs(end))) { // as for meek run --observed: the point would fall off the fan chart
        throw new InputException(file + ":" + o.line() + ": year " + year(o.year()) + " lies after the " + o.metric().key()
            + " view's span (" + year(start) + "–" + year(end) + "); remove the row or widen horizon_years");
      }
    }
  }

  /** Runs the calibration (observations from no named file). */
  public static Result execute(Spec spec, RunOptions options, List<Observation> observations, Method method, LongConsumer progress) {
    return execute(spec, options, observations, "the observations", method, progress);
  }

  /**
   * Runs the calibration.
   *
   * @param source the observations' file, for messages
   */
  public static Result execute(Spec spec, RunOptions options, List<Observation> observations, String source, Method method,
      LongConsumer progress) {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    GapModel model = new GapModel(spec.model());
    ObservedGaps observed = new ObservedGaps(model, observations);
    int n = options.keptSamples("calibrate");
    int parameters = model.parameterNames().size();
    int outputs = model.outputs().size();
    int width = model.stateWidth();
    int obs = observed.count();
    checkMemory(model, options, spec.times().length, parameters, outputs, width, obs, method);

    // the prior: meek run's draws, each block also kept here with its gaps at the observations
    Draws prior = new Draws(n, parameters, outputs, width, obs);
    ThreadLocal<ObservedGaps.Worker> workers = ThreadLocal.withInitial(() -> observed.newWorker(MonteCarloEngine.BLOCK_SIZE));
    RunResult priorRun = MonteCarloRun.run(spec, model, options, b -> {
      int[] at = new int[b.valid()];
      for (int i = 0, v = 0; i < b.size(); i++) {
        int draw = (int) b.from() + i;
        prior.outcomes[draw] = b.outcomes()[i];
        for (int p = 0; p < parameters; p++) {
          prior.params[p][draw] = b.params()[p][i];
        }
        for (int c = 0; c < outputs; c++) {
          prior.scalars[c][draw] = b.scalars()[c][i];
        }
        if (b.outcome(i) == GapOutcome.INVALID) {
          for (int c = 0; c < width; c++) {
            prior.state[c][draw] = Double.NaN;
          }
          for (int j = 0; j < obs; j++) {
            prior.gaps[j][draw] = Double.NaN;
          }
        } else {
          for (int c = 0; c < width; c++) {
            prior.state[c][draw] = b.state()[c][v];
          }
          at[v++] = draw;
        }
      }
      workers.get().gaps(b.state(), b.valid(), prior.gaps, at);
    }, progress);
    for (int i = 0; i < n; i++) {
      prior.logLikelihood[i] = observed.logLikelihood(prior.gaps, i);
    }
    double[] equal = new double[n];
    Arrays.fill(equal, 1);
    int[] ones = new int[n];
    Arrays.fill(ones, 1);

    try (Parallel parallel = new Parallel(options.threads())) {
      double paretoK = Double.NaN;
      double threshold = ParetoSmoothing.threshold(n);
      ParetoSmoothing.Result smoothed = null;
      refuseWithoutLikelihood(observed, prior, source);
      if (method != Method.SMC) {
        smoothed = ParetoSmoothing.smooth(prior.logLikelihood);
        paretoK = smoothed.k();
      }
      boolean useSmc = method == Method.SMC || method == Method.AUTO && !(paretoK <= threshold);
      String why;
      Draws post;
      double[] weights;
      int[] counts;
      int[] groups;
      double ess;
      double lastStepEss = Double.NaN;
      int stages = 0;
      double acceptance = Double.NaN;
      String methodName;
      if (useSmc) {
        methodName = "tempered SMC";
        why = method == Method.SMC ? "asked for (--method smc)" : String.format(Locale.ROOT,
            "importance sampling's Pareto k̂ = %s is above %.2f, the threshold for %s draws: its weights cannot be trusted", k(paretoK), threshold,
            String.format(Locale.ROOT, "%,d", n));
        DrawPlan plan = DrawPlan.of(spec.distributions(model.parameterNames()), model.parameterNames(), spec.correlations(), options.design(),
            MonteCarloEngine.BLOCK_SIZE);
        TemperedSmc.Particles particles;
        try {
          particles = new TemperedSmc(plan, observed, outputs, width).run(n, options.seed(), parallel);
        } catch (InputException e) {
          throw new InputException(source + ": " + e.getMessage());
        }
        post = new Draws(particles.params(), particles.scalars(), particles.state(), particles.gaps(), particles.logLikelihood(), particles.outcomes());
        weights = equal;
        counts = ones;
        groups = particles.islandStart();
        lastStepEss = particles.finalEss();
        ess = islandEss(particles.logLikelihood(), particles.islandStart());
        stages = particles.maxStages();
        double sum = 0;
        int m = 0;
        for (List<TemperedSmc.Stage> island : particles.stages()) {
          for (TemperedSmc.Stage s : island) {
            sum += s.acceptance();
            m++;
          }
        }
        acceptance = sum / m;
      } else {
        methodName = "importance sampling (PSIS)";
        why = method == Method.IMPORTANCE ? String.format(Locale.ROOT, "asked for (--method importance); Pareto k̂ = %s against a threshold of %.2f",
            k(paretoK), threshold) : String.format(Locale.ROOT,
            "Pareto k̂ = %s is at most %.2f, the threshold for %s draws: the reweighted prior draws are reliable", k(paretoK), threshold,
            String.format(Locale.ROOT, "%,d", n));
        post = prior;
        weights = smoothed.weights();
        counts = resample(weights, n, RandomStreams.forParameter(options.seed(), "calibrate.resample"));
        groups = null;
        ess = smoothed.ess();
      }
      long weighted = 0;
      for (double w : weights) {
        weighted += w > 0 ? 1 : 0;
      }

      // the posterior in a run's shape
      OutputSummary[] summaries = new OutputSummary[outputs];
      Draws postDraws = post;
      parallel.forEach(outputs, k -> summaries[k] = model.shiftedFrom(k) >= 0 ? null
          : WeightedSummary.summarize(model.outputs().get(k), postDraws.scalars[k], weights, counts, groups));
      for (int k = 0; k < outputs; k++) {
        if (model.shiftedFrom(k) >= 0) {
          summaries[k] = summaries[model.shiftedFrom(k)].shifted(model.outputs().get(k), model.shift(k));
        }
      }
      int[] resampled = expand(counts);
      List<FanData> fans = new ArrayList<>();
      if (options.fans()) {
        for (int f = 0; f < model.fans().size(); f++) {
          fans.add(fan(model, f, spec.times(), post.state, counts, parallel));
        }
      }
      Map<GapOutcome, Long> outcomeCounts = new EnumMap<>(GapOutcome.class);
      for (GapOutcome o : GapOutcome.values()) {
        outcomeCounts.put(o, 0L);
      }
      for (int i : resampled) {
        outcomeCounts.merge(GapOutcome.values()[post.outcomes[i]], 1L, Long::sum);
      }
      double[] headline = Arrays.stream(resampled).mapToDouble(i -> postDraws.scalars[0][i]).filter(Double::isFinite).toArray();
      String quantiles = "weighted quantiles: the smallest value whose cumulative normalised weight reaches p (the inverse of the weighted"
          + " empirical CDF); n and n_infinite count the draws of a systematic resample of " + n + " from the posterior";
      String ci = groups == null
          ? "Importance sampling: the 95% interval of the self-normalised estimate of the CDF at the quantile (variance Σ w²·(1{x ≤ q} − p)²"
              + " over the normalised smoothed weights w), inverted through the weighted quantile function: it widens as the weights concentrate"
          : "Batch means over the " + groups.length + " independent SMC islands: pooled quantile ± t(0.975, " + (groups.length - 1)
              + ")·sd/sqrt(" + groups.length + ") of the islands' own quantiles";
      RunResult posterior = new RunResult(priorRun.spec(), n, options.seed(), options.threads(), options.designName(), quantiles, 0, ci,
          priorRun.achievedSpearman(), outcomeCounts, Map.of(), List.of(summaries), List.copyOf(fans), headline, started,
          (System.nanoTime() - t0) / 1e9);

      // each parameter's and observation's summaries are independent: in parallel, each into its own slot
      ParameterReport[] parameterReports = new ParameterReport[parameters];
      parallel.forEach(parameters, p -> {
        ScalarOutput as = new ScalarOutput(model.parameterNames().get(p), "", "parameter " + model.parameterNames().get(p), false);
        parameterReports[p] = new ParameterReport(as.name(), WeightedSummary.summarize(as, prior.params[p], equal, ones, null),
            WeightedSummary.summarize(as, postDraws.params[p], weights, counts, groups));
      });
      ObservationReport[] reports = new ObservationReport[obs];
      long distinct = Arrays.stream(counts).filter(c -> c > 0).count();
      parallel.forEach(obs, j -> {
        Observation o = observations.get(j);
        ScalarOutput as = new ScalarOutput("predictive", o.metric().unit(), "", false);
        double[] priorReplicates = predictive(o, prior.gaps[j], options.seed(), j);
        OutputSummary before = WeightedSummary.summarize(as, priorReplicates, equal, ones, null);
        // (importance sampling reweights the prior's own draws, and so their replicates)
        double[] replicates = postDraws == prior ? priorReplicates : predictive(o, postDraws.gaps[j], options.seed(), j);
        OutputSummary after = WeightedSummary.summarize(as, replicates, weights, counts, groups);
        double[] logRatio = new double[resampled.length];
        for (int r = 0; r < resampled.length; r++) {
          logRatio[r] = -o.logLikelihood(postDraws.gaps[j][resampled[r]]);
        }
        // on a resample duplicates repeat: with too few distinct draws a tail cannot be fitted (nor ties read as flat)
        double looK = distinct < LOO_DISTINCT ? Double.NaN : ParetoSmoothing.smooth(logRatio).k();
        reports[j] = new ObservationReport(o, at(before), at(after), looK, fractionAtMost(priorReplicates, equal, o.gap()),
            fractionAtMost(replicates, weights, o.gap()));
      });
      return new Result(priorRun, posterior, methodName, why, paretoK, threshold, ess, lastStepEss, weighted, stages, acceptance,
          List.of(reports), List.of(parameterReports));
    }
  }

  /**
   * Refuses observations no prior draw has a positive likelihood for: each draw is invalid, or has no gap where an
   * observation asks for one, or lies so many sd from a reading that its likelihood underflows.
   */
  private static void refuseWithoutLikelihood(ObservedGaps observed, Draws prior, String source) {
    for (double l : prior.logLikelihood) {
      if (l > Double.NEGATIVE_INFINITY) {
        return;
      }
    }
    for (int j = 0; j < observed.count(); j++) {
      Observation o = observed.observations().get(j);
      boolean any = false;
      for (double g : prior.gaps[j]) {
        any |= o.logScale() ? g > 0 && g < Double.POSITIVE_INFINITY : Double.isFinite(g);
      }
      if (!any) {
        throw new InputException(where(source, o) + ": no prior draw has a " + (o.logScale() ? "positive " : "finite ") + o.metric().key()
            + " gap in " + year(o.year()) + (o.logScale()
                ? ", which scale log needs (a gap is 0 at its view's start, and the inference gaps once caught up); move the reading or use scale linear"
                : " (the tokens needed are unbounded where the loss gap is 0, as at the view's start); move the reading"));
      }
    }
    double smallest = observed.observations().stream().mapToDouble(Observation::sd).min().orElse(Double.NaN);
    throw new InputException(observed.count() == 1 ? where(source, observed.observations().get(0))
        + ": the likelihood of every prior draw is 0 in double precision: each lies too many sd from the reading (sd " + smallest
        + "); widen sd, or check the reading against the prior predictive (meek run --observed)"
        : source + ": the likelihood of every prior draw is 0 in double precision: each lies too many sd from some reading (the smallest sd is "
            + smallest + "); widen sd, or check the readings against the prior predictive (meek run --observed)");
  }

  /** A year as a reader writes it: 2045, 2023.5 (to a millionth of a year: 2020.03 + 30 is not 2050.0299999999997). */
  static String year(double v) {
    return java.math.BigDecimal.valueOf(Math.round(v * 1e6) / 1e6).stripTrailingZeros().toPlainString();
  }

  private static String where(String source, Observation o) {
    return source + (o.line() > 0 ? ":" + o.line() : "");
  }

  private static String k(double k) {
    if (k == Double.NEGATIVE_INFINITY) {
      return "−∞ (the largest weights are all equal: no tail to smooth)";
    }
    return Double.isFinite(k) ? String.format(Locale.ROOT, "%.2f", k) : "∞ (too few draws carry weight to fit it)";
  }

  private static double[] at(OutputSummary s) {
    double[] q = new double[PREDICTIVE.length];
    for (int i = 0; i < q.length; i++) {
      q[i] = s.at(PREDICTIVE[i]).value();
    }
    return q;
  }

  /** Σ w·1{x ≤ v} / Σ w over the defined x. */
  private static double fractionAtMost(double[] x, double[] w, double v) {
    double below = 0;
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      if (!Double.isNaN(x[i]) && w[i] > 0) {
        total += w[i];
        below += x[i] <= v ? w[i] : 0;
      }
    }
    return below / total;
  }

  /**
   * The effective sample size of the SMC particles, from batch means over the islands: the pooled variance of a
   * statistic over the variance of its island means, times the number of islands (N when the particles were
   * independent). The statistic is each particle's log-likelihood, which every posterior particle has.
   */
  static double islandEss(double[] values, int[] islandStart) {
    int g = islandStart.length;
    int n = values.length;
    double[] means = new double[g];
    double mean = 0;
    for (int k = 0; k < g; k++) {
      int to = k + 1 < g ? islandStart[k + 1] : n;
      for (int i = islandStart[k]; i < to; i++) {
        means[k] += values[i];
      }
      means[k] /= to - islandStart[k];
      mean += means[k] * (to - islandStart[k]) / n;
    }
    double variance = 0;
    for (double v : values) {
      variance += (v - mean) * (v - mean) / n;
    }
    double between = 0;
    for (double m : means) {
      between += (m - mean) * (m - mean) / (g - 1);
    }
    return between == 0 ? n : Math.min(n, g * variance / between);
  }

  /** Each draw's replicate of the observation: its model gap plus an error drawn from its own stream (NaN without a gap). */
  private static double[] predictive(Observation o, double[] gaps, long seed, int j) {
    ZigguratSampler.NormalizedGaussian eps = ZigguratSampler.NormalizedGaussian.of(RandomStreams.forParameter(seed, "calibrate.predictive." + j));
    double[] y = new double[gaps.length];
    for (int i = 0; i < y.length; i++) {
      double e = eps.sample(); // drawn for every draw, so draw i's error does not depend on the others' gaps
      double g = gaps[i];
      y[i] = o.logScale() ? (g > 0 && g < Double.POSITIVE_INFINITY ? g * Math.exp(o.sd() * e) : Double.NaN)
          : (Double.isFinite(g) ? g + o.sd() * e : Double.NaN);
    }
    return y;
  }

  /** Systematic resampling: how many of n equally spaced points on the cumulative weights fall on each draw. */
  static int[] resample(double[] weights, int n, UniformRandomProvider rng) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    int[] counts = new int[weights.length];
    double u = rng.nextDouble();
    double cumulative = 0;
    int next = 0; // the next point, u + next, on the scale of n·cumulative/total
    for (int i = 0; i < weights.length && next < n; i++) {
      cumulative += weights[i];
      double reach = n * cumulative / total;
      while (next < n && u + next < reach) {
        counts[i]++;
        next++;
      }
    }
    // rounding can leave the last point past the total: it belongs to the last draw with weight
    for (int i = weights.length - 1; next < n && i >= 0; i--) {
      if (weights[i] > 0) {
        counts[i] += n - next;
        next = n;
      }
    }
    return counts;
  }

  /** The draw indices, each repeated its count's times, in draw order. */
  private static int[] expand(int[] counts) {
    int total = 0;
    for (int c : counts) {
      total += c;
    }
    int[] out = new int[total];
    for (int i = 0, k = 0; i < counts.length; i++) {
      for (int c = 0; c < counts[i]; c++) {
        out[k++] = i;
      }
    }
    return out;
  }

  /**
   * Fan f of the posterior's resample: the run's fan code on the state of each distinct resampled draw, counted as
   * many times as it was drawn (a weighted posterior repeats draws, so this evaluates far fewer than N), in chunks
   * of a block.
   */
  private static FanData fan(MonteCarloModel model, int f, double[] times, double[][] state, int[] copies, Parallel parallel) {
    int size = MonteCarloEngine.BLOCK_SIZE;
    int[] distinct = java.util.stream.IntStream.range(0, copies.length).filter(i -> copies[i] > 0).toArray();
    int chunks = (distinct.length + size - 1) / size;
    FanSketch sketch = new FanSketch(times.length, chunks);
    double step = times.length > 1 ? times[1] - times[0] : 1;
    final class Worker {
      final MonteCarloModel.FanEvaluator evaluator = model.newFanEvaluator(f, size);
      final FanSketch.Counter counter = sketch.newCounter();
      final double[] row = new double[size];
      final int[] copiesOf = new int[size];
      final double[][] columns = new double[state.length][size];
    }
    ThreadLocal<Worker> local = ThreadLocal.withInitial(Worker::new);
    parallel.forEach(chunks, c -> {
      Worker w = local.get();
      int from = c * size;
      int count = Math.min(size, distinct.length - from);
      long drawn = 0;
      for (int k = 0; k < count; k++) {
        w.copiesOf[k] = copies[distinct[from + k]];
        drawn += w.copiesOf[k];
      }
      for (int col = 0; col < state.length; col++) {
        for (int k = 0; k < count; k++) {
          w.columns[col][k] = state[col][distinct[from + k]];
        }
      }
      double[] sums = new double[times.length];
      w.evaluator.begin(w.columns, count, step);
      for (int j = 0; j < times.length; j++) {
        w.evaluator.next(w.row);
        w.counter.add(j, w.row, w.copiesOf, count);
        double s = 0;
        for (int k = 0; k < count; k++) {
          s += w.copiesOf[k] * w.row[k];
        }
        sums[j] = s;
      }
      sketch.blockDone(c, sums, drawn);
    });
    return sketch.result(model.fans().get(f), times, model.fanBaselineYear(f));
  }

  /** Refuses a calibration the heap cannot hold (it keeps every draw's parameters, outputs, state and gaps, twice for SMC). */
  private static void checkMemory(MonteCarloModel model, RunOptions options, int steps, int parameters, int outputs, int width, int obs,
      Method method) {
    long perDraw = 8L * (parameters + outputs + width + obs + 4) + 5;
    long need = MonteCarloRun.bytesNeeded(model, options.samples(), steps, true) + perDraw * options.samples() * (method == Method.IMPORTANCE ? 1 : 3);
    long max = Runtime.getRuntime().maxMemory();
    if (need > max - 64L * 1024 * 1024) {
      throw new InputException(String.format(Locale.ROOT,
          "--samples %d needs about %.1f GB of heap to calibrate (every draw is kept) but the JVM may use %.1f GB; lower --samples or raise"
              + " the heap (JAVA_OPTS=-Xmx%dg ./meek …)", options.samples(), need / 1e9, max / 1e9, (long) Math.ceil(need / 1e9 * 1.3) + 1));
    }
  }

  /** Every draw's numbers, column by column. */
  private static final class Draws {
    final double[][] params;
    final double[][] scalars;
    final double[][] state;
    final double[][] gaps;
    final double[] logLikelihood;
    final byte[] outcomes;

    Draws(int n, int parameters, int outputs, int width, int obs) {
      this(new double[parameters][n], new double[outputs][n], new double[width][n], new double[obs][n], new double[n], new byte[n]);
    }

    Draws(double[][] params, double[][] scalars, double[][] state, double[][] gaps, double[] logLikelihood, byte[] outcomes) {
      this.params = params;
      this.scalars = scalars;
      this.state = state;
      this.gaps = gaps;
      this.logLikelihood = logLikelihood;
      this.outcomes = outcomes;
    }
  }
}
