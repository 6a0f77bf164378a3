package meek.model;

/**
 * One of the paper's views as the engine runs it. Built by {@link GapModel}, a view claims its parameters,
 * outputs and state columns in the {@link Layout}; then, per draw, it writes its outputs and state after
 * the views before it (the loss view first, which fills the {@link LossDraw} the others read); and it
 * evaluates its fan from the state columns.
 */
interface View {

  Metric metric();

  /** The calendar year of t = 0 on this view's fan. */
  double fanBaselineYear();

  /** A fresh evaluator of single draws: one per block, so it may keep scratch. */
  Evaluator newEvaluator();

  /** A fresh evaluator of this view's fan for blocks of up to {@code capacity} draws. */
  MonteCarloModel.FanEvaluator newFan(int capacity);

  /** Evaluates this view for single draws. Not thread-safe. */
  interface Evaluator {
    /**
     * @param p the draw's parameters (all in their domains)
     * @param draw the loss view's view of the draw: filled by the loss view, read by the others
     * @param state receives this view's state columns (zero on entry)
     * @param out receives this view's outputs
     */
    void evaluate(double[] p, LossDraw draw, double[] state, double[] out);
  }
}
