/**
 * Reading what the user wrote into typed values: a spec ({@link meek.spec.SpecReader} → {@link meek.spec.Spec},
 * with its parameters' laws, correlations and the {@link meek.model.ModelConfig} of its views), a batch
 * ({@link meek.spec.BatchReader}), observed points and benchmark scores (CSV). Every file is read once
 * ({@code SpecFile}: bytes, hash, tree and the line of every key); every problem is one
 * {@link meek.InputException} naming the file, line and key, what is wrong and how to fix it.
 */
package meek.spec;
