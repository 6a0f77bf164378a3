package meek.cli;

import java.util.Arrays;
import java.util.stream.Collectors;
import meek.model.Metric;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --metric loss,tokens}: each name a {@link Metric}'s key. */
final class MetricConverter implements ITypeConverter<Metric> {

  @Override
  public Metric convert(String value) {
    return Metric.byKey(value).orElseThrow(() -> new TypeConversionException("expected one of "
        + Arrays.stream(Metric.values()).map(Metric::key).collect(Collectors.joining(", ")) + " but was '" + value + "'"));
  }
}
