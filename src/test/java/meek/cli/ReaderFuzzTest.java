package meek.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import meek.InputException;
import meek.spec.BatchReader;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing of the spec and batch readers: the shipped specs and batches, mutated line by line and token by
 * token, must read as a valid spec or give a one-line error (exit 2): never a stack trace, never a file left
 * behind. Each test draws its edits from a fixed seed, so CI is reproducible and a failure names the try that
 * broke; change a seed to explore further.
 */
public class ReaderFuzzTest {

  /** Values a careless or hostile user might type where a value goes. */
  private static final List<String> TOKENS = List.of("0", "-1", "1e400", "-1e400", "1e-400", ".inf", "-.inf", ".nan", "abc", "''", "[]",
      "{}", "[1, 2", "{dist: normal}", "{dist: normal, mean: 1, sd: -1}", "{dist: lognormal, p5: 5, p95: 1}", "*nowhere", "&a 1", "~",
      "null", "true", "2019-01-01", "0x10", "1_000", "9999999999999999999999", "\"\\u0000\"", "é", "{dist: empirical, values: []}",
      "{dist: empirical, file: /dev/null, column: x}", "{dist: mixture, components: [], weights: []}", "[{until: 5, rate: 3}]",
      "[{until: -1, rate: 3}, {rate: 1}]", "[{rate: 1}, {until: 5, rate: 2}]", "{min: 1, max: 0}", "!!binary aGVsbG8=", "<<: *a",
      "{dist: uniform, min: 1, max: 1}", "{dist: beta, a: 0, b: 1}", "-", ":", "? x", "|", ">", "%YAML 1.2", "---", "...");

  public static final List<String> SPECS = List.of("distributions/chinchilla.yaml", "distributions/kaplan.yaml",
      "distributions/chinchilla-views.yaml", "distributions/inference.yaml", "distributions/correlated.yaml",
      "distributions/paper-stagnation.yaml");

  private static final List<String> BATCHES = List.of("distributions/batches/investment.yaml",
      "distributions/batches/exponent-by-investment.yaml", "distributions/batches/stagnation.yaml",
      "distributions/batches/kaplan-vs-chinchilla.yaml");

  @TempDir Path dir;

  /** One edit of a file's lines. */
  public record Edit(int kind, int line, int other, String token) {}

