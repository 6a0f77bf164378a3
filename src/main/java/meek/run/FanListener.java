package meek.run;

import meek.model.MonteCarloModel;
import meek.sampling.Block;
import meek.sampling.BlockListener;
import meek.spec.Spec;
import meek.stats.FanData;
import meek.stats.FanSketch;

/**
 * Turns each finished block into one fan's numbers, on the worker thread that made it: the model's fan
 * evaluator gives the block's values step by step, which go straight into the thread's counts and the
 * block's sums ({@link FanSketch}), so no draw's fan is ever stored.
 */
final class FanListener implements BlockListener {

  private final MonteCarloModel model;
  private final int fan;
  private final double[] times;
  private final double step;
  private final int blockSize;
  private final FanSketch sketch;
  private final ThreadLocal<Worker> local = ThreadLocal.withInitial(Worker::new);

  /**
   * @param times equally spaced from 0: t_j = j·step
   * @param blocks how many blocks the engine will report
   */
  FanListener(MonteCarloModel model, int fan, double[] times, int blocks, int blockSize) {
    if (times.length > Spec.MAX_FAN_STEPS) {
      throw new IllegalArgumentException("a fan has at most " + Spec.MAX_FAN_STEPS + " points (got " + times.length + ")");
    }
    this.model = model;
    this.fan = fan;
    this.times = times.clone();
    this.step = times.length > 1 ? times[1] - times[0] : 1;
    this.blockSize = blockSize;
    this.sketch = new FanSketch(times.length, blocks);
  }

  @Override
  public void block(Block b) {
    int count = b.valid();
    Worker w = local.get();
    double[] sums = new double[times.length];
    w.evaluator.begin(b.state(), count, step);
    for (int j = 0; j < times.length; j++) {
      w.evaluator.next(w.row);
      w.counter.add(j, w.row, count);
      sums[j] = FanSketch.sum(w.row, count);
    }
    sketch.blockDone(b.index(), sums, count);
  }

  /** Its counts and sums so far. */
  FanSketch sketch() {
    return sketch;
  }

  /** The fan, once every block has been reported. */
  FanData result() {
    return sketch.result(model.fans().get(fan), times, model.fanBaselineYear(fan));
  }

  private final class Worker {
    final MonteCarloModel.FanEvaluator evaluator = model.newFanEvaluator(fan, blockSize);
    final FanSketch.Counter counter = sketch.newCounter();
    final double[] row = new double[blockSize];
  }
}
