package meek.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import meek.model.GapOutcome;
import meek.model.GapModel;
import meek.model.Metric;
import meek.model.ModelConfig;
import meek.report.MarkdownReport;
import meek.report.Numbers;
import meek.report.ResultFolder;
import meek.report.RunFolder;
import meek.report.SampleWriter;
import meek.spec.Spec;
import meek.InputException;
import meek.spec.SpecReader;
import meek.stats.Analysis;
import meek.stats.PrecisionTarget;
import meek.stats.RunOptions;
import java.util.List;
import meek.stats.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec.Target;

/** {@code meek run SPEC}: sample, summarise, and write a results folder. */
@Command(
    name = "run",
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
      description = "Add draws until every p5…p95 of every scalar output has a 95%% CI half-width below R × its value (e.g. 0.01), up to --max-samples.")
  Double precision;

  @Option(names = "--max-samples", paramLabel = "N", defaultValue = "20000000",
      description = "Cap on N for --precision (default: ${DEFAULT-VALUE}).")
  int maxSamples;

  @Option(names = "--keep-samples", paramLabel = "FILE",
      description = "Also write every draw's parameters, outcome and outputs to this gzipped CSV (streamed; e.g. samples.csv.gz).")
  Path keepSamples;

  @Option(names = "--quantiles", paramLabel = "MODE", defaultValue = "auto",
      description = "Scalar quantiles: exact (keeps 8 bytes per draw and output), sketch (bounded memory, 0.01%% relative accuracy), or auto: exact while the draws fit in 40%% of the heap. Default: auto.")
  RunOptions.Quantiles quantileMode;

  @Option(names = "--metric", split = ",", paramLabel = "M",
      description = "Which views to report: loss, benchmark, tokens, inference (comma-separated; default: all the spec configures). The loss gap is always reported.")
  List<String> metricNames;

  @Option(names = "--observed", paramLabel = "FILE.csv",
      description = "Overlay observed points on the fan chart of their metric: columns year,gap[,label,metric] (metric: loss, benchmark or tokens; default loss).")
  Path observedFile;

  @Option(names = "--no-fan", description = "Scalars only: skip the fans over time (no fan*.csv/.png/.svg); for very large N when only t*, the peak and the other scalars matter.")
  boolean noFan;

  @Option(names = "--force", description = "Replace the results folder (and the --keep-samples file) if they exist.")
  boolean force;

  @Override
  public Integer call() throws IOException {
    long wallStart = System.nanoTime();
    RunOptions options = noFan ? sampling.options(quantileMode).withoutFans() : sampling.options(quantileMode);
    if (noFan && observedFile != null) {
      throw new InputException("--observed draws on the fan chart, which --no-fan leaves out; drop one of them");
    }
    boolean quiet = sampling.quiet;
    Spec spec = new SpecReader().read(specFile);
    GapModel model = new GapModel(chooseMetrics(spec));
    if (spec.correlations().repaired() && !quiet) {
      self.commandLine().getErr().printf(
          "meek: note: %s: the correlations were not positive semi-definite (smallest eigenvalue %.3g) and were repaired as asked (repair: nearest); the effective values are in manifest.json and 'meek validate'%n",
          specFile, spec.correlations().smallestEigenvalue());
    }
    Path target = out != null ? out : Path.of("results", spec.name());
    List<meek.spec.ObservedPoints.Point> observed =
        observedFile == null ? List.of() : meek.spec.ObservedPoints.read(observedFile);
    ResultFolder.checkWritable(target, force);
    if (keepSamples != null) {
      SampleWriter.checkWritable(keepSamples, force);
    }
    Analysis.checkMemory(model, options, spec.times().length);

    RunResult result;
    PrecisionTarget.Report precisionReport = null;
    if (precision != null) {
      if (!(precision > 0 && precision < 1)) {
        throw new InputException("--precision must lie between 0 and 1, e.g. 0.01 for 1% (got " + precision + ")");
      }
      if (maxSamples < options.samples()) {
        throw new InputException("--max-samples (" + maxSamples + ") must be at least --samples (" + options.samples() + ")");
      }
      Analysis.checkMemory(model, sampling.options(maxSamples, options.quantiles()), spec.times().length);
      List<SampleWriter> writers = new java.util.ArrayList<>();
      try (Progress progress = new Progress("meek run " + spec.name(), maxSamples, !quiet)) {
        PrecisionTarget.Outcome o = PrecisionTarget.run(spec, model, options, precision, maxSamples,
            keepSamples == null ? null : () -> {
              writers.forEach(SampleWriter::close); // an earlier round's file is discarded
              SampleWriter w = SampleWriter.open(keepSamples, force, model.parameterNames(), model.outputs());
              writers.add(w);
              return w;
            }, progress);
        result = o.result();
        precisionReport = o.report();
        if (!writers.isEmpty()) {
          writers.get(writers.size() - 1).commit();
        }
      } finally {
        writers.forEach(SampleWriter::close);
      }
    } else {
      try (Progress progress = new Progress("meek run " + spec.name(), options.samples(), !quiet);
          SampleWriter writer = keepSamples == null ? null
              : SampleWriter.open(keepSamples, force, model.parameterNames(), model.outputs())) {
        result = Analysis.run(spec, model, options, writer, progress);
        if (writer != null) {
          writer.commit();
        }
      }
    }
    try (ResultFolder folder = ResultFolder.open(target, force)) {
      RunFolder.write(folder, result, precisionReport, observed, List.of(specFile), Main.version(), wallStart);
      folder.commit();
    }
    warnAboutInvalidDraws(result);
    if (!quiet) {
      var out = self.commandLine().getOut();
      for (String sentence : MarkdownReport.sentences(result).subList(0, 2)) {
        out.println(sentence);
      }
      if (precisionReport != null) {
        out.println(MarkdownReport.precisionSentence(precisionReport));
      }
      out.printf("Results in %s (%.1f s)%n", target, (System.nanoTime() - wallStart) / 1e9);
    }
    return 0;
  }

  /** The spec's metrics, restricted by --metric; a metric the spec does not configure is an error. */
  private ModelConfig chooseMetrics(Spec spec) {
    ModelConfig m = spec.model();
    if (metricNames == null) {
      return m;
    }
    for (String name : metricNames) {
      switch (name) {
        case "loss":
          break;
        case "benchmark":
          if (!m.has(Metric.BENCHMARK)) {
            throw new InputException(specFile + ": --metric benchmark needs a benchmark: block in the spec (L_mid, k; see distributions/README.md)");
          }
          break;
        case "tokens":
          if (!m.has(Metric.TOKENS)) {
            throw new InputException(specFile + ": --metric tokens needs a discrimination: block in the spec (epsilon, slowdown; see distributions/README.md)");
          }
          break;
        case "inference":
          if (!m.has(Metric.INFERENCE)) {
            throw new InputException(specFile + ": --metric inference needs an inference: block in the spec (g_inf, C_inf0 or N0, C_sota0; see distributions/README.md)");
          }
          break;
        default:
          throw new InputException("--metric must be loss, benchmark, tokens or inference (got '" + name + "')");
      }
    }
    ModelConfig chosen = m.only(metricNames.stream().map(k -> Metric.byKey(k).orElseThrow()).toList());
    java.util.List<String> kept = new GapModel(chosen).parameterNames();
    for (String name : spec.correlations().names()) {
      if (!kept.contains(name)) {
        throw new InputException(specFile + ": the correlations name " + name + ", which --metric leaves out; add its metric or drop the pair");
      }
    }
    return chosen;
  }

  private void warnAboutInvalidDraws(RunResult r) {
    if (r.count(GapOutcome.INVALID) > 0) {
      for (Map.Entry<String, Long> e : r.invalidByParameter().entrySet()) {
        self.commandLine().getErr().printf(
            "meek: warning: %s: params.%s: %s of %s draws fell outside its domain (<= 0) and were excluded; add min: to truncate it%n",
            specFile, e.getKey(), Numbers.count(e.getValue()), Numbers.count(r.samples()));
      }
    }
  }
}