  /** The text with the edits applied in turn. */
  public static String apply(String text, List<Edit> edits) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    for (Edit e : edits) {
      if (lines.isEmpty()) {
        lines.add("");
      }
      int i = Math.floorMod(e.line(), lines.size());
      int j = Math.floorMod(e.other(), lines.size());
      String l = lines.get(i);
      switch (e.kind()) {
        case 0 -> lines.remove(i); // delete a line
        case 1 -> lines.add(i, l); // duplicate it
        case 2 -> { // swap two lines
          lines.set(i, lines.get(j));
          lines.set(j, l);
        }
        case 3 -> { // replace a value by a token
          int colon = l.indexOf(':');
          lines.set(i, colon < 0 ? l + " " + e.token() : l.substring(0, colon + 1) + " " + e.token());
        }
        case 4 -> lines.set(i, l.replaceFirst("^ *", " ".repeat(Math.floorMod(e.other(), 7)))); // re-indent
        case 5 -> lines.set(i, l.substring(0, Math.floorMod(e.other(), l.length() + 1))); // cut a line short
        case 6 -> lines.add(i, "  " + e.token().replaceAll("[^a-z_]", "") + "x: " + e.token()); // an unknown key
        case 7 -> lines.set(i, l.replace(",", e.token())); // break a flow mapping
        default -> lines.set(i, l + "\t" + e.token()); // trailing junk with a tab
      }
    }
    return String.join("\n", lines);
  }

  /** A stream of random edits from a seed. */
  public static UniformRandomProvider edits(long seed) {
    return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
  }

  /**
   * One to four random edits (the schema test mutates specs the same way): half the time one, and four times in ten
   * on the first eleven lines, where a spec's top-level keys are (the emphasis the jqwik generators these replace had).
   */
  public static List<Edit> randomEdits(UniformRandomProvider rng) {
    List<Edit> edits = new ArrayList<>();
    for (int count = rng.nextBoolean() ? 1 : rng.nextInt(2, 5), i = 0; i < count; i++) {
      edits.add(new Edit(rng.nextInt(0, 9), line(rng), line(rng), TOKENS.get(rng.nextInt(TOKENS.size()))));
    }
    return edits;
  }

  private static int line(UniformRandomProvider rng) {
    return rng.nextDouble() < 0.4 ? rng.nextInt(0, 11) : rng.nextInt(0, 201);
  }

  /** Only the mutated file is in the folder afterwards: nothing was written. */
  private void assertNothingWritten(Path input) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(Path::getFileName).map(Path::toString)).containsOnly(input.getFileName().toString());
    }
  }

  private static void assertOneLineOrSuccess(CliRunner.Result r, String what) {
    assertThat(r.code()).as(what + "\n" + r.err()).isIn(0, 2);
    assertThat(r.err()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
    if (r.code() == 2) {
      assertThat(r.err().strip()).as(what).startsWith("meek: ").doesNotContain("\n");
    }
  }

  @Test
  void aMutatedSpecIsValidOrOneLineError() throws IOException {
    UniformRandomProvider rng = edits(20261202);
    for (int attempt = 0; attempt < 2000; attempt++) {
      int which = rng.nextInt(SPECS.size());
      List<Edit> edits = randomEdits(rng);
      String text = Files.readString(Path.of(SPECS.get(which)), StandardCharsets.UTF_8);
      Path spec = dir.resolve("s.yaml");
      Files.writeString(spec, apply(text, edits), StandardCharsets.UTF_8);
      CliRunner.Result r = CliRunner.run("validate", spec.toString());
      assertOneLineOrSuccess(r, "try " + attempt + ": " + SPECS.get(which) + " " + edits);
      assertNothingWritten(spec);
    }
  }

  /** The batch reader composes and validates every run: the same contract (base: made absolute so it resolves). */
  @Test
  void aMutatedBatchReadsOrIsOneLineError() throws IOException {
    UniformRandomProvider rng = edits(20261203);
    for (int attempt = 0; attempt < 1000; attempt++) {
      int which = rng.nextInt(BATCHES.size());
      List<Edit> edits = randomEdits(rng);
      Path source = Path.of(BATCHES.get(which));
      String text = Files.readString(source, StandardCharsets.UTF_8)
          .replaceFirst("(?m)^base: ", "base: " + source.toAbsolutePath().getParent() + "/");
      Path batch = dir.resolve("b.yaml");
      Files.writeString(batch, apply(text, edits), StandardCharsets.UTF_8);
      try {
        new BatchReader().read(batch);
      } catch (InputException e) {
        // as meek prints it: a path the user wrote may hold a newline, which is shown escaped
        assertThat(Main.oneLine("meek: " + e.getMessage())).as("try " + attempt + ": " + BATCHES.get(which) + " " + edits)
            .doesNotContain("\n").startsWith("meek: " + dir).doesNotContain("Exception");
      }
      assertNothingWritten(batch);
    }
  }

  /** A few mutated specs run end to end: a results folder or nothing at all. */
  @Test
  void aMutatedSpecRunsOrWritesNothing() throws IOException {
    UniformRandomProvider rng = edits(20261204);
    for (int attempt = 0; attempt < 40; attempt++) {
      int which = rng.nextInt(SPECS.size());
      List<Edit> edits = randomEdits(rng);
      Path spec = dir.resolve("s.yaml");
      Files.writeString(spec, apply(Files.readString(Path.of(SPECS.get(which)), StandardCharsets.UTF_8), edits), StandardCharsets.UTF_8);
      Path out = dir.resolve("out");
      CliRunner.Result r = CliRunner.run("run", spec.toString(), "--samples", "300", "--out", out.toString(), "--quiet", "--force");
      assertOneLineOrSuccess(r, "try " + attempt + ": " + SPECS.get(which) + " " + edits);
      if (r.code() == 2) {
        assertNothingWritten(spec);
      } else {
        assertThat(out.resolve("summary.json")).isNotEmptyFile();
        try (Stream<Path> files = Files.walk(out)) {
          files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }
}
