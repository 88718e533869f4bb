package io.agenttransport.registry;

import io.agenttransport.api.Agent;
import io.agenttransport.spi.AgentServer;
import io.agenttransport.spi.Availability;
import io.agenttransport.spi.ClientContext;
import io.agenttransport.spi.ClientTransport;
import io.agenttransport.spi.ServerContext;
import io.agenttransport.spi.TransportCapability;
import io.agenttransport.spi.TransportProvider;
import java.util.Set;

/** Providers listed in the services files under {@code registry/} in the test resources. */
final class FakeProviders {
  private FakeProviders() {}

  /** A provider that only reports its name, schemes and availability. */
  abstract static class Named implements TransportProvider {
    private final String name;
    private final Set<String> schemes;

    Named(String name, String... schemes) {
      this.name = name;
      this.schemes = Set.of(schemes);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Set<String> schemes() {
      return schemes;
    }

    @Override
    public Availability availability() {
      return Availability.ok();
    }

    @Override
    public Set<TransportCapability> capabilities() {
      return Set.of();
    }

    @Override
    public ClientTransport createClient(ClientContext context) {
      throw new UnsupportedOperationException("registry tests never create clients");
    }

    @Override
    public AgentServer startServer(ServerContext context, Agent agent) {
      throw new UnsupportedOperationException("registry tests never start servers");
    }
  }

  /** Serves {@code alpha} and {@code shared}. */
  public static final class Alpha extends Named {
    public Alpha() {
      super("alpha", "alpha", "shared");
    }
  }

  /** Serves {@code beta} and {@code shared}. */
  public static final class Beta extends Named {
    public Beta() {
      super("beta", "beta", "shared");
    }
  }

  /** A second provider named {@code alpha}. */
  public static final class AlphaAgain extends Named {
    public AlphaAgain() {
      super("alpha", "alpha");
    }
  }

  /** Reports itself unavailable. */
  public static final class Missing extends Named {
    public Missing() {
      super("gamma", "gamma");
    }

    @Override
    public Availability availability() {
      return Availability.unavailable("libgamma is not on the class path");
    }
  }

  /** Throws from {@link #availability()}. */
  public static final class BrokenAvailability extends Named {
    public BrokenAvailability() {
      super("delta", "delta");
    }

    @Override
    public Availability availability() {
      throw new IllegalStateException("delta probe crashed");
    }
  }

  /** Throws from its constructor. */
  public static final class Exploding extends Named {
    public Exploding() {
      super("epsilon", "epsilon");
      throw new IllegalStateException("epsilon constructor failed");
    }
  }
}
