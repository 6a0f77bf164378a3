package meek.model;

/**
 * An observed gap (docs/MODEL.md §8: the paper's §5 readings, or a user's own), to hold against the model's.
 *
 * @param year the calendar year of the reading
 * @param gap the gap observed, in the metric's own unit (nats, percentage points, tokens)
 * @param label a name for it on charts ("" for none)
 * @param metric which view's gap it is
 */
public record Observation(double year, double gap, String label, Metric metric) {}
