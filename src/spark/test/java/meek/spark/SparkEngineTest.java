package meek.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import meek.RuntimeFailure;
import meek.cli.Main;
import meek.run.RunOptions;
import meek.run.RunEngine;
import meek.spec.Spec;
import meek.spec.SpecReader;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Spark engine on an embedded local[2] master gives the local engine's results byte for byte (the local
 * engine's run is the reference), for several designs, quantile modes and numbers of tasks, for runs and batches.
 */
class SparkEngineTest {

  @TempDir Path dir;

  private static JavaSparkContext spark;

  @BeforeAll
  static void start() {
    spark = new JavaSparkContext(SparkMain.configuration("local[2]", new SparkConf().setAppName("meek-test")
        .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")));
    spark.setLogLevel("ERROR");
  }

  @AfterAll
  static void stop() {
    spark.close();
  }

  record Result(int code, String out, String err) {}

  private static Result run(RunEngine engine, List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(engine, new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  private static List<String> with(List<String> args, String... more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return all;
  }

  /** Every file but the manifest (which records the engine's timing) is the same byte for byte, charts included. */
  private static void assertSameFolders(Path expected, Path actual) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(expected)) {
      files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("manifest.json")).toList();
    }
    assertThat(files).isNotEmpty();
    for (Path f : files) {
      Path rel = expected.relativize(f);
      String name = rel.toString();
      if (name.endsWith(".csv") || name.endsWith(".json") || name.endsWith(".md")) {
        assertThat(Files.readAllBytes(actual.resolve(rel))).as(name).isEqualTo(Files.readAllBytes(f));
      } else {
        assertThat(actual.resolve(rel)).as(name).exists();
      }
    }
  }

  @ParameterizedTest(name = "{0} {1} {2} at {3} tasks per core")
  @CsvSource({
    "chinchilla.yaml, mc, exact, 1",
    "chinchilla.yaml, mc, sketch, 3",
    "chinchilla-views.yaml, lhs, exact, 2",
    "correlated.yaml, sobol, sketch, 5",
    "inference.yaml, mc, auto, 4",
  })
  void aRunOnSparkIsTheLocalRunByteForByte(String spec, String design, String quantiles, int tasksPerCore) throws IOException {
    List<String> common = List.of("run", "distributions/" + spec, "--samples", "50000", "--seed", "9", "--design", design,
        "--quantiles", quantiles, "--threads", "2", "--quiet");
    Result local = run(RunEngine.LOCAL, with(common, "--out", dir.resolve("local").toString()));
    assertThat(local.code()).as(local.err()).isZero();
    SparkEngine engine = new SparkEngine(spark, tasksPerCore);
    assertThat(engine.tasksFor(7)).isEqualTo(Math.min(7, 2 * tasksPerCore)); // 50,000 draws are 7 blocks
    Result onSpark = run(engine, with(common, "--out", dir.resolve("spark").toString()));
    assertThat(onSpark.code()).as(onSpark.err()).isZero();
    assertSameFolders(dir.resolve("local"), dir.resolve("spark"));
  }

  @Test
  void aBatchOnSparkIsTheLocalBatchByteForByte() throws IOException {
    List<String> common = List.of("batch", "distributions/batches/investment.yaml", "--samples", "20000", "--seed", "3", "--quiet");
    Result local = run(RunEngine.LOCAL, with(common, "--out", dir.resolve("local").toString()));
    assertThat(local.code()).as(local.err()).isZero();
    spark.setJobGroup("meek-batch-test", "the batch", false);
    Result onSpark = run(new SparkEngine(spark, 2), with(common, "--out", dir.resolve("spark").toString()));
    spark.clearJobGroup();
    assertThat(onSpark.code()).as(onSpark.err()).isZero();
    assertSameFolders(dir.resolve("local"), dir.resolve("spark"));
    assertThat(spark.statusTracker().getJobIdsForGroup("meek-batch-test")).as("one Spark job for every run").hasSize(1);
    // run again: every run is up to date, and no job starts
    spark.setJobGroup("meek-batch-again", "again", false);
    Result again = run(new SparkEngine(spark, 2), with(common, "--out", dir.resolve("spark").toString()));
    spark.clearJobGroup();
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(spark.statusTracker().getJobIdsForGroup("meek-batch-again")).isEmpty();
  }

  @Test
  void whatRunsOnThisMachineOnlyIsRefusedInOneLine() {
    Result r = run(new SparkEngine(spark, 1), List.of("run", "distributions/chinchilla.yaml", "--samples", "10000", "--precision", "0.1",
        "--out", dir.resolve("never").toString()));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).contains("--precision runs on this machine only, not on Spark");
    assertThat(dir.resolve("never")).doesNotExist();
    StringWriter err = new StringWriter();
    assertThat(SparkMain.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true), "compare", "a.yaml")).isEqualTo(2);
    assertThat(err.toString()).contains("'compare' does not run on Spark");
  }

  @Test
  void aFailedSparkJobIsOneLineNamingWhatFailed() throws IOException {
    // the documented limit: an executor that cannot read a spec's data file at the driver's path fails its task
    Path spec = dir.resolve("empirical.yaml");
    Files.writeString(spec, Files.readString(Path.of("distributions/chinchilla.yaml"))
        .replace("g_inv: {dist: lognormal, p5: 2.4, p95: 4.0}", "g_inv: {dist: empirical, file: rates.csv, column: rate}"));
    Files.writeString(dir.resolve("rates.csv"), "rate\n2.5\n3.1\n3.6\n4.0\n");
    Spec read = new SpecReader().read(spec);
    Files.delete(dir.resolve("rates.csv"));
    SparkEngine engine = new SparkEngine(spark, 1);
    assertThatThrownBy(() -> engine.runAll(List.of(read), new RunOptions(20000, 1, 2, meek.sampling.Design.MC, RunOptions.Quantiles.SKETCH, true), done -> {}, (i, r) -> {}))
        .isInstanceOf(RuntimeFailure.class)
        .hasMessageStartingWith("the Spark job failed: ")
        .hasMessageContaining("rates.csv")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void aRunsComputeSecondsCountTheTasksNotOnlyTheMerge() throws IOException {
    // the manifest's compute seconds and the "Results in … (N s)" line: from the job's start, not from the first
    // task's arrival (which left only the merge's fraction of a second)
    Spec read = new SpecReader().read(Path.of("distributions/chinchilla.yaml"));
    RunOptions options = new RunOptions(400_000, 1, 2, meek.sampling.Design.MC, RunOptions.Quantiles.SKETCH, true);
    SparkEngine engine = new SparkEngine(spark, 1);
    long t0 = System.nanoTime();
    meek.run.RunResult r = engine.run(read, options, done -> {});
    double wall = (System.nanoTime() - t0) / 1e9;
    assertThat(r.computeSeconds()).as("wall %.2f s", wall).isBetween(0.5 * wall, wall);
  }

  @Test
  void aFailureThatOnlyWrapsAnotherSaysWhatTheWrappedOneSays() {
    // Spark's "Exception thrown in awaitResult:" says nothing by itself; what failed is in its cause
    Exception wrapped = new SparkException("Exception thrown in awaitResult: \n\tat org.apache.spark.util.SparkThreadUtils",
        new java.io.IOException("Failed to connect to /10.0.0.7:7337\n\tat io.netty.Bootstrap"));
    assertThat(SparkEngine.reason(wrapped)).isEqualTo("Exception thrown in awaitResult: Failed to connect to /10.0.0.7:7337");
    // a cause already quoted by its wrapper is not said twice
    Exception quoting = new SparkException("Job aborted: java.io.FileNotFoundException: rates.csv", new java.io.FileNotFoundException("rates.csv"));
    assertThat(SparkEngine.reason(quoting)).isEqualTo("Job aborted: java.io.FileNotFoundException: rates.csv");
    assertThat(SparkEngine.reason(new IllegalStateException())).isEqualTo("IllegalStateException");
  }

  @Test
  void aMasterUrlSparkDoesNotKnowIsRefusedBeforeSparkStarts() {
    StringWriter err = new StringWriter();
    int code = SparkMain.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true), "--master", "spark:/head:7077", "run",
        "distributions/chinchilla.yaml", "--out", dir.resolve("never").toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip().lines().count()).as(err.toString()).isEqualTo(1);
    assertThat(err.toString()).contains("--master 'spark:/head:7077' is not a Spark master URL");
    assertThat(dir.resolve("never")).doesNotExist();
  }

  @Test
  void theDriverLiftsSparksCapOnAJobsResultsUnlessTheUserSetsIt() {
    assertThat(SparkMain.configuration("local[2]", new SparkConf(false)).get("spark.driver.maxResultSize")).isEqualTo("0");
    SparkConf own = new SparkConf(false).set("spark.driver.maxResultSize", "2g");
    assertThat(SparkMain.configuration("local[2]", own).get("spark.driver.maxResultSize")).isEqualTo("2g");
  }
}
