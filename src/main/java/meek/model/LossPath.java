package meek.model;

/**
 * The meek and SOTA losses above L0 over time, K·e^(−α·a(t)) and K·e^(−α·b(t)), with their time
 * derivatives: what the benchmark view maps through its sigmoid. Two paths: constant rates (docs/MODEL.md §1)
 * and growth schedules (§7).
 */
interface LossPath {
  double meek(double t);

  double sota(double t);

  double meekSlope(double t);

  double sotaSlope(double t);

  /** Constant rates: K·e^(−rate·t) and K·e^(−(rate + excess)·t). Mutable, one per evaluator. */
  final class Constant implements LossPath {
    private double k;
    private double rate;
    private double excess;

    void set(double k, double rate, double excess) {
      this.k = k;
      this.rate = rate;
      this.excess = excess;
    }

    @Override
    public double meek(double t) {
      return k * Math.exp(-rate * t);
    }

    @Override
    public double sota(double t) {
      return k * Math.exp(-(rate + excess) * t);
    }

    @Override
    public double meekSlope(double t) {
      return -rate * meek(t);
    }

    @Override
    public double sotaSlope(double t) {
      return -(rate + excess) * sota(t);
    }
  }

  /** A growth schedule's path, read from a loaded {@link ScheduledGap}. */
  final class Scheduled implements LossPath {
    private final ScheduledGap gap;

    Scheduled(ScheduledGap gap) {
      this.gap = gap;
    }

    @Override
    public double meek(double t) {
      return gap.meekExcess(t);
    }

    @Override
    public double sota(double t) {
      return gap.sotaExcess(t);
    }

    @Override
    public double meekSlope(double t) {
      return gap.meekExcessSlope(t);
    }

    @Override
    public double sotaSlope(double t) {
      return gap.sotaExcessSlope(t);
    }
  }
}
