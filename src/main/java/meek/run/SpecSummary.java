package meek.run;

import java.nio.file.Path;
import java.util.Map;
import meek.distributions.Correlations;
import meek.distributions.ParameterDistribution;
import meek.spec.Spec;

/**
 * What a result records of the spec it came from, for the files that report it: its names, span and source,
 * and each parameter's law as resolved.
 *
 * @param source the spec file
 * @param text its text (its comments name the sources for references.bib)
 * @param sha256 hex SHA-256 of its bytes
 * @param params each parameter's distribution, in the spec's order
 */
public record SpecSummary(
    Path source,
    String text,
    String sha256,
    String name,
    String title,
    double baselineYear,
    double horizonYears,
    double stepYears,
    Map<String, ParameterDistribution> params,
    Correlations correlations) {

  public static SpecSummary of(Spec spec) {
    return new SpecSummary(spec.source(), spec.text(), spec.sha256(), spec.name(), spec.title(), spec.baselineYear(),
        spec.horizonYears(), spec.stepYears(), spec.params(), spec.correlations());
  }
}
