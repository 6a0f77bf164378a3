package meek.model;

/**
 * One per-sample scalar a model reports (e.g. {@code inflection_time_years}).
 *
 * @param name the key in {@code summary.json} and the row name in {@code quantiles.csv} (a contract)
 * @param unit the unit as a reader should see it ("years", "nats", "" for a calendar year)
 * @param description what the number is, in words, for tables and sentences
 * @param calendarYear true when the value is a calendar year rather than a duration or a size
 */
public record ScalarOutput(String name, String unit, String description, boolean calendarYear) {}
