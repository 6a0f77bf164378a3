/**
 * Typed parameter distributions: what a spec's {@code dist:} becomes. Each is built on a Commons Statistics
 * distribution (quantiles, CDF) and samples through Commons RNG samplers bound to a caller's random stream.
 */
package meek.distributions;
