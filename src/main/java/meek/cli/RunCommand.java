package meek.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import meek.InputException;
import meek.model.Domain;
import meek.model.GapModel;
import meek.model.GapOutcome;
import meek.model.Metric;
import meek.model.Observation;
import meek.report.Numbers;
import meek.report.PartFolder;
import meek.report.Publish;
import meek.report.ResultFiles;
import meek.report.RunFolder;
import meek.report.SampleWriter;
import meek.report.Sentences;
import meek.report.SummaryMarkdown;
import meek.run.MonteCarloRun;
import meek.run.PrecisionRun;
import meek.run.RunAggregates;
import meek.run.RunEngine;
import meek.run.RunOptions;
import meek.run.RunResult;
import meek.sampling.MonteCarloEngine;
import meek.spec.ObservedPoints;
import meek.spec.Spec;
import meek.spec.SpecReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec.Target;

/** {@code meek run SPEC}: sample, summarise, and write a results folder. */
@Command(
    name = "run",
    header = "Runs the Monte Carlo on one spec and writes its results folder.",
    mixinStandardHelpOptions = true,
    description = {
      "Samples the spec's parameters, runs the training-gap model on every draw and writes a results folder:",
      "summary.json, quantiles.csv, fan.csv, fan.png, fan.svg, inflection_time.png, summary.md, manifest.json,",
      "and fan_<view>.csv/.png/.svg for each other view the spec configures (benchmark, tokens, inference)."
    })
final class RunCommand implements Callable<Integer> {

  @picocli.CommandLine.Spec(Target.SELF)
  CommandSpec self;

  @picocli.CommandLine.Mixin SamplingOptions sampling;

  @Parameters(index = "0", paramLabel = "SPEC", description = "Spec file (YAML), e.g. distributions/chinchilla.yaml")
  Path specFile;

  @Option(names = "--out", paramLabel = "DIR", description = "Results folder (default: results/<spec name>/).")
  Path out;

  @Option(names = "--precision", paramLabel = "R",
      description = "Add draws until every p5…p95 of every scalar output has a 95%% CI half-width below R × its value (e.g. 0.01): "
          + "the first round has --samples draws (rounded up to a multiple of 8,192), each next round the N the half-widths call for "
          + "(1.5 to 8 times more), up to --max-samples; the result is that of a plain run with the final N.")
  Double precision;

  /** Without --precision there are no rounds to cap, so giving it is an error. */
  static final int DEFAULT_MAX_SAMPLES = 20_000_000;

  @Option(names = "--max-samples", paramLabel = "N", converter = SamplingOptions.SampleCount.class,
      description = "With --precision: the cap on N (default: 20,000,000).")
  Long maxSamplesOption;

  private long maxSamples;

  @Option(names = "--keep-samples", paramLabel = "FILE",
      description = "Also write every draw's parameters, outcome and outputs to this gzipped CSV (streamed; e.g. samples.csv.gz).")
  Path keepSamples;

  @Option(names = "--quantiles", paramLabel = "MODE", defaultValue = "auto", completionCandidates = Candidates.QuantileModes.class,
      description = "Scalar quantiles: exact (keeps 8 bytes per draw and output), sketch (bounded memory, 0.01%% relative accuracy), or auto: exact while the draws fit in 40%% of the heap. Default: auto.")
  RunOptions.Quantiles quantileMode;

  @Option(names = "--metric", split = ",", paramLabel = "M", converter = MetricConverter.class, completionCandidates = Candidates.Metrics.class,
      description = "Which views to report: loss, benchmark, tokens, inference (comma-separated; default: all the spec configures). The loss gap is always reported.")
  List<Metric> metrics;

  @Option(names = "--observed", paramLabel = "FILE.csv",
      description = "Overlay observed points on the fan chart of their metric: columns year,gap[,label,metric] (metric: loss, benchmark, tokens or inference; default loss).")
  Path observedFile;

  @Option(names = "--no-fan", description = "Scalars only: skip the fans over time (no fan*.csv/.png/.svg); for very large N when only t*, the peak and the other scalars matter.")
  boolean noFan;

  @Option(names = "--force", description = "Replace the results folder (and the --keep-samples file) if they exist.")
  boolean force;

  @Option(names = "--part", paramLabel = "I/K", converter = PartOption.class,
      description = "Run only part I of K (1 <= I <= K): the I-th of K contiguous ranges of the run's blocks, written to a part folder"
          + " (default: results/<spec name>.part-I-of-K/) for 'meek merge', which puts the K parts together into the results folder of"
          + " the whole run, the same bit for bit. E.g. --part $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT.")
  PartOption.Part part;

  /** Where the numbers are computed: this machine, or a cluster when meek-spark runs the command. */
  RunEngine engine = RunEngine.LOCAL;

