package meek.run;

import java.util.List;
import meek.model.GapModel;
import meek.model.GapOutcome;
import meek.model.MonteCarloModel;
import meek.model.Observation;

/**
 * The model's gap at each observation (its metric, its year) for blocks of draws, and the log-likelihood of
 * the observations given them. A view's fan evaluator, started with one step of t = year − the view's start,
 * gives the gap at t on its second point: the same code, and so the same numbers, as the fan chart.
 */
final class ObservedGaps {

  private final GapModel model;
  private final List<Observation> observations;
  private final int[] fan;
  private final double[] time;

  ObservedGaps(GapModel model, List<Observation> observations) {
    this.model = model;
    this.observations = List.copyOf(observations);
    fan = new int[observations.size()];
    time = new double[observations.size()];
    for (int j = 0; j < fan.length; j++) {
      Observation o = observations.get(j);
      fan[j] = model.fans().indexOf(o.metric());
      time[j] = o.year() - model.fanBaselineYear(fan[j]);
    }
  }

  int count() {
    return fan.length;
  }

  List<Observation> observations() {
    return observations;
  }

  /** Σ_j ln p(y_j | gaps[j]) (−∞ when a gap is missing or not positive on a log scale). */
  double logLikelihood(double[][] gaps, int i) {
    double sum = 0;
    for (int j = 0; j < fan.length; j++) {
      sum += observations.get(j).logLikelihood(gaps[j][i]);
    }
    return sum;
  }

  /** A worker for blocks of up to {@code capacity} draws: not thread-safe, one per thread. */
  Worker newWorker(int capacity) {
    return new Worker(capacity);
  }

  final class Worker {
    private final MonteCarloModel.FanEvaluator[] evaluators = new MonteCarloModel.FanEvaluator[fan.length];
    private final MonteCarloModel.Evaluator draws = model.newEvaluator();
    private final double[] row;
    private final double[][] columns;
    private final double[] state;
    private final double[] scalars;

    private Worker(int capacity) {
      for (int j = 0; j < fan.length; j++) {
        evaluators[j] = model.newFanEvaluator(fan[j], capacity);
      }
      row = new double[capacity];
      columns = new double[model.stateWidth()][capacity];
      state = new double[model.stateWidth()];
      scalars = new double[model.outputs().size()];
    }

    /**
     * The gaps of a block's valid draws: {@code out[j][at + k]} for draw k &lt; valid of {@code state[column][k]}.
     */
    void gaps(double[][] stateColumns, int valid, double[][] out, int[] at) {
      for (int j = 0; j < fan.length; j++) {
        evaluators[j].begin(stateColumns, valid, time[j]);
        evaluators[j].next(row); // t = 0
        evaluators[j].next(row); // t = the observation's
        for (int k = 0; k < valid; k++) {
          out[j][at[k]] = row[k];
        }
      }
    }

    /**
     * Evaluates draws {@code params[i]}, i &lt; count: writes each one's log-likelihood, and when asked its outcome, scalars
     * ({@code scalarsOut[output][i]}), state ({@code stateOut[column][i]}) and gaps ({@code gapsOut[obs][i]});
     * an invalid draw gets −∞, NaN scalars, NaN gaps and NaN state.
     */
    void evaluate(double[][] params, int count, double[] logLikelihood, double[][] gapsOut, double[][] scalarsOut, double[][] stateOut,
        byte[] outcomesOut) {
      int[] at = new int[count];
      int valid = 0;
      for (int i = 0; i < count; i++) {
        GapOutcome o = draws.evaluate(params[i], state, scalars);
        if (outcomesOut != null) {
          outcomesOut[i] = (byte) o.ordinal();
        }
        if (o == GapOutcome.INVALID) {
          logLikelihood[i] = Double.NEGATIVE_INFINITY;
          for (double[] g : gapsOut) {
            g[i] = Double.NaN;
          }
          if (scalarsOut != null) {
            for (double[] s : scalarsOut) {
              s[i] = Double.NaN;
            }
            for (double[] s : stateOut) {
              s[i] = Double.NaN;
            }
          }
          continue;
        }
        for (int c = 0; c < state.length; c++) {
          columns[c][valid] = state[c];
          if (stateOut != null) {
            stateOut[c][i] = state[c];
          }
        }
        if (scalarsOut != null) {
          for (int c = 0; c < scalars.length; c++) {
            scalarsOut[c][i] = scalars[c];
          }
        }
        at[valid++] = i;
      }
      gaps(columns, valid, gapsOut, at);
      for (int k = 0; k < valid; k++) {
        logLikelihood[at[k]] = logLikelihood(gapsOut, at[k]);
      }
    }
  }
}
