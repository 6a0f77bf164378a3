package meek.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import meek.distributions.ParameterDistribution;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.simple.RandomSource;

/** Parsing one parameter's YAML value and drawing from it, for the distribution tests. */
final class SpecFixtures {
  private SpecFixtures() {}

  /** The distribution a spec gives alpha when it is written as {@code value} (the other parameters constants). */
  static ParameterDistribution parse(Path dir, String value) throws IOException {
    Path f = dir.resolve("s.yaml");
    Files.writeString(f, "params:\n  alpha: " + value + "\n  A: 1070\n  L0: 1.7\n  C0: 1e20\n  g_alg: 2.8\n  g_hw: 1.4\n  g_inv: 3.6\n");
    return new SpecReader().read(f).params().get("alpha");
  }

  /** n draws with a fixed seed. */
  static double[] draw(ParameterDistribution d, long seed, int n) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    ContinuousSampler s = d.sampler(rng);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = s.sample();
    }
    return x;
  }
}
