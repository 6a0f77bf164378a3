package meek.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import meek.InputException;
import meek.distributions.ParameterDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** YAML anchors, aliases and merge keys read as if written out (they used to read as the text of the alias). */
class AnchorsTest {

  @TempDir Path dir;

  private Spec read(String params) throws IOException {
    Path f = dir.resolve("s.yaml");
    Files.writeString(f, "params:\n" + params);
    return new SpecReader().read(f);
  }

  private static final String REST = "  A: 1070\n  L0: 1.7\n  C0: 1e20\n  g_inv: 3.6\n";

  @Test
  void anAliasIsTheAnchoredValue() throws IOException {
    Spec s = read("  alpha: 0.155\n  g_alg: &growth {dist: lognormal, median: 2.8, gsd: 1.3}\n  g_hw: *growth\n" + REST);
    ParameterDistribution alg = s.params().get("g_alg");
    ParameterDistribution hw = s.params().get("g_hw");
    for (double p : new double[] {0.05, 0.5, 0.95}) {
      assertThat(hw.quantile(p)).isEqualTo(alg.quantile(p));
    }
    // the lognormal's median is its median (a closed form, not meek's output)
    assertThat(hw.median()).isEqualTo(2.8, within(1e-12));
  }

  @Test
  void aMergeKeyTakesTheAnchorAndOverridesItsKeys() throws IOException {
    Spec s = read("  alpha: 0.155\n  g_alg: &growth {dist: lognormal, median: 2.8, gsd: 1.3}\n  g_hw: {<<: *growth, median: 1.4}\n" + REST);
    ParameterDistribution hw = s.params().get("g_hw");
    assertThat(hw.median()).isEqualTo(1.4, within(1e-12));
    // same gsd: p95 / median = 1.3^1.6449
    assertThat(hw.quantile(0.95) / hw.median()).isEqualTo(Math.pow(1.3, 1.6448536269514722), within(1e-9));
  }

  @Test
  void aScalarAliasAndAnUndefinedOne() throws IOException {
    Spec s = read("  alpha: &a 0.155\n  g_alg: 2.8\n  g_hw: 1.4\n  A: 1070\n  L0: *a\n  C0: 1e20\n  g_inv: 3.6\n");
    assertThat(s.params().get("L0").median()).isEqualTo(0.155);
    assertThatThrownBy(() -> read("  alpha: *nowhere\n  g_alg: 2.8\n  g_hw: 1.4\n" + REST)).isInstanceOf(InputException.class)
        .hasMessageContaining("s.yaml:2: invalid YAML: found undefined alias nowhere");
  }
}
