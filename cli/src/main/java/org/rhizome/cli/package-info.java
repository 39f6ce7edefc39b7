/**
 * The {@code rhizome} command line: a picocli command ({@link org.rhizome.cli.Rhizome}) with subcommands that
 * import files into an embedded TDB2 store, export it, print its statistics, run read-only SPARQL queries and walk
 * through a demo. Commands print results to standard output and one-line errors to standard error, map failures to
 * the exit codes of {@link org.rhizome.cli.ExitCodes}, and render the libraries' progress reports with
 * {@link org.rhizome.cli.ConsoleProgress}; the libraries themselves never print.
 */
package org.rhizome.cli;
