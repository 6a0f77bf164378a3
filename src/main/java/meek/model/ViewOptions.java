package meek.model;

import java.util.List;

/**
 * What a spec configures for one view besides the loss gap: the view's options other than its parameters
 * (which the spec gives as distributions). Each view defines its own, as a record named {@code Options}.
 */
public interface ViewOptions {

  /** The view these options configure. */
  Metric metric();

  /** Its growth rates that may follow a schedule (dropped with the view). */
  default List<String> schedulableRates() {
    return List.of();
  }
}
