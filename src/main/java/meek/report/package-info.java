/**
 * Writing results: {@code summary.json}, {@code quantiles.csv}, {@code fan.csv}, {@code summary.md},
 * {@code manifest.json} and the charts, all into a {@link meek.report.ResultFolder} that appears atomically.
 */
package meek.report;
