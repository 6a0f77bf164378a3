/**
 * The joint law of a spec's parameters, knowing nothing else of meek: each parameter's distribution
 * ({@link meek.distributions.ParameterDistribution}: built on Commons Statistics, sampled through Commons RNG
 * samplers bound to a caller's stream, truncated exactly) and the Gaussian copula of their rank
 * correlations ({@link meek.distributions.Correlations}).
 */
package meek.distributions;
