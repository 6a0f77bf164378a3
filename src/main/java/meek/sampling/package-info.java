/**
 * Drawing parameters and running the model over many samples: deterministic random streams per block
 * ({@link meek.sampling.RandomStreams}), a dedicated ForkJoin pool ({@link meek.sampling.Parallel}) and the
 * engine ({@link meek.sampling.MonteCarloEngine}) that fills a {@link meek.sampling.SampleSet}.
 *
 * <p>Reproducibility rests on one rule: the work is cut into blocks of a fixed size, and block b always
 * draws from stream b, whatever the number of threads. Results are stored by sample index, so the output is
 * bit-identical for any {@code --threads}.
 */
package meek.sampling;
