/**
 * The pipeline, one use case per class: a spec's Monte Carlo run ({@link meek.run.MonteCarloRun}), a
 * precision-targeted run ({@link meek.run.PrecisionRun}), a comparison with common random numbers
 * ({@link meek.run.Comparison}), a sensitivity analysis ({@link meek.run.SensitivityAnalysis}), a batch
 * ({@link meek.run.BatchRun}, which knows no files: it hands each result to a sink) and the model at the
 * medians ({@link meek.run.PointEvaluation}). Each builds the spec's model, drives the engine, and turns its
 * blocks into the estimators' arrays ({@link meek.run.FanListener} and the listeners in
 * {@link meek.run.MonteCarloRun}); the results are records ({@link meek.run.RunResult} …) that
 * {@code report} writes and {@code cli} prints.
 */
package meek.run;
