/**
 * Estimators on arrays, knowing nothing of specs, engines or files: exact quantiles with their
 * distribution-free Monte Carlo CIs ({@link meek.stats.QuantileSummarizer}, {@link meek.stats.RankSelection}),
 * streamed quantiles ({@link meek.stats.ScalarSketches}, {@link meek.stats.FanSketch} over DDSketch bins),
 * batch-means CIs ({@link meek.stats.BatchQuantiles}), paired differences ({@link meek.stats.PairedDifference}),
 * rank correlations, Sobol indices and tornado swings ({@link meek.stats.RankCorrelations},
 * {@link meek.stats.SobolIndices}, {@link meek.stats.Tornado}) and the benchmark sigmoid's least-squares fit
 * ({@link meek.stats.SigmoidFit}).
 */
package meek.stats;
