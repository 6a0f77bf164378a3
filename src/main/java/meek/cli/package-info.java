/** Thin picocli commands that wire spec → sampling → stats → report. */
package meek.cli;
