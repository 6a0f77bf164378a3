package meek.cli;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr that appears only when stderr is a terminal and the work has lasted over a
 * second: short runs and scripts see nothing. The engine reports per block, so updating is cheap.
 */
final class Progress implements LongConsumer, AutoCloseable {
  private final AtomicLong done = new AtomicLong();
  private final ScheduledExecutorService timer;
  private volatile ProgressBar bar;

  Progress(String task, long total, boolean enabled) {
    if (!enabled || System.console() == null) {
      timer = null;
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "meek-progress");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(
        () -> {
          if (bar == null) {
            bar =
                new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(200)
                    .continuousUpdate()
                    .build();
          }
          bar.stepTo(done.get());
        },
        1000,
        200,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void accept(long samplesDone) {
    done.accumulateAndGet(samplesDone, Math::max);
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
      try {
        timer.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (bar != null) {
        bar.stepTo(done.get());
        bar.close();
      }
    }
  }
}
