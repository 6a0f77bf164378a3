package meek.model;

/**
 * One per-sample scalar a model reports (e.g. {@code inflection_time_years}).
 *
 * @param name the key in {@code summary.json} and the row name in {@code quantiles.csv} (a contract)
 * @param unit the unit as a reader should see it ("years", "nats", "" for a calendar year)
 * @param description what the number is, in words, for tables and sentences
 * @param calendarYear true when the value is a calendar year rather than a duration or a size
 * @param startYear for a duration, the calendar year it counts from (NaN until a model places it, and for
 *     sizes and calendar years): the training baseline, or the inference view's own start year
 */
public record ScalarOutput(String name, String unit, String description, boolean calendarYear, double startYear) {

  /** An output not yet placed on a calendar (a size, a calendar year, or a duration before its model sets its start). */
  public ScalarOutput(String name, String unit, String description, boolean calendarYear) {
    this(name, unit, description, calendarYear, Double.NaN);
  }

  /** The same duration, counted from {@code year}. */
  public ScalarOutput countedFrom(double year) {
    return new ScalarOutput(name, unit, description, calendarYear, year);
  }

  /** Whether it is a length of time (in years) from {@link #startYear}. */
  public boolean duration() {
    return "years".equals(unit);
  }
}
