package meek.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import meek.model.Observation;
import meek.report.CalibrationFolder;
import meek.report.Publish;
import meek.report.ResultFiles;
import meek.run.Calibration;
import meek.run.RunOptions;
import meek.spec.ObservedPoints;
import meek.spec.Spec;
import meek.spec.SpecReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec.Target;

/** {@code meek calibrate SPEC --observed FILE.csv}: the spec's prior updated by observed gaps. */
@Command(
    name = "calibrate",
    header = "Updates a spec's priors with observed gaps and writes the posterior's results folder.",
    mixinStandardHelpOptions = true,
    description = "Weights the prior draws meek run makes for the spec and seed by the likelihood of the observations (independent"
        + " normal errors, on the log scale for scale log), Pareto-smoothed (PSIS); when the smoothing's k-hat says the weights cannot"
        + " be trusted, an adaptive tempered SMC sampler draws the posterior instead. Writes posterior.json, parameters.csv, fan.csv"
        + " and fan_prior.csv (and per view), fan charts with the prior behind and the observations with error bars,"
        + " inflection_time.png/.svg (prior and posterior t*), summary.md, manifest.json, references.bib and report.html into"
        + " results/<spec name>-calibrated/.")
final class CalibrateCommand implements Callable<Integer> {

  @picocli.CommandLine.Spec(Target.SELF)
  CommandSpec self;

  @picocli.CommandLine.Mixin SamplingOptions sampling;

  @Parameters(index = "0", paramLabel = "SPEC", description = "Spec file (YAML), e.g. distributions/calibrate-mmlu-pro.yaml")
  Path specFile;

  @Option(names = "--observed", required = true, paramLabel = "FILE.csv",
      description = "The observations: columns year,gap,sd and optionally metric (loss, benchmark, tokens, inference, inference_benchmark;"
          + " default loss), scale (linear or log; default linear) and label.")
  Path observedFile;

  @Option(names = "--method", paramLabel = "M", defaultValue = "auto", completionCandidates = Candidates.CalibrationMethods.class,
      description = "auto (importance sampling, or SMC when its Pareto k-hat is above the threshold), importance, or smc. Default: auto.")
  String method;

  @Option(names = "--out", paramLabel = "DIR", description = "Results folder (default: results/<spec name>-calibrated/).")
  Path out;

  @Option(names = "--no-fan", description = "Scalars only: skip the fans over time (no fan*.csv/.png/.svg).")
  boolean noFan;

  @Option(names = "--force", description = "Replace the results folder if it exists (only if meek wrote it).")
  boolean force;

  /** Below this, PSIS has too short a tail to fit and SMC's islands too few particles. */
  static final int MIN_SAMPLES = 1000;

  @Override
  public Integer call() throws IOException {
    long wallStart = System.nanoTime();
    Calibration.Method m = switch (method) {
      case "auto" -> Calibration.Method.AUTO;
      case "importance" -> Calibration.Method.IMPORTANCE;
      case "smc" -> Calibration.Method.SMC;
      default -> throw new picocli.CommandLine.ParameterException(self.commandLine(),
          "--method must be auto, importance or smc (got '" + method + "')");
    };
    RunOptions options = sampling.options(RunOptions.Quantiles.EXACT, !noFan);
    if (options.samples() < MIN_SAMPLES) {
      throw new picocli.CommandLine.ParameterException(self.commandLine(), "--samples must be at least 1,000 to calibrate (got "
          + options.samples() + "): Pareto smoothing fits a tail of the largest weights and SMC runs 16 islands; e.g. --samples 100000");
    }
    Spec spec = new SpecReader().read(specFile);
    List<Observation> observed = ObservedPoints.readWithErrors(observedFile);
    Calibration.check(spec, observed, observedFile);
    Path target = out != null ? out : Path.of("results", spec.name() + "-calibrated");
    List<Path> inputs = new ArrayList<>(spec.inputs());
    inputs.add(observedFile);
    Calibration.Result result;
    try (Publish.Claim claim = Publish.claimFolder(target, ResultFiles.WrittenBy.CALIBRATE, force, inputs)) {
      try (Progress progress = new Progress("meek calibrate " + spec.name(), options.samples(), !sampling.quiet)) {
        result = Calibration.execute(spec, options, observed, observedFile.toString(), m, progress);
      }
      try (Publish.Folder folder = claim.stage()) {
        Calibration.Result made = result;
        List<String> specTexts = List.of(spec.text());
        folder.publish(f -> CalibrationFolder.write(f, made, observedFile, options, specTexts, Main.version(), wallStart));
      }
    }
    RunCommand.warnAboutInvalidDraws(self.commandLine().getErr(), specFile, result.prior(), new meek.model.GapModel(spec.model()));
    if (!sampling.quiet) {
      PrintWriter o = self.commandLine().getOut();
      for (String sentence : CalibrationFolder.sentences(result)) {
        o.println(sentence);
      }
      o.println(CalibrationFolder.diagnostics(result));
      o.printf("Results in %s (%.1f s)%n", target, (System.nanoTime() - wallStart) / 1e9);
    }
    return 0;
  }
}
