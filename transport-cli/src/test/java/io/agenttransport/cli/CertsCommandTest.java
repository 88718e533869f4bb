package io.agenttransport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertsCommandTest {
  @TempDir Path dir;

  @Test
  void certsWritesEveryFile() {
    CliRun run =
        CliRun.of("certs", "--out", dir.toString(), "--agent", "db-1=db-1.internal,10.0.0.5");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(dir.resolve("ca.pem")).exists();
    assertThat(dir.resolve("ca-key.pem")).exists();
    assertThat(dir.resolve("core.pem")).exists();
    assertThat(dir.resolve("core-key.pem")).exists();
    assertThat(dir.resolve("db-1.pem")).exists();
    assertThat(dir.resolve("db-1-key.pem")).exists();
  }

  @Test
  void certsKeysOwnerOnly() throws IOException {
    CliRun run = CliRun.of("certs", "--out", dir.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    for (String key : List.of("ca-key.pem", "core-key.pem", "agent-key.pem")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(key))))
          .as(key)
          .isEqualTo("rw-------");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca.pem"))))
        .isEqualTo("rw-r--r--");
  }

  @Test
  void certsPrintsFilesAndConfig() {
    CliRun run = CliRun.of("certs", "--out", dir.toString(), "--agent", "db-1");

    assertThat(run.out()).contains("ca.pem", "core-key.pem", "db-1.pem", "EC P-256");
    assertThat(run.out()).contains("# core.yaml", "ca_bundle:", "client_key:");
    assertThat(run.out()).contains("# agent.yaml for db-1", "client_ca_bundle:", "core_identity:");
  }

  @Test
  void certsKeepsExistingFiles() throws IOException {
    Files.writeString(dir.resolve("core.pem"), "keep me");

    CliRun run = CliRun.of("certs", "--out", dir.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("core.pem exists already", "--force");
    assertThat(Files.readString(dir.resolve("core.pem"))).isEqualTo("keep me");
    assertThat(dir.resolve("ca.pem")).doesNotExist();
  }

  @Test
  void certsForceReplacesFiles() throws IOException {
    Files.writeString(dir.resolve("core.pem"), "replace me");

    CliRun run = CliRun.of("certs", "--out", dir.toString(), "--force");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(dir.resolve("core.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
  }

  @Test
  void serverCertificateNamesHosts() throws Exception {
    CliRun.of("certs", "--out", dir.toString(), "--agent", "db-1=db-1.internal,10.0.0.5,::1");

    X509Certificate certificate = read(dir.resolve("db-1.pem"));

    assertThat(certificate.getSubjectAlternativeNames())
        .containsExactlyInAnyOrder(
            List.of(2, "db-1.internal"), List.of(7, "10.0.0.5"), List.of(7, "0:0:0:0:0:0:0:1"));
    assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    certificate.verify(read(dir.resolve("ca.pem")).getPublicKey());
  }

  @Test
  void clientCertificateCarriesIdentity() throws Exception {
    CliRun.of("certs", "--out", dir.toString(), "--core-uri", "spiffe://example/core");

    X509Certificate certificate = read(dir.resolve("core.pem"));

    assertThat(certificate.getSubjectAlternativeNames())
        .containsExactly(List.of(6, "spiffe://example/core"));
    assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=core");
    assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
  }

  @Test
  void certsMakesEveryKeyType() throws Exception {
    for (String type : List.of("ec", "rsa", "ed25519")) {
      Path out = dir.resolve(type);

      CliRun run = CliRun.of("certs", "--out", out.toString(), "--key-type", type);

      assertThat(run.exitCode()).as(type + ": " + run.err()).isZero();
      read(out.resolve("agent.pem")).verify(read(out.resolve("ca.pem")).getPublicKey());
    }
  }

  @Test
  void certsRejectsInvalidHost() {
    CliRun run = CliRun.of("certs", "--out", dir.toString(), "--agent", "db-1=bad host");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("invalid host 'bad host'");
    assertThat(dir.resolve("ca.pem")).doesNotExist();
  }

  @Test
  void certsRejectsUnknownKeyType() {
    CliRun run = CliRun.of("certs", "--out", dir.toString(), "--key-type", "dsa");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("--key-type", "dsa");
  }

  static X509Certificate read(Path file) throws Exception {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    return (X509Certificate)
        factory.generateCertificate(new ByteArrayInputStream(Files.readAllBytes(file)));
  }
}
