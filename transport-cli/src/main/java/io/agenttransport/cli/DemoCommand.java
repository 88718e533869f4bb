package io.agenttransport.cli;

import io.agenttransport.cli.demo.Demo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Runs the self-contained demo. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Starts three agents on loopback ports with fresh certificates, syncs them as core, runs a "
          + "signed action and shows three attacks failing.",
      "Leaves nothing behind: the temporary folder is deleted at the end, also on failure."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    boolean passed = Demo.run(spec.commandLine().getOut());
    return passed ? AgentTransportCommand.EXIT_OK : AgentTransportCommand.EXIT_FAILURE;
  }
}
