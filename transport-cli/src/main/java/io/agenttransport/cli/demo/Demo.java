package io.agenttransport.cli.demo;

import io.agenttransport.api.AgentAddress;
import io.agenttransport.api.AgentChannel;
import io.agenttransport.cli.ConfigSnippets;
import io.agenttransport.cli.CoreClient;
import io.agenttransport.cli.certs.AgentSpec;
import io.agenttransport.cli.certs.CertificateIssuer;
import io.agenttransport.cli.certs.CertificateSet;
import io.agenttransport.cli.certs.KeyType;
import io.agenttransport.cli.core.ActionFollower;
import io.agenttransport.cli.core.AgentSnapshot;
import io.agenttransport.cli.core.AgentSync;
import io.agenttransport.json.AgentJson;
import io.agenttransport.model.ActionRecord;
import io.agenttransport.model.ActionScheduleRequest;
import io.agenttransport.model.JsonValue;
import io.agenttransport.registry.ProviderStatus;
import io.agenttransport.registry.TransportRegistry;
import io.agenttransport.security.signature.RequestSigner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo: three agents and core in this process, a signed action, and three attacks that the
 * framework rejects. Everything lives in a temporary folder that is deleted at the end, also when a
 * step fails.
 */
public final class Demo {
  private static final Logger LOG = LoggerFactory.getLogger(Demo.class);

  private static final String ACTION_KIND = "agent.replicante.io/test.success";
  private static final String TAMPERED_KIND = "agent.replicante.io/test.loop";
  private static final String CORE_URI = "spiffe://agent-transport-demo/core";
  private static final Duration ACTION_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
  private static final int CERTIFICATE_DAYS = 1;

  private final Path folder;
  private final DemoReport report;
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final TransportRegistry registry;

  private Demo(Path folder, DemoReport report, TransportRegistry registry) {
    this.folder = folder;
    this.report = report;
    this.registry = registry;
  }

  /**
   * Runs the demo, printing each step to {@code out}, and returns whether every check passed.
   *
   * @throws UncheckedIOException if the temporary folder cannot be created
   */
  public static boolean run(PrintWriter out) {
    return run(out, TransportRegistry.load());
  }

