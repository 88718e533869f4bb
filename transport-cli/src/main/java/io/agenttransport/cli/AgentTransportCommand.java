package io.agenttransport.cli;

import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import io.agenttransport.api.TransportException;
import io.agenttransport.config.ConfigException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code agent-transport} command: certificates, a reference agent, core-side calls and a demo.
 *
 * <p>Exit codes: 0 on success, 1 when the job failed (an agent unreachable, an action failed), 2
 * for bad usage or configuration. Errors are printed as one line; {@code --verbose} adds the stack
 * trace and debug logging.
 */
@Command(
    name = "agent-transport",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Runs and inspects the link between core and its agents.",
    subcommands = {CertsCommand.class, AgentCommand.class, CoreCommand.class, DemoCommand.class})
public final class AgentTransportCommand implements Runnable {
  /** Exit code of a successful run. */
  public static final int EXIT_OK = 0;

  /** Exit code when the job failed, such as an agent that could not be reached. */
  public static final int EXIT_FAILURE = 1;

  /** Exit code for bad usage or bad configuration. */
  public static final int EXIT_USAGE = 2;

  static final String VERBOSE = "--verbose";

  @Spec private CommandSpec spec;

  @Option(
      names = VERBOSE,
      scope = ScopeType.INHERIT,
      description = "Print stack traces of errors and debug logs.")
  private boolean verbose;

  /** Runs the command and exits with its exit code. */
  public static void main(String[] args) {
    LogLevels.configure(Arrays.asList(args));
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int exitCode = execute(out, err, args);
    out.flush();
    err.flush();
    System.exit(exitCode);
  }

  /**
   * Runs the command with {@code args}, writing to {@code out} and {@code err}, and returns the
   * exit code. Never calls {@link System#exit}.
   */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new AgentTransportCommand());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(AgentTransportCommand::handleExecutionException);
    commandLine.setParameterExceptionHandler(AgentTransportCommand::handleParameterException);
    return commandLine.execute(args);
  }

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "missing command: expected one of certs, agent, core or demo");
  }

  private static int handleExecutionException(
      Exception exception, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (exception instanceof ParameterException parameterException) {
      return handleParameterException(parameterException, new String[0]);
    }
    Throwable cause = unwrap(exception);
    err.println("error: " + describe(cause));
    if (isVerbose(parseResult)) {
      cause.printStackTrace(err);
    }
    err.flush();
    return cause instanceof ConfigException ? EXIT_USAGE : EXIT_FAILURE;
  }

  /**
   * Returns the error to report: the cause of the wrappers that futures and Guice add, or the first
   * {@link ConfigException} in the cause chain, which decides the exit code.
   */
  static Throwable unwrap(Throwable exception) {
    for (Throwable current = exception; current != null; current = current.getCause()) {
      if (current instanceof ConfigException) {
        return current;
      }
    }
    Throwable current = exception;
    while (current.getCause() != null
        && (current instanceof CompletionException
            || current instanceof ExecutionException
            || current instanceof ProvisionException
            || current instanceof CreationException)) {
      current = current.getCause();
    }
    return current;
  }

  private static int handleParameterException(ParameterException exception, String[] args) {
    CommandLine commandLine = exception.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.println("error: " + exception.getMessage());
    err.println("Run '" + commandLine.getCommandSpec().qualifiedName() + " --help' for the usage.");
    err.flush();
    return EXIT_USAGE;
  }

  /** Returns the one-line description of an error, with the kind of a transport error. */
  static String describe(Throwable exception) {
    if (exception instanceof TransportException transport) {
      return transport.kind() + ": " + transport.getMessage();
    }
    String message = exception.getMessage();
    return message == null || message.isBlank() ? exception.getClass().getSimpleName() : message;
  }

  private static boolean isVerbose(ParseResult parseResult) {
    for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
      if (result.hasMatchedOption(VERBOSE)) {
        return true;
      }
    }
    return false;
  }
}
