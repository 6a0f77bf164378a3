package meek.run;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import meek.InputException;
import meek.model.GapModel;
import meek.sampling.MonteCarloEngine;
import meek.sampling.Parallel;
import meek.spec.Spec;

/**
 * {@code meek merge}: a run put back together from its parts ({@code meek run --part I/K}). The parts' block
 * ranges must cover every block of the run exactly once; each part's numbers go into one whole run's
 * aggregates, which are summarised as {@code meek run} summarises its own, so the results are the same bit
 * for bit.
 */
public final class MergedRun {

  private MergedRun() {}

  /** Opens a part's numbers (checked against its checksum by whoever made the part). */
  @FunctionalInterface
  public interface PartData {
    InputStream open() throws IOException;
  }

  /**
   * One part of a run.
   *
   * @param name the part as the user gave it (its folder), for messages
   * @param part I of {@code --part I/K}
   * @param parts K
   * @param fromBlock its first block; {@code toBlock} one past its last
   */
  public record Part(String name, int part, int parts, int fromBlock, int toBlock, PartData data) {}

  /**
   * The run the parts make up.
   *
   * @param options the run's options, as its parts record them (threads: the merge's own)
   */
  public static RunResult merge(Spec spec, RunOptions options, List<Part> parts) {
    Folding run = Folding.of(spec, options, parts);
    for (Part p : parts) {
      run.add(p);
    }
    return run.result();
  }

  /**
   * A run whose parts are read one at a time, in any order, as they come: only the run's totals are held, not
   * the parts (meek-spark folds each task's result in as it arrives). Not thread-safe: one thread adds.
   */
  public static final class Folding {
    private final Spec spec;
    private final RunOptions options;
    private final RunAggregates whole;
    private final Instant started;
    private final long t0;

    private Folding(Spec spec, RunOptions options, RunAggregates whole, Instant started, long t0) {
      this.spec = spec;
      this.options = options;
      this.whole = whole;
      this.started = started;
      this.t0 = t0;
    }

    /**
     * The run's empty totals, once the parts it will be given are known to cover every block exactly once and
     * the run fits the heap.
     *
     * @param planned the parts to come (their data not opened here)
     */
    public static Folding of(Spec spec, RunOptions options, List<Part> planned) {
      return of(spec, options, planned, Instant.now(), System.nanoTime());
    }

    /**
     * As {@link #of(Spec, RunOptions, List)}, for parts computed by whoever folds them in.
     *
     * @param started when their computing began, and {@code t0} its {@link System#nanoTime()}: the run's compute
     *     seconds are counted from there to its summary
     */
    public static Folding of(Spec spec, RunOptions options, List<Part> planned, Instant started, long t0) {
      GapModel model = new GapModel(spec.model());
      checkCoverage(planned, MonteCarloEngine.blocks(options.samples()));
      MonteCarloRun.checkMemory(model, options, spec.times().length);
      return new Folding(spec, options, RunAggregates.empty(spec, model, options), started, t0);
    }

    /** Reads a part's numbers into the totals; the part can be let go afterwards. */
    public void add(Part p) {
      try (InputStream raw = p.data().open(); DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
        whole.read(in, p.fromBlock(), p.toBlock());
        if (in.read() >= 0) {
          throw new IOException("it holds more than its numbers");
        }
      } catch (EOFException e) {
        throw new InputException(p.name() + ": its numbers are cut short; run that part again (--part " + p.part() + "/" + p.parts() + ")");
      } catch (IOException e) {
        throw new InputException(p.name() + ": its numbers cannot be read (" + e.getMessage() + "); run that part again (--part "
            + p.part() + "/" + p.parts() + ")");
      }
    }

    /** Whether every block is in. */
    public boolean complete() {
      return whole.complete();
    }

    /** The run, summarised as {@code meek run} summarises its own. */
    public RunResult result() {
      if (!complete()) {
        throw new IllegalStateException("blocks not yet folded in: " + whole.missing().size() + " ranges");
      }
      try (Parallel parallel = new Parallel(options.threads())) {
        return whole.summarize(spec, parallel, started, t0);
      }
    }
  }

  /** Every block in exactly one part: a missing or doubled range is named before anything is read. */
  static void checkCoverage(List<Part> parts, int blocks) {
    List<Part> sorted = new ArrayList<>(parts);
    sorted.sort(Comparator.comparingInt(Part::fromBlock).thenComparingInt(Part::toBlock));
    int next = 0;
    Part previous = null;
    for (Part p : sorted) {
      if (p.fromBlock() < next) {
        int to = Math.min(next, p.toBlock());
        if (previous.name().equals(p.name())) {
          throw new InputException(p.name() + " is given twice; give each part once");
        }
        throw new InputException(String.format(Locale.ROOT, "%s and %s both hold block%s %s; give each part once", previous.name(),
            p.name(), to - p.fromBlock() == 1 ? "" : "s", range(p.fromBlock(), to)));
      }
      if (p.fromBlock() > next) {
        throw missing(next, p.fromBlock(), blocks, sorted);
      }
      next = p.toBlock();
      previous = p;
    }
    if (next < blocks) {
      throw missing(next, blocks, blocks, sorted);
    }
  }

  private static InputException missing(int from, int to, int blocks, List<Part> given) {
    // with every part split alike, say which parts they are
    int parts = given.isEmpty() ? 0 : given.get(0).parts();
    boolean alike = given.stream().allMatch(p -> p.parts() == parts);
    List<String> which = new ArrayList<>();
    for (int i = 1; alike && i <= parts; i++) {
      int[] r = RunAggregates.partRange(blocks, i, parts);
      if (r[0] < to && r[1] > from) {
        which.add(i + "/" + parts);
      }
    }
    String hint = which.isEmpty() ? "; run the parts that hold them"
        : which.size() == 1 ? ": part " + which.get(0) + " is missing; run it with --part " + which.get(0) + " and give its folder too"
        : ": parts " + String.join(", ", which) + " are missing; run them (--part " + which.get(0) + " …) and give their folders too";
    return new InputException(String.format(Locale.ROOT, "block%s %s of the run's %,d %s in no part given%s", to - from == 1 ? "" : "s",
        range(from, to), blocks, to - from == 1 ? "is" : "are", hint));
  }

  private static String range(int from, int to) {
    return to - from == 1 ? String.format(Locale.ROOT, "%,d", from) : String.format(Locale.ROOT, "%,d–%,d", from, to - 1);
  }
}
