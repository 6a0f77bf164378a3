package meek.sampling;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
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

  /**
   * Runs body(0) … body(count−1) in parallel and returns when all are done. Each worker takes the next
   * index in turn, so indices finish roughly in order (a streaming writer's reorder buffer stays at about
   * one item per thread) and no thread idles while another has work.
   */
  public void forEach(int count, IntConsumer body) {
    if (count <= 0) {
      return;
    }
    AtomicInteger next = new AtomicInteger();
    List<ForkJoinTask<?>> workers = new ArrayList<>();
    for (int w = 0; w < Math.min(threads, count); w++) {
      workers.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
          body.accept(i);
        }
      }));
    }
    for (ForkJoinTask<?> w : workers) {
      w.join(); // rethrows a worker's exception
    }
  }

  @Override
  public void close() {
    pool.shutdown();
  }

}
