package io.agenttransport.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One in-process run of the command: its exit code and what it printed.
 *
 * @param exitCode the exit code
 * @param out what was printed to standard output
 * @param err what was printed to standard error
 */
record CliRun(int exitCode, String out, String err) {
  /** Runs {@code agent-transport} with {@code args} in this process. */
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode =
        AgentTransportCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(exitCode, out.toString(), err.toString());
  }
}
