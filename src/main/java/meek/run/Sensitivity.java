package meek.run;

import java.util.List;
import meek.model.ScalarOutput;
import meek.stats.RankCorrelations;
import meek.stats.SobolIndices;
import meek.stats.Tornado;

/**
 * Which uncertain inputs drive each output, as {@link SensitivityAnalysis} found it.
 *
 * @param inputs the spec's uncertain (non-constant) parameters
 * @param outputs what is explained ({@link SensitivityOutputs})
 * @param options samples, seed and design of the ordinary run behind the rank correlations
 * @param ranks per output, or null when not asked for
 * @param tornado or null
 * @param sobol per output, or null
 * @param sobolRows N of the Saltelli design
 * @param bootstrap resamples behind the Sobol confidence intervals
 * @param correlated the spec has rank correlations; Sobol indices assume independent inputs and drop them
 * @param seconds the analysis's compute time
 */
public record Sensitivity(
    SpecSummary spec, List<String> inputs, List<ScalarOutput> outputs, RunOptions options,
    RankCorrelations[] ranks, Tornado tornado, SobolIndices[] sobol, int sobolRows, int bootstrap,
    boolean correlated, double seconds) {}
