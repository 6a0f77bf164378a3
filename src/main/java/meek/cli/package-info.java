/**
 * The commands ({@code run}, {@code compare}, {@code sensitivity}, {@code batch}, {@code cite}, {@code point},
 * {@code validate}, {@code fit-benchmark}), one picocli class each: parse and check the options (picocli's
 * {@code ParameterException}), read the spec ({@code spec}), call the use case ({@code run}), hand its result
 * to its writer ({@code report}) and print what the user should see. {@link meek.cli.Main} turns errors into
 * one line and an exit code: 2 for input the user must fix, 1 for a failure while running.
 */
package meek.cli;
