package io.agenttransport.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version written in the jar's manifest, if the command runs from a jar. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = AgentTransportCommand.class.getPackage().getImplementationVersion();
    return new String[] {"agent-transport " + (version == null ? "(development build)" : version)};
  }
}
