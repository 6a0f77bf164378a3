package meek.stats;

import java.util.concurrent.TimeUnit;
import meek.model.GapModel;
import meek.model.MonteCarloModel;
import meek.sampling.DrawPlan;
import meek.sampling.DrawSource;
import meek.sampling.MonteCarloEngine;
import meek.sampling.RandomStreams;
import meek.spec.Spec;
import meek.spec.SpecReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-sample kernel, piece by piece, on one block of the peers' Chinchilla scenario (bench/specs):
 * drawing the parameters, the closed forms (with the two convergence times), one fan row, counting a fan row
 * into the sketch bins, and the last two interleaved as a run does them. Run with bench/jmh.sh; results in BENCHMARKS.md. Each score is ns per draw (or per
 * fan point).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FanAggregationBenchmark {

  static final int BLOCK = MonteCarloEngine.BLOCK_SIZE;
  static final int STEPS = 121;

  private GapModel model;
  private DrawSource.Drawer drawer;
  private MonteCarloModel.Evaluator evaluator;
  private MonteCarloModel.FanEvaluator fan;
  private double[][] params;
  private double[][] columns;
  private double[][] stateColumns;
  private double[] row;
  private double[][] rows;
  private double[] one;
  private double[] state;
  private double[] scalars;
  private SketchCounts counts;

  @Setup
  public void setUp() {
    Spec spec = new SpecReader().read(java.nio.file.Path.of("bench/specs/peer-chinchilla.yaml"));
    model = new GapModel(spec.model());
    DrawPlan plan = DrawPlan.of(spec.distributions(model.parameterNames()), model.parameterNames(), spec.correlations(),
        meek.sampling.Design.MC, BLOCK);
    drawer = plan.forBlock(0, BLOCK, RandomStreams.forBlocks(1, 1)[0]);
    evaluator = model.newEvaluator();
    int p = model.parameterNames().size();
    params = new double[BLOCK][p];
    columns = new double[p][BLOCK];
    one = new double[p];
    state = new double[model.stateWidth()];
    scalars = new double[model.outputs().size()];
    stateColumns = new double[model.stateWidth()][BLOCK];
    for (int i = 0; i < BLOCK; i++) {
      drawer.next(params[i]);
      evaluator.evaluate(params[i], state, scalars);
      for (int c = 0; c < state.length; c++) {
        stateColumns[c][i] = state[c];
      }
    }
    fan = model.newFanEvaluator(0, BLOCK);
    row = new double[BLOCK];
    rows = new double[STEPS][BLOCK];
    fan.begin(stateColumns, BLOCK, 0.25);
    for (int j = 0; j < STEPS; j++) {
      fan.next(rows[j]);
    }
    counts = new SketchCounts(STEPS, SketchCounts.FAN_ACCURACY);
  }

  /** One parameter vector (7 parameters, 5 of them drawn: a normal and four lognormals). */
  @Benchmark
  @OperationsPerInvocation(BLOCK)
  public void drawParameters(Blackhole bh) {
    for (int i = 0; i < BLOCK; i++) {
      drawer.next(one);
      bh.consume(one[0]);
    }
  }

  /** The same draws a block at a time, column by column, as the engine makes them. */
  @Benchmark
  @OperationsPerInvocation(BLOCK)
  public void fillParameters(Blackhole bh) {
    drawer.fill(columns, BLOCK);
    bh.consume(columns);
  }

  /** The closed forms of one draw: t*, the peak, steepest decline and the two convergence times. */
  @Benchmark
  @OperationsPerInvocation(BLOCK)
  public void evaluateDraw(Blackhole bh) {
    for (int i = 0; i < BLOCK; i++) {
      bh.consume(evaluator.evaluate(params[i], state, scalars));
    }
  }

  /** One fan point by the multiplicative recurrence (121 steps × one block). */
  @Benchmark
  @OperationsPerInvocation(BLOCK * STEPS)
  public void fanRow(Blackhole bh) {
    fan.begin(stateColumns, BLOCK, 0.25);
    for (int j = 0; j < STEPS; j++) {
      fan.next(row);
      bh.consume(row);
    }
  }

  /** Counting one fan value into its step's logarithmic bins (121 steps × one block). */
  @Benchmark
  @OperationsPerInvocation(BLOCK * STEPS)
  public void fanCount() {
    for (int j = 0; j < STEPS; j++) {
      counts.add(j, rows[j], BLOCK);
    }
  }

  /** The fan mean's sum of one row, in its own pass (121 steps × one block): what folding it into the row would save. */
  @Benchmark
  @OperationsPerInvocation(BLOCK * STEPS)
  public void fanSum(Blackhole bh) {
    for (int j = 0; j < STEPS; j++) {
      bh.consume(FanSketch.sum(rows[j], BLOCK));
    }
  }

  /** A fan row then its counting, step by step, as a run does it (121 steps × one block). */
  @Benchmark
  @OperationsPerInvocation(BLOCK * STEPS)
  public void fanRowAndCount() {
    fan.begin(stateColumns, BLOCK, 0.25);
    for (int j = 0; j < STEPS; j++) {
      fan.next(row);
      counts.add(j, row, BLOCK);
    }
  }
}
