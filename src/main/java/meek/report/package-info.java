/**
 * Every artifact a result becomes, one writer each: {@code summary.json} ({@link meek.report.SummaryJson}),
 * {@code manifest.json} ({@link meek.report.ManifestJson}), the CSV tables ({@link meek.report.CsvReport}),
 * {@code summary.md} ({@link meek.report.SummaryMarkdown}), the comparison's, sensitivity analysis's and
 * batch's files ({@link meek.report.CompareReport}, {@link meek.report.SensitivityReport},
 * {@link meek.report.BatchIndex}), the charts ({@link meek.report.ChartStyle} and one class per kind),
 * {@code references.bib}, and the terminal's tables ({@link meek.report.Citation},
 * {@link meek.report.PointReport}, {@link meek.report.ValidateReport}, {@link meek.report.FitReport}).
 * Everything is published atomically through {@link meek.report.Publish}, and read back through
 * {@link meek.report.ResultReader} (cite, a batch's index and resume). It reads the results of {@code run};
 * it knows no spec file and no engine.
 */
package meek.report;
