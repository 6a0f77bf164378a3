/**
 * Reading and validating spec files (YAML) into a typed {@link meek.spec.Spec}. Every problem becomes a
 * {@link meek.InputException}: one line naming the file, the line, the key, what is wrong and how to
 * fix it.
 */
package meek.spec;
