package meek.sampling;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntConsumer;

/**
 * A dedicated ForkJoin pool of a fixed size. The common pool has cores − 1 threads (one on a two-core
 * laptop), so meek never uses it.
 */
public final class Parallel implements AutoCloseable {

  private final ForkJoinPool pool;
  private final int threads;

  public Parallel(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1 (got " + threads + ")");
    }
    this.threads = threads;
    this.pool = new ForkJoinPool(threads);
  }

  public int threads() {
    return threads;
  }

  /** Runs body(0) … body(count−1), in parallel, and returns when all are done. */
  public void forEach(int count, IntConsumer body) {
    if (count > 0) {
      pool.invoke(new Range(0, count, body));
    }
  }

  @Override
  public void close() {
    pool.shutdown();
  }

  private static final class Range extends RecursiveAction {
    private static final long serialVersionUID = 1L;
    private final int from;
    private final int to;
    private final transient IntConsumer body;

    Range(int from, int to, IntConsumer body) {
      this.from = from;
      this.to = to;
      this.body = body;
    }

    @Override
    protected void compute() {
      if (to - from == 1) {
        body.accept(from);
        return;
      }
      int mid = (from + to) >>> 1;
      invokeAll(new Range(from, mid, body), new Range(mid, to, body));
    }
  }
}