  @Override
  public Integer call() throws IOException {
    long wallStart = System.nanoTime();
    RunOptions options = checkedOptions();
    boolean quiet = sampling.quiet;
    Spec spec = new SpecReader().read(specFile);
    // --metric naming every view the spec has is the same run as no --metric (the same numbers): a part says so
    List<Metric> partMetrics = metrics != null && spec.leavesOut(metrics) ? metrics : null;
    if (metrics != null) {
      spec = spec.only(metrics);
    }
    PrintWriter err = self.commandLine().getErr();
    if (spec.correlations().repaired() && !quiet) {
      err.printf(
          "meek: note: %s: the correlations were not positive semi-definite (smallest eigenvalue %.3g) and were repaired as asked (repair: nearest); the effective values are in manifest.json and 'meek validate'%n",
          specFile, spec.correlations().smallestEigenvalue());
    }
    if (part != null) {
      return runPart(spec, partMetrics, options, err, wallStart);
    }
    Path target = out != null ? out : Path.of("results", spec.name());
    List<Observation> observed = observedFile == null ? List.of() : ObservedPoints.read(observedFile);
    for (Observation o : observed) {
      if (!spec.model().has(o.metric())) { // a point with no fan to draw it on would vanish without a word
        long count = observed.stream().filter(x -> x.metric() == o.metric()).count();
        throw new InputException(observedFile + ": " + count + " point" + (count == 1 ? "" : "s") + " for " + o.metric().key()
            + " (the first in " + Numbers.compact(o.year()) + "), a view this run does not report"
            + (metrics != null ? " (--metric leaves it out)" : " (the spec configures no such view)")
            + "; remove those rows or report the view");
      }
      // each fan spans the horizon from its own start (the inference views from theirs)
      GapModel model = new GapModel(spec.model());
      double first = model.fanBaselineYear(model.fans().indexOf(o.metric()));
      double last = first + spec.horizonYears();
      if (!(o.year() >= first && o.year() <= last + 1e-9 * Math.abs(last))) { // off the chart: it would vanish too
        throw new InputException(observedFile + ": the point in " + Numbers.compact(o.year()) + " lies outside the fan's span "
            + Numbers.compact(first) + "–" + Numbers.compact(last) + "; remove it or widen horizon_years");
      }
    }
    List<Path> inputs = new ArrayList<>(spec.inputs());
    if (observedFile != null) {
      inputs.add(observedFile);
    }
    if (keepSamples != null && keepSamples.toAbsolutePath().normalize().startsWith(target.toAbsolutePath().normalize())) {
      throw new ParameterException(self.commandLine(), "--keep-samples " + keepSamples + " lies inside the results folder " + target
          + ", which is replaced as a whole; name a file outside it");
    }
    RunResult result;
    PrecisionRun.Report precisionReport = null;
    try (Publish.Claim claim = Publish.claimFolder(target, ResultFiles.WrittenBy.RUN, force, inputs);
        Publish.Claim samples = keepSamples == null ? null : Publish.claimFile(keepSamples, force, inputs, "--keep-samples")) {
      // Every round's sample file but the last is discarded; the last is moved into place only after the
      // results folder, so a failure anywhere leaves neither.
      List<SampleWriter> writers = new ArrayList<>();
      try {
        try (Progress progress = new Progress("meek run " + spec.name(), precision == null ? options.samples() : maxSamples, !quiet)) {
          if (precision == null) {
            if (engine != RunEngine.LOCAL) {
              result = engine.run(spec, options, progress);
            } else {
              MonteCarloRun run = MonteCarloRun.of(spec, options);
              if (samples != null) {
                writers.add(SampleWriter.open(samples, run.parameterNames(), run.outputs()));
              }
              result = run.execute(writers.isEmpty() ? null : writers.get(0), progress);
            }
          } else {
            PrecisionRun run = PrecisionRun.of(spec, options, precision, maxSamples);
            PrecisionRun.Outcome o = run.execute(samples == null ? null : () -> {
              writers.forEach(SampleWriter::close);
              SampleWriter w = SampleWriter.open(samples, run.parameterNames(), run.outputs());
              writers.add(w);
              return w;
            }, progress);
            result = o.result();
            precisionReport = o.report();
          }
        }
        SampleWriter kept = writers.isEmpty() ? null : writers.get(writers.size() - 1);
        if (kept != null) {
          kept.finish();
        }
        try (Publish.Folder folder = claim.stage()) {
          RunResult made = result;
          PrecisionRun.Report rounds = precisionReport;
          List<String> specTexts = List.of(spec.text());
          folder.publish(f -> RunFolder.write(f, made, rounds, observed, specTexts, Main.version(), wallStart));
        }
        if (kept != null) {
          kept.commit();
        }
      } finally {
        writers.forEach(SampleWriter::close);
      }
    }
    warnAboutInvalidDraws(err, specFile, result, new GapModel(spec.model()));
    if (!quiet) {
      PrintWriter o = self.commandLine().getOut();
      for (String sentence : Sentences.headline(result)) {
        o.println(sentence);
      }
      if (precisionReport != null) {
        o.println(SummaryMarkdown.precisionSentence(precisionReport));
      }
      o.printf("Results in %s (%.1f s)%n", target, (System.nanoTime() - wallStart) / 1e9);
    }
    return 0;
  }

