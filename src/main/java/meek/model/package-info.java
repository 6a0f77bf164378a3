/**
 * The paper in code (docs/MODEL.md): closed forms and the views of the gap, with no I/O, no randomness and no
 * other package of meek.
 *
 * <ul>
 *   <li>The math: {@link meek.model.TrainingGap} (the loss gap's closed forms and convergence times),
 *       {@link meek.model.ScheduledGap} (piecewise growth), {@link meek.model.BenchmarkMap},
 *       {@link meek.model.Discrimination}, {@link meek.model.InferenceBudget}, {@link meek.model.ChinchillaLoss}.
 *   <li>The views, one class each: {@link meek.model.LossView}, {@link meek.model.BenchmarkView},
 *       {@link meek.model.TokensView}, {@link meek.model.InferenceView}; each owns its parameters (names and
 *       {@link meek.model.Domain}s), its outputs ({@link meek.model.ScalarOutput} constants: the one place
 *       an output's name is spelled), its per-draw evaluation and its fan. {@link meek.model.Metric} lists
 *       them.
 *   <li>{@link meek.model.GapModel} composes the views a {@link meek.model.ModelConfig} asks for into the
 *       {@link meek.model.MonteCarloModel} the engine runs.
 * </ul>
 */
package meek.model;
