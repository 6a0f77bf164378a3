package meek.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import meek.cli.Main;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code meek-spark run|batch …}: meek's own {@code run} and {@code batch} commands, with the draws computed on
 * Apache Spark. The driver runs here (client mode), so the results folder is written where the user is.
 *
 * <p>Two options of its own, anywhere on the line: {@code --master URL} (default: what spark-submit set, else
 * an embedded {@code local[*]}) and {@code --tasks-per-core N} (default {@value #DEFAULT_TASKS_PER_CORE}).
 */
public final class SparkMain {

  /** Tasks per core of the cluster: enough to balance uneven executors, few enough that their cost stays small. */
  static final int DEFAULT_TASKS_PER_CORE = 4;

  /** The master URLs Spark 4 knows (SparkContext.createTaskScheduler), checked before Spark starts and logs its own trace. */
  private static final java.util.regex.Pattern MASTER =
      java.util.regex.Pattern.compile("local(\\[(\\*|[1-9][0-9]*)(,[0-9]+)?\\])?|local-cluster\\[[^]]+\\]|spark://\\S+|yarn|k8s://\\S+");

  private SparkMain() {}

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(execute(out, err, args));
  }

  /** Runs a command on Spark and returns its exit code (for tests). */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    List<String> rest = new ArrayList<>();
    String master = null;
    int tasksPerCore = DEFAULT_TASKS_PER_CORE;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String value = null;
      String name = a.startsWith("--master") ? "--master" : a.startsWith("--tasks-per-core") ? "--tasks-per-core" : null;
      if (name != null && (a.equals(name) || a.startsWith(name + "="))) {
        if (a.equals(name)) {
          if (i + 1 >= args.length) {
            err.println("meek-spark: " + name + " needs a value, e.g. " + (name.equals("--master") ? "--master spark://host:7077" : "--tasks-per-core 4"));
            return Main.EXIT_INPUT;
          }
          value = args[++i];
        } else {
          value = a.substring(name.length() + 1);
        }
        if (name.equals("--master")) {
          if (!MASTER.matcher(value).matches()) {
            err.println("meek-spark: --master '" + value + "' is not a Spark master URL; e.g. local[*], local[4], spark://host:7077, yarn, k8s://https://host:443");
            return Main.EXIT_INPUT;
          }
          master = value;
        } else {
          try {
            tasksPerCore = Integer.parseInt(value);
          } catch (NumberFormatException e) {
            tasksPerCore = 0;
          }
          if (tasksPerCore < 1 || tasksPerCore > 1000) {
            err.println("meek-spark: --tasks-per-core must be a whole number from 1 to 1000 (got '" + value + "')");
            return Main.EXIT_INPUT;
          }
        }
      } else {
        rest.add(a);
      }
    }
    String command = rest.isEmpty() ? "" : rest.get(0);
    if (!command.equals("run") && !command.equals("batch")) {
      if (command.equals("--help") || command.equals("-h") || command.isEmpty()) {
        out.println("Usage: meek-spark [--master URL] [--tasks-per-core N] run|batch … (the options of meek run and meek batch)");
        out.println("Runs meek run or meek batch with the draws computed on Apache Spark; the results are the same, bit for bit.");
        out.println("  --master URL          local[*] (the default), spark://host:7077, yarn, k8s://… (spark-submit sets it too)");
        out.println("  --tasks-per-core N    tasks per core of the cluster (default " + DEFAULT_TASKS_PER_CORE + ")");
        return command.isEmpty() ? Main.EXIT_INPUT : 0;
      }
      if (command.equals("--version") || command.equals("-V")) {
        return Main.execute(out, err, "--version");
      }
      err.println("meek-spark: '" + command + "' does not run on Spark; meek-spark runs run and batch (use ./meek " + command + ")");
      return Main.EXIT_INPUT;
    }
    // a --help or a bad option needs no cluster
    if (rest.contains("--help") || rest.contains("-h")) {
      return Main.execute(out, err, rest.toArray(String[]::new));
    }
    SparkConf conf = configuration(master, new SparkConf().setAppName("meek " + String.join(" ", rest)));
    JavaSparkContext spark;
    try {
      spark = new JavaSparkContext(conf);
    } catch (Exception e) { // Spark declares none, yet throws SparkException and others when the master is unusable
      boolean badUrl = e.getMessage() != null && e.getMessage().startsWith("Could not parse Master URL");
      err.println("meek-spark: cannot start Spark on master '" + conf.get("spark.master") + "': " + SparkEngine.reason(e)
          + (badUrl ? " (e.g. local[*], spark://host:7077, yarn, k8s://https://host:443)" : ""));
      return badUrl ? Main.EXIT_INPUT : Main.EXIT_RUNTIME;
    }
    try (spark) {
      spark.setLogLevel("WARN");
      return Main.execute(new SparkEngine(spark, tasksPerCore), out, err, rest.toArray(String[]::new));
    }
  }

  /**
   * meek's settings over the user's (spark-submit's, or {@code given}): the master ({@code null}: what is set, else
   * local[*]), this jar for a cluster's executors, no web UI unless asked for, and no cap on a job's results
   * unless the user sets one, since the engine merges each run as its tasks come in and bounds what the driver
   * holds itself (Spark's 1 GiB default, over all of a batch's runs, would stop a large run or batch for nothing).
   */
  static SparkConf configuration(String master, SparkConf given) {
    SparkConf conf = given;
    if (master != null) {
      conf.setMaster(master);
    } else if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    if (!conf.get("spark.master").startsWith("local") && !conf.contains("spark.jars")) {
      conf.setJars(new String[] {ownJar()}); // the executors load meek from this jar
    }
    conf.setIfMissing("spark.ui.enabled", "false");
    conf.setIfMissing("spark.driver.maxResultSize", "0");
    return conf;
  }

  /** The jar (or classes folder) meek runs from. */
  static String ownJar() {
    try {
      return Path.of(SparkMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
