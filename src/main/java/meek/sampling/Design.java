package meek.sampling;

/** How the uniforms behind each block's draws are laid out. */
public enum Design {
  /** Plain Monte Carlo: independent draws. */
  MC,
  /** Latin hypercube per block: each parameter's 8,192 draws fall one in each of 8,192 equal-probability strata. */
  LHS,
  /** Sobol points (Commons Math), the first 8,192 of the sequence with an independent random shift per block. */
  SOBOL;

  /** True when blocks are independent replicates whose spread, not order statistics, measures precision. */
  public boolean usesBatchMeans() {
    return this != MC;
  }
}
