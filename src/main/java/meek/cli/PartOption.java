package meek.cli;

import picocli.CommandLine;

/** {@code --part I/K}: part I of K, 1 ≤ I ≤ K. */
final class PartOption implements CommandLine.ITypeConverter<PartOption.Part> {

  /** Part {@code part} of {@code parts}. */
  record Part(int part, int parts) {
    @Override
    public String toString() {
      return part + "/" + parts;
    }
  }

  @Override
  public Part convert(String value) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*([0-9]{1,9})\\s*/\\s*([0-9]{1,9})\\s*").matcher(value);
    if (!m.matches()) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not a part I/K; write e.g. --part 3/8 (the third of eight)");
    }
    int part = Integer.parseInt(m.group(1));
    int parts = Integer.parseInt(m.group(2));
    if (parts < 1 || part < 1 || part > parts) {
      throw new CommandLine.TypeConversionException("'" + value + "': I must lie between 1 and K (e.g. 1/8 … 8/8)");
    }
    return new Part(part, parts);
  }
}
