/**
 * From samples to reported numbers: quantiles (Hyndman–Fan type 7, numpy's default) with distribution-free
 * confidence intervals from order statistics, means, and the fan's per-time-step quantiles.
 */
package meek.stats;
