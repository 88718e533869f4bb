package io.agenttransport.http;

import io.agenttransport.api.Agent;
import io.agenttransport.http.internal.HttpClientTransport;
import io.agenttransport.http.internal.HttpWire;
import io.agenttransport.http.internal.JettyAgentServer;
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
 * The default transport, named {@code http}, for {@code http://} and {@code https://} agent
 * addresses.
 *
 * <p>Core calls agents with OkHttp; agents serve the agent HTTP API with an embedded Jetty server.
 * Actions travel only over mutual TLS and are signed with RFC 9421 HTTP Message Signatures; plain
 * HTTP carries information operations only. Found with {@link java.util.ServiceLoader}.
 */
public final class HttpTransportProvider implements TransportProvider {
  private static final Set<String> SCHEMES = Set.of("http", "https");
  private static final String[] REQUIRED_CLASSES = {
    "okhttp3.OkHttpClient", "org.eclipse.jetty.server.Server"
  };

  /** Creates the provider; it does no work until a client or server is created. */
  public HttpTransportProvider() {}

  @Override
  public String name() {
    return HttpWire.TRANSPORT_NAME;
  }

  @Override
  public Set<String> schemes() {
    return SCHEMES;
  }

  @Override
  public Availability availability() {
    for (String className : REQUIRED_CLASSES) {
      try {
        Class.forName(className, false, HttpTransportProvider.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        return Availability.unavailable(
            "class "
                + className
                + " is missing; add com.squareup.okhttp3:okhttp-jvm and"
                + " org.eclipse.jetty:jetty-server to the class path");
      }
    }
    return Availability.ok();
  }

  @Override
  public Set<TransportCapability> capabilities() {
    return EnumSet.allOf(TransportCapability.class);
  }

  @Override
  public ClientTransport createClient(ClientContext context) {
    return HttpClientTransport.create(context);
  }

  @Override
  public AgentServer startServer(ServerContext context, Agent agent) {
    return JettyAgentServer.start(context, agent);
  }
}
