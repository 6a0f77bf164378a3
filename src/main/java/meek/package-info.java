/**
 * meek: Monte Carlo uncertainty analysis of the capability gap between meek and SOTA AI models. The
 * subpackages follow the pipeline {@code spec → distributions → sampling → model → stats → report},
 * wired by {@code run} (the use cases) and {@code cli} (the commands); this package holds only what every
 * stage shares: {@link meek.InputException}, the one type of user-input error.
 */
package meek;
