package io.agenttransport.tck.jdk;

import io.agenttransport.api.Agent;
import io.agenttransport.spi.AgentServer;
import io.agenttransport.spi.Availability;
import io.agenttransport.spi.ClientContext;
import io.agenttransport.spi.ClientTransport;
import io.agenttransport.spi.ServerContext;
import io.agenttransport.spi.TransportCapability;
import io.agenttransport.spi.TransportProvider;
import java.util.EnumSet;
import java.util.Set;

/**
 * A small but complete provider on the JDK alone, for the TCK's own tests: {@code
 * java.net.http.HttpClient} on core's side and a JDK server socket on the agent's, speaking the
 * agent HTTP API. The faults given to the constructor break it on purpose.
 */
public final class JdkTransportProvider implements TransportProvider {
  private final Set<Fault> faults;

  /** Creates the correct provider. */
  public JdkTransportProvider() {
    this(EnumSet.noneOf(Fault.class));
  }

  JdkTransportProvider(Set<Fault> faults) {
    this.faults = faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults);
  }

  @Override
  public String name() {
    return "jdk";
  }

  @Override
  public Set<String> schemes() {
    return Set.of("https", "http");
  }

  @Override
  public Availability availability() {
    return Availability.ok();
  }

  @Override
  public Set<TransportCapability> capabilities() {
    return EnumSet.of(TransportCapability.PLAINTEXT, TransportCapability.SHORT_LIVED_CONNECTIONS);
  }

  @Override
  public ClientTransport createClient(ClientContext context) {
    return new JdkClientTransport(context, faults);
  }

  @Override
  public AgentServer startServer(ServerContext context, Agent agent) {
    return JdkAgentServer.start(context, agent, faults);
  }
}
