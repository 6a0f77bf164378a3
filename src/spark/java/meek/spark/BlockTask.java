package meek.spark;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import meek.model.Metric;
import meek.run.MonteCarloRun;
import meek.run.RunAggregates;
import meek.run.RunOptions;
import meek.sampling.RandomStreams;
import meek.spec.Spec;
import meek.spec.SpecReader;

/**
 * One Spark task: a contiguous range of one run's blocks, from the random streams' start the driver computed,
 * returned as the same partial aggregates a {@code --part} folder holds ({@link RunAggregates#write}).
 *
 * @param run which run of the job (a batch has several)
 * @param source the spec's name, for messages
 * @param specText the spec as read on the driver, parsed again here (specs are small; data files they name are
 *     read from the same path on the executor)
 * @param sha256 the spec's hash on the driver: the executor must read the very same spec
 * @param metrics the views the run reports
 * @param options the run's options, quantile mode decided on the driver, one thread
 * @param start the streams' start at the range's first block
 * @param toBlock one past the range's last block
 */
record BlockTask(int run, String source, String specText, String sha256, List<Metric> metrics, RunOptions options,
    RandomStreams.Start start, int toBlock) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** An executor's specs, parsed once per JVM and run (a task's parse would cost more than small tasks compute). */
  private static final Map<String, Spec> SPECS = new ConcurrentHashMap<>();

  static BlockTask of(int run, Spec spec, List<Metric> metrics, RunOptions options, RandomStreams.Start start, int toBlock) {
    return new BlockTask(run, spec.source().toString(), spec.text(), spec.sha256(), List.copyOf(metrics), options, start, toBlock);
  }

  /** The range's aggregates, in part format. */
  byte[] compute() {
    Spec spec = SPECS.computeIfAbsent(sha256 + " " + metrics, k -> {
      Spec read = new SpecReader().read(Path.of(source), specText.getBytes(StandardCharsets.UTF_8));
      if (!read.sha256().equals(sha256)) {
        throw new IllegalStateException(source + ": the executor read another spec than the driver");
      }
      return read.only(metrics);
    });
    RunAggregates aggregates = MonteCarloRun.ofBlocks(spec, options, start.block(), toBlock).blocks(start, toBlock, done -> {});
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      aggregates.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
