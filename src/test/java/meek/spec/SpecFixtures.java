package meek.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import meek.distributions.ParameterDistribution;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.simple.RandomSource;

/** Parsing one parameter's YAML value and drawing from it, for the distribution tests. */
final class SpecFixtures {
  private SpecFixtures() {}

  /** The distribution a spec with {@code params: {x: <value>}} gives x. */
  static ParameterDistribution parse(Path dir, String value) throws IOException {
    Path f = dir.resolve("s.yaml");
    Files.writeString(f, "params:\n  x: " + value + "\n");
    return new SpecReader(List.of("x")).read(f).params().get("x");
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
