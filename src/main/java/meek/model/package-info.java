/**
 * The paper in code: pure functions of the training gap (MODEL.md §1), no I/O and no randomness.
 *
 * <p>{@link meek.model.TrainingGap} holds the closed forms; {@link meek.model.TrainingGapModel} adapts them
 * to the Monte Carlo engine's per-sample interface {@link meek.model.MonteCarloModel}.
 */
package meek.model;
