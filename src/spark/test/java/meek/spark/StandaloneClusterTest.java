package meek.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import meek.cli.Main;
import meek.run.RunEngine;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone cluster: a Spark Master and a Worker, each its own JVM started from the Maven jars on
 * 127.0.0.1, the Worker's executor a third; the job submitted to it gives the local engine's results byte for byte.
 */
class StandaloneClusterTest {

  @TempDir Path dir;

  private final List<Process> daemons = new ArrayList<>();

  @AfterEach
  void stopCluster() {
    daemons.forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
    daemons.forEach(Process::destroyForcibly);
  }

  /** The test's class path, as surefire knows it (java.class.path may be only its booter jar). */
  private static List<String> classPath() {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return List.of(cp.split(File.pathSeparator));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private Process daemon(Path home, String name, String... args) throws IOException {
    // the daemons log at INFO (meek-spark's own configuration keeps Spark at WARN): the test waits for their lines
    Path logConfig = dir.resolve("log4j2-daemons.properties");
    Files.writeString(logConfig, "rootLogger.level = info\nrootLogger.appenderRef.out.ref = out\nappender.out.type = Console\n"
        + "appender.out.name = out\nappender.out.layout.type = PatternLayout\nappender.out.layout.pattern = %p %c{1}: %m%n\n");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-Dlog4j2.configurationFile=" + logConfig, "-cp", String.join(File.pathSeparator, classPath())));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
    pb.environment().put("SPARK_HOME", home.toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process p = pb.start();
    daemons.add(p);
    return p;
  }

  /** A Spark home the Worker can launch executors from: its jars/ are the test's jars (Spark's own among them). */
  private Path sparkHome() throws IOException {
    // under target/, not the test's temporary folder: its links to the Maven repository outlive the test
    Path home = Files.createDirectories(Path.of("target", "spark-test-home").toAbsolutePath());
    Path jars = Files.createDirectories(home.resolve("jars"));
    for (String entry : classPath()) {
      Path p = Path.of(entry);
      if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
        Path link = jars.resolve(p.getFileName());
        if (!Files.exists(link)) {
          Files.createSymbolicLink(link, p.toAbsolutePath());
        }
      }
    }
    return home;
  }

  private void awaitLog(String name, String text) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    Path log = dir.resolve(name + ".log");
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(name + " did not start: " + (Files.exists(log) ? Files.readString(log) : "no log"));
  }

  @Test
  void aRunOnAStandaloneClusterIsTheLocalRunByteForByte() throws Exception {
    Path home = sparkHome();
    int port = freePort();
    String master = "spark://127.0.0.1:" + port;
    daemon(home, "master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port",
        String.valueOf(freePort()));
    awaitLog("master", "I have been elected leader");
    daemon(home, "worker", "org.apache.spark.deploy.worker.Worker", master, "--host", "127.0.0.1", "--cores", "2", "--memory", "1g",
        "--webui-port", String.valueOf(freePort()), "--work-dir", Files.createDirectories(dir.resolve("work")).toString());
    awaitLog("worker", "Successfully registered with master");

    List<String> common = List.of("run", "distributions/chinchilla-views.yaml", "--samples", "60000", "--seed", "4", "--design", "lhs",
        "--threads", "2", "--quiet");
    List<String> local = new ArrayList<>(common);
    local.addAll(List.of("--out", dir.resolve("local").toString()));
    assertThat(Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), local.toArray(String[]::new))).isZero();

    String classes = Path.of("target", "classes").toAbsolutePath().toString();
    SparkConf conf = new SparkConf().setMaster(master).setAppName("meek-standalone-test").set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1").set("spark.executor.memory", "512m")
        .set("spark.cores.max", "2").set("spark.executor.extraClassPath", classes);
    List<String> onCluster = new ArrayList<>(common);
    onCluster.addAll(List.of("--out", dir.resolve("cluster").toString()));
    StringWriter err = new StringWriter();
    try (JavaSparkContext spark = new JavaSparkContext(conf)) {
      spark.setLogLevel("ERROR");
      int code = Main.execute(new SparkEngine(spark, 3), new PrintWriter(new StringWriter()), new PrintWriter(err, true),
          onCluster.toArray(String[]::new));
      assertThat(code).as(err.toString()).isZero();
      assertThat(spark.sc().getExecutorIds().size()).isPositive(); // the work ran on the worker's executor, not in this JVM
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir.resolve("local"))) {
      files = s.filter(p -> p.toString().endsWith(".csv") || p.toString().endsWith("summary.json")).toList();
    }
    assertThat(files).hasSizeGreaterThan(3);
    for (Path f : files) {
      assertThat(Files.readAllBytes(dir.resolve("cluster").resolve(f.getFileName()))).as(f.getFileName().toString())
          .isEqualTo(Files.readAllBytes(f));
    }
    assertThat(RunEngine.LOCAL.name()).isEqualTo("local");
  }
}
