/**
 * The {@code gan} command line: one picocli command per file, each a thin layer over the library modules.
 * Results go to stdout, progress and errors to stderr; exit codes 0 ok, 1 failure, 2 usage error.
 */
package io.ganlab.cli;