  /**
   * Runs the demo with the providers of {@code registry}, printing each step to {@code out}, and
   * returns whether every check passed.
   *
   * @throws UncheckedIOException if the temporary folder cannot be created
   */
  public static boolean run(PrintWriter out, TransportRegistry registry) {
    Path folder;
    try {
      folder = Files.createTempDirectory("agent-transport-demo-");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "failed to create a temporary folder for the demo: check that java.io.tmpdir is writable",
          e);
    }
    out.println("Agent Transports demo, working in " + folder);
    DemoReport report = new DemoReport(out);
    Demo demo = new Demo(folder, report, registry);
    try {
      demo.runSteps();
    } catch (Exception e) {
      LOG.debug("demo stopped", e);
      report.fail("demo stopped", e);
    } finally {
      demo.closeResources();
      report.summary(deleteFolder(folder));
    }
    return report.allPassed();
  }

  private void runSteps() throws Exception {
    Path certificates = folder.resolve("certs");
    CertificateSet set = writeCertificates(certificates);

    List<DemoAgent> agents = startAgents(certificates, set);
    DemoAgent plain = keep(DemoAgent.startPlain("agent-plain", registry));
    report.check(
        "agent-plain serving " + plain.address() + " in plain text, actions",
        "disabled",
        plain.server().actionsEnabled() ? "enabled" : "disabled");

    CoreClient core = keep(buildCore(certificates, agents));
    RequestSigner signer =
        RequestSigner.create(
            ConfigSnippets.CORE_KEY_ID, set.core().privateKey(), Clock.systemUTC());

    // The steps below need only the agents and core, so one failing does not skip the others.
    attempt("sync of all agents", () -> sync(core, agents));
    attempt("signed action", () -> runAction(core, agents.get(0)));
    attempt("action over plain HTTP", () -> attackPlainText(core, plain, signer));
    attempt("replayed request", () -> attackReplay(set, agents.get(1), signer));
    attempt("client certificate from an unknown CA", () -> attackUnknownCa(agents.get(0)));
  }

  /** Runs one step, reporting an unexpected error as a failed check instead of stopping. */
  private void attempt(String step, Step body) {
    try {
      body.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      report.fail(step, e);
    } catch (Exception e) {
      LOG.debug("demo step '{}' failed", step, e);
      report.fail(step, e);
    }
  }

  /** One step of the demo. */
  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }

  private CertificateSet writeCertificates(Path certificates) throws IOException {
    CertificateIssuer issuer =
        new CertificateIssuer(KeyType.EC, Duration.ofDays(CERTIFICATE_DAYS), Clock.systemUTC());
    List<AgentSpec> specs = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      specs.add(new AgentSpec("agent-" + i, AgentSpec.LOOPBACK_HOSTS));
    }
    CertificateSet set = CertificateSet.issue(issuer, CORE_URI, "core", specs);
    int written = set.writeTo(certificates, false).size();
    report.check(
        "certificates written for a CA, core and 3 agents (EC P-256)",
        "10 files",
        written + " files");
    return set;
  }

  private List<DemoAgent> startAgents(Path certificates, CertificateSet set) {
    String thirdTransport = grpcAvailable() ? "grpc" : "http";
    List<DemoAgent> agents = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      String transport = i == 3 ? thirdTransport : "http";
      DemoAgent agent =
          keep(DemoAgent.startMutualTls("agent-" + i, transport, certificates, set, registry));
      report.check(
          agent.name()
              + " serving "
              + agent.address()
              + " over "
              + transport
              + " with mutual TLS, actions",
          "enabled",
          agent.server().actionsEnabled() ? "enabled" : "disabled");
      agents.add(agent);
    }
    return agents;
  }

  private boolean grpcAvailable() {
    Optional<ProviderStatus> grpc =
        registry.providers().stream().filter(status -> "grpc".equals(status.name())).findFirst();
    if (grpc.isPresent() && grpc.get().usable()) {
      return true;
    }
    String reason =
        grpc.map(status -> status.availability().reason()).orElse("not on the class path");
    report.info("transport grpc is unavailable (" + reason + "): agent-3 uses http instead");
    return false;
  }

  private CoreClient buildCore(Path certificates, List<DemoAgent> agents) throws IOException {
    Path file = folder.resolve("core.yaml");
    List<AgentAddress> addresses = agents.stream().map(DemoAgent::address).toList();
    Files.writeString(
        file,
        ConfigSnippets.core(
            "http",
            certificates.resolve(CertificateSet.CA_FILE),
            certificates.resolve(CertificateSet.CORE_KEY_FILE),
            certificates.resolve(CertificateSet.CORE_CERT_FILE),
            addresses));
    CoreClient core = CoreClient.open(file);
    report.check(
        "core built through Guice from core.yaml, transport", "http", core.config().transport());
    return core;
  }

  private void sync(CoreClient core, List<DemoAgent> agents) throws InterruptedException {
    List<AgentAddress> addresses = agents.stream().map(DemoAgent::address).toList();
    List<AgentSnapshot> snapshots =
        new AgentSync(core.transport(), addresses.size()).syncAll(addresses, done -> {});
    long answered = snapshots.stream().filter(AgentSnapshot::succeeded).count();
    report.check("sync of all agents, agents that answered", agents.size(), answered);
    for (AgentSnapshot snapshot : snapshots) {
      report.detail(summarize(snapshot));
    }
  }

  private static String summarize(AgentSnapshot snapshot) {
    AgentSnapshot.Data data = snapshot.data();
    if (data == null) {
      return snapshot.address() + ": " + snapshot.errorKind() + ": " + snapshot.errorMessage();
    }
    return snapshot.address()
        + ": node "
        + data.node().nodeId()
        + " "
        + data.node().nodeStatus().kind()
        + ", cluster "
        + data.store().clusterId()
        + ", "
        + data.shards().shards().size()
        + " shards, "
        + data.queue().actions().size()
        + " queued and "
        + data.finished().actions().size()
        + " finished actions";
  }

  private void runAction(CoreClient core, DemoAgent agent) throws InterruptedException {
    AgentChannel channel = keep(core.transport().open(agent.address()));
    ActionScheduleRequest request =
        ActionScheduleRequest.create(ACTION_KIND, JsonValue.EMPTY_OBJECT);
    channel.scheduleAction(request).join();
    ActionRecord record =
        ActionFollower.follow(channel, request.id(), ACTION_TIMEOUT, POLL_INTERVAL);
    report.check(
        "signed action " + ACTION_KIND + " on " + agent.name() + " followed to",
        "DONE",
        record == null
            ? "not finished after " + ACTION_TIMEOUT.toSeconds() + " s"
            : record.state().phase());
  }

  private void attackPlainText(CoreClient core, DemoAgent plain, RequestSigner signer)
      throws IOException, InterruptedException {
    AgentChannel channel = keep(core.transport().open(plain.address()));
    report.check(
        "action over plain HTTP refused by core",
        "PLAINTEXT_ACTION",
        outcome(() -> channel.scheduleAction(newRequest()).join()));

    RawAgentClient.RawResponse response =
        RawAgentClient.plain()
            .send(RawAgentClient.signSchedule(plain.address(), newBody(ACTION_KIND), signer));
    report.check(
        "action sent over plain HTTP straight to the agent, status", 404, response.status());
  }

  private void attackReplay(CertificateSet set, DemoAgent agent, RequestSigner signer)
      throws IOException, InterruptedException, GeneralSecurityException {
    RawAgentClient client =
        RawAgentClient.mutualTls(
            set.core().privateKey(),
            new X509Certificate[] {set.core().certificate()},
            set.ca().certificate());

    RawAgentClient.CapturedRequest captured =
        RawAgentClient.signSchedule(agent.address(), newBody(ACTION_KIND), signer);
    RawAgentClient.RawResponse first = client.send(captured);
    report.check(
        "captured signed request sent once with core's certificates", "accepted", accepted(first));
    RawAgentClient.RawResponse replayed = client.send(captured);
    report.check("replayed request rejected", "REPLAYED_NONCE", rejection(replayed));

    RawAgentClient.CapturedRequest fresh =
        RawAgentClient.signSchedule(agent.address(), newBody(ACTION_KIND), signer);
    String body = new String(fresh.body(), StandardCharsets.UTF_8);
    byte[] changed = body.replace(ACTION_KIND, TAMPERED_KIND).getBytes(StandardCharsets.UTF_8);
    RawAgentClient.RawResponse tampered = client.send(fresh.withBody(changed));
    report.check("tampered request rejected", "DIGEST_MISMATCH", rejection(tampered));
  }

  private void attackUnknownCa(DemoAgent agent) throws IOException {
    Path rogueCertificates = folder.resolve("rogue");
    CertificateIssuer issuer =
        new CertificateIssuer(KeyType.EC, Duration.ofDays(CERTIFICATE_DAYS), Clock.systemUTC());
    CertificateSet.issue(issuer, CORE_URI, "core", List.of()).writeTo(rogueCertificates, false);
    Path file = folder.resolve("core-rogue.yaml");
    // The rogue core trusts the real CA for agents, but presents a certificate from its own CA.
    Files.writeString(
        file,
        ConfigSnippets.core(
            "http",
            folder.resolve("certs").resolve(CertificateSet.CA_FILE),
            rogueCertificates.resolve(CertificateSet.CORE_KEY_FILE),
            rogueCertificates.resolve(CertificateSet.CORE_CERT_FILE),
            List.of(agent.address())));
    try (CoreClient rogue = CoreClient.open(file);
        AgentChannel channel = rogue.transport().open(agent.address())) {
      report.check(
          "client certificate from an unknown CA rejected",
          "authentication-failed",
          outcome(() -> channel.nodeInfo().join()));
    }
  }

  private static ActionScheduleRequest newRequest() {
    return ActionScheduleRequest.create(ACTION_KIND, JsonValue.EMPTY_OBJECT);
  }

  private static byte[] newBody(String kind) {
    return AgentJson.encode(ActionScheduleRequest.create(kind, JsonValue.EMPTY_OBJECT));
  }

  /** Returns the error name of a call, or {@code accepted} if it succeeded. */
  private static String outcome(Runnable call) {
    try {
      call.run();
      return "accepted";
    } catch (RuntimeException e) {
      return Errors.name(e);
    }
  }

  private static String accepted(RawAgentClient.RawResponse response) {
    return response.status() / 100 == 2 ? "accepted" : rejection(response);
  }

  private static String rejection(RawAgentClient.RawResponse response) {
    String reason = response.rejection();
    return reason != null ? reason : "status " + response.status() + " without a rejection reason";
  }

  private <T extends AutoCloseable> T keep(T resource) {
    resources.push(resource);
    return resource;
  }

  private void closeResources() {
    while (!resources.isEmpty()) {
      AutoCloseable resource = resources.pop();
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("failed to close {}: {}", resource, e.toString());
      }
    }
  }

  /** Deletes the folder and everything in it, and returns the summary line's text about it. */
  private static String deleteFolder(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
      return "temporary folder deleted";
    } catch (IOException e) {
      LOG.warn("failed to delete the demo folder {}", folder, e);
      return "failed to delete " + folder + ": " + e.getMessage();
    }
  }

  /** Returns the folder only, never the keys the demo holds. */
  @Override
  public String toString() {
    return "Demo[" + folder + "]";
  }
}