  /** {@code --part I/K}: runs the part's blocks and writes its part folder. */
  private int runPart(Spec spec, List<Metric> partMetrics, RunOptions options, PrintWriter err, long wallStart) {
    int blocks = MonteCarloEngine.blocks(options.samples());
    if (part.parts() > blocks) {
      throw new ParameterException(self.commandLine(), String.format(java.util.Locale.ROOT,
          "--part %d/%d: the run has only %,d block%s of 8,192 draws to share out; use at most %d parts", part.part(), part.parts(), blocks,
          blocks == 1 ? "" : "s", blocks));
    }
    Path target = out != null ? out : Path.of("results", spec.name() + ".part-" + part.part() + "-of-" + part.parts());
    Instant started = Instant.now();
    MonteCarloRun run = MonteCarloRun.ofPart(spec, options, part.part(), part.parts());
    try (Publish.Claim claim = Publish.claimFolder(target, ResultFiles.WrittenBy.PART, force, spec.inputs())) {
      long t0 = System.nanoTime();
      RunAggregates aggregates;
      try (Progress progress = new Progress("meek run " + spec.name() + " part " + part, run.partDraws(part.part(), part.parts()),
          !sampling.quiet)) {
        aggregates = run.part(part.part(), part.parts(), progress);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      try (Publish.Folder folder = claim.stage()) {
        PartFolder.Info info = new PartFolder.Info(spec, specFile, partMetrics, options, part.part(), part.parts(),
            Main.version(), started, seconds);
        folder.publish(f -> PartFolder.write(f, aggregates, info));
      }
      if (!sampling.quiet) {
        self.commandLine().getOut().printf(java.util.Locale.ROOT,
            "Part %s: blocks %,d–%,d of %,d (%s draws) in %s (%.1f s); when %s done: meek merge FOLDER… --out DIR%n",
            part, aggregates.fromBlock(), aggregates.toBlock() - 1, blocks, Numbers.count(run.partDraws(part.part(), part.parts())), target,
            (System.nanoTime() - wallStart) / 1e9, part.parts() == 1 ? "it is" : "all " + part.parts() + " parts are");
      }
    }
    return 0;
  }

  /** The options, checked against each other before anything is read. */
  private RunOptions checkedOptions() {
    if (noFan && observedFile != null) {
      throw new ParameterException(self.commandLine(), "--observed draws on the fan chart, which --no-fan leaves out; drop one of them");
    }
    RunOptions options = sampling.options(quantileMode, !noFan);
    if (engine != RunEngine.LOCAL) {
      for (Object[] o : new Object[][] {{precision, "--precision"}, {keepSamples, "--keep-samples"}, {part, "--part"}}) {
        if (o[0] != null) {
          throw new ParameterException(self.commandLine(), o[1] + " runs on this machine only, not on " + engine.name()
              + "; use ./meek run for it");
        }
      }
    }
    if (part != null) {
      for (Object[] o : new Object[][] {{precision, "--precision"}, {keepSamples, "--keep-samples"}, {observedFile, "--observed"}}) {
        if (o[0] != null) {
          throw new ParameterException(self.commandLine(), o[1] + " does not work with --part: a part holds aggregates only; "
              + (o[1].equals("--observed") ? "a part has no charts to draw on" : o[1].equals("--precision") ? "choose N with --samples"
                  : "run the whole spec to keep its draws"));
        }
      }
    }
    if (precision == null && maxSamplesOption != null) {
      throw new ParameterException(self.commandLine(), "--max-samples caps the rounds of --precision, which is not given; use --samples N"
          + " for a fixed N, or add --precision R");
    }
    maxSamples = maxSamplesOption == null ? Math.max(DEFAULT_MAX_SAMPLES, options.samples()) : maxSamplesOption;
    if (precision != null) {
      if (!(precision > 0 && precision < 1)) {
        throw new ParameterException(self.commandLine(), "--precision must lie between 0 and 1, e.g. 0.01 for 1% (got " + precision + ")");
      }
      if (maxSamples < options.samples()) {
        throw new ParameterException(self.commandLine(),
            "--max-samples (" + maxSamples + ") must be at least --samples (" + options.samples() + ")");
      }
    }
    return options;
  }

  /** One warning line per parameter with draws outside its domain (they are excluded and counted). */
  static void warnAboutInvalidDraws(PrintWriter err, Path specFile, RunResult r, GapModel model) {
    if (r.count(GapOutcome.INVALID) > 0) {
      for (Map.Entry<String, Long> e : r.invalidByParameter().entrySet()) {
        Domain domain = model.domain(e.getKey());
        err.printf("meek: warning: %s: params.%s: %s of %s draws fell outside its domain %s and were excluded; %s%n",
            specFile, e.getKey(), Numbers.count(e.getValue()), Numbers.count(r.samples()), domain, domain.truncationHint());
      }
    }
  }
}
