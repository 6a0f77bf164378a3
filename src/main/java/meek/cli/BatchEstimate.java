package meek.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import meek.report.BatchFolder;
import meek.report.Numbers;
import meek.run.BatchPlan;
import meek.run.BatchRun;
import meek.run.RunOptions;
import meek.run.RunResult;

/**
 * A batch's plan before it starts: how many runs, which are up to date, how many draws, and the time and disk
 * the rest will take, measured on this machine: after a pilot that loads and compiles the code, pilots of
 * 32,768 and 262,144 draws of the first run to do (the faster of two each; each folder written to a temporary
 * place, measured and deleted) give a fixed and a per-draw time. An overestimate by up to 2.4× in our
 * measurements (BENCHMARKS.md: the JIT is still warming up), hence "about".
 */
final class BatchEstimate {

  static final int PILOT = 8192;

  /** Runs listed one per line; a longer plan lists the first of them. */
  private static final int LISTED = 30;

  private BatchEstimate() {}

  static void printPlan(BatchPlan batch, Path target, RunOptions options, boolean everyRun, PrintWriter out) throws IOException {
    List<BatchFolder.State> states = new ArrayList<>();
    for (BatchPlan.Job job : batch.jobs()) {
      states.add(BatchFolder.state(target.resolve(job.name()), job.sha256(), options));
    }
    long upToDate = states.stream().filter(s -> s == BatchFolder.State.UP_TO_DATE).count();
    long different = states.stream().filter(s -> s == BatchFolder.State.DIFFERENT).count();
    int toRun = (int) (batch.jobs().size() - upToDate);
    out.printf("Batch %s (%s): %d runs × N = %s draws, into %s; %d to run, %d up to date%s.%n", batch.name(), batch.kind(),
        batch.jobs().size(), Numbers.count(options.samples()), target, toRun, upToDate,
        different == 0 ? "" : ", " + different + " made with other options (redone only with --force)");
    if (everyRun) {
      for (int i = 0; i < Math.min(LISTED, batch.jobs().size()); i++) {
        BatchPlan.Job job = batch.jobs().get(i);
        String overrides = job.overrides().isEmpty() ? job.base().getFileName().toString()
            : String.join(", ", job.overrides().entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).toList());
        out.printf("  [%d/%d] %s: %s; %s%n", i + 1, batch.jobs().size(), job.name(), overrides, describe(states.get(i)));
      }
      if (batch.jobs().size() > LISTED) {
        out.printf("  … and %d more%n", batch.jobs().size() - LISTED);
      }
    }
    if (toRun == 0) {
      return;
    }
    int first = firstToRun(states);
    pilot(batch, first, options, 8 * PILOT); // to load and compile the code, as the batch's first run will
    Pilot small = fastest(pilot(batch, first, options, 4 * PILOT), pilot(batch, first, options, 4 * PILOT));
    Pilot large = fastest(pilot(batch, first, options, 32 * PILOT), pilot(batch, first, options, 32 * PILOT));
    // time = fixed + perDraw·N: the fixed part (threads, fan set-up) dominates a small run
    double perDraw = Math.max(0, (large.computeSeconds - small.computeSeconds) / (28.0 * PILOT));
    double fixed = Math.max(0, small.computeSeconds - perDraw * 4 * PILOT);
    Pilot p = large;
    double perRun = fixed + perDraw * options.samples() + p.writeSeconds;
    out.printf("Estimate from pilots of %s and %s draws of %s on this machine: about %s and %s on disk for the %d runs to do.%n",
        Numbers.count(4 * PILOT), Numbers.count(32 * PILOT), batch.jobs().get(first).name(), duration(perRun * toRun), size(p.bytes * toRun), toRun);
  }

  private static int firstToRun(List<BatchFolder.State> states) {
    for (int i = 0; i < states.size(); i++) {
      if (states.get(i) != BatchFolder.State.UP_TO_DATE) {
        return i;
      }
    }
    return 0;
  }

  private static String describe(BatchFolder.State state) {
    return switch (state) {
      case MISSING -> "to run";
      case UP_TO_DATE -> "up to date (skipped)";
      case PARTIAL -> "incomplete folder (redone)";
      case DIFFERENT -> "made with other options (redone with --force, else refused)";
    };
  }

  private record Pilot(double computeSeconds, double writeSeconds, long bytes) {}

  /** Of two pilots the faster: the other was slowed by a collection or a compilation. */
  private static Pilot fastest(Pilot a, Pilot b) {
    return a.computeSeconds <= b.computeSeconds ? a : b;
  }

  /** One small run of a job, its folder written where nobody looks and measured. */
  private static Pilot pilot(BatchPlan batch, int index, RunOptions options, int samples) throws IOException {
    Path scratch = Files.createTempDirectory("meek-pilot-");
    try {
      long t0 = System.nanoTime();
      RunResult r = BatchRun.pilot(batch, index, options, samples);
      long t1 = System.nanoTime();
      BatchFolder.writeRun(scratch, batch.jobs().get(index), r, Main.version(), t1);
      long t2 = System.nanoTime();
      long bytes;
      try (Stream<Path> files = Files.walk(scratch)) {
        bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
      }
      return new Pilot((t1 - t0) / 1e9, (t2 - t1) / 1e9, bytes);
    } finally {
      try (Stream<Path> files = Files.walk(scratch)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /** "40 s", "12 min", "3.5 h". */
  static String duration(double seconds) {
    if (seconds < 90) {
      return String.format(Locale.ROOT, "%.0f s", Math.max(1, seconds));
    }
    if (seconds < 90 * 60) {
      return String.format(Locale.ROOT, "%.0f min", seconds / 60);
    }
    return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
  }

  /** "840 KB", "1.9 MB", "12 GB". */
  static String size(long bytes) {
    if (bytes < 1_000_000) {
      return String.format(Locale.ROOT, "%.0f KB", bytes / 1e3);
    }
    if (bytes < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
    return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
  }
}
