package meek.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import meek.model.Metric;
import meek.run.RunOptions;
import meek.sampling.Design;

/** The values an option takes as the user types them (lower case), for help texts and shell completion. */
final class Candidates {

  private Candidates() {}

  private static Iterator<String> lowerCase(Enum<?>[] values) {
    return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).iterator();
  }

  /** --design: mc, lhs, sobol. */
  static final class Designs implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return lowerCase(Design.values());
    }
  }

  /** --quantiles: auto, exact, sketch. */
  static final class QuantileModes implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return lowerCase(RunOptions.Quantiles.values());
    }
  }

  /** --metric: loss, benchmark, tokens, inference. */
  static final class Metrics implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Metric.values()).map(Metric::key).iterator();
    }
  }

  /** calibrate --method: auto, importance, smc. */
  static final class CalibrationMethods implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("auto", "importance", "smc").iterator();
    }
  }
}
