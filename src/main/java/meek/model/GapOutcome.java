package meek.model;

/** How one parameter draw behaves (docs/MODEL.md §1, edge cases). Every draw gets exactly one. */
public enum GapOutcome {
  /** g_inv &gt; 1 and G &gt; 1: the gap rises, peaks at t*, then shrinks towards zero. */
  CONVERGES("converges"),
  /** g_inv &le; 1: the SOTA model never has a loss advantage; no peak. */
  NO_ADVANTAGE("no_advantage"),
  /** G &le; 1 with g_inv &gt; 1: the gap never shrinks, so meek models never catch up (t* = +&infin;). */
  NEVER_CONVERGES("never_converges"),
  /** A parameter outside its domain (&alpha;, A, C0 or a growth rate &le; 0, or not finite). */
  INVALID("invalid");

  private final String key;

  GapOutcome(String key) {
    this.key = key;
  }

  /** The name used for this outcome in {@code summary.json}'s {@code counts}. */
  public String key() {
    return key;
  }
}
