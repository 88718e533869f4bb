package io.agenttransport.security.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.agenttransport.testing.TestPki;
import io.agenttransport.testing.TestPki.Issued;
import java.security.Principal;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The key manager built from a loaded key and chain. */
class KeyMaterialTest {
  private static Issued ca;
  private static Issued agent;

  @BeforeAll
  static void createPki() {
    ca = TestPki.rootCa("Test CA").build();
    agent = TestPki.certificate("agent-1").issuer(ca).ip("127.0.0.1").serverAuth().build();
  }

  private static X509ExtendedKeyManager keyManager() {
    return KeyMaterial.of(agent.privateKey(), agent.chain(), "tls.key", "test").keyManager();
  }

  @Test
  void chosenAliasGivesLoadedKey() {
    X509ExtendedKeyManager manager = keyManager();
    String alias = manager.chooseServerAlias("EC", null, null);

    assertThat(alias).isNotNull();
    assertThat(manager.getPrivateKey(alias)).isSameAs(agent.privateKey());
    assertThat(manager.getCertificateChain(alias)).containsExactlyElementsOf(agent.chain());
  }

  @Test
  void everyHandshakeGetsSameKeyObject() {
    X509ExtendedKeyManager manager = keyManager();
    String first = manager.chooseServerAlias("EC", null, null);
    String second = manager.chooseServerAlias("EC", null, null);

    // The JDK's manager names its entry anew on each choice.
    assertThat(second).isNotEqualTo(first);
    assertThat(manager.getPrivateKey(second)).isSameAs(manager.getPrivateKey(first));
  }

  @Test
  void otherKeyTypeGetsNoAlias() {
    X509ExtendedKeyManager manager = keyManager();

    assertThat(manager.chooseServerAlias("RSA", null, null)).isNull();
    assertThat(manager.chooseClientAlias(new String[] {"RSA"}, new Principal[0], null)).isNull();
  }

  @Test
  void noAliasGivesNoKey() {
    X509ExtendedKeyManager manager = keyManager();

    assertThat(manager.getPrivateKey(null)).isNull();
    assertThat(manager.getCertificateChain(null)).isNull();
  }

  @Test
  void chainCopyLeavesManagerIntact() {
    X509ExtendedKeyManager manager = keyManager();
    String alias = manager.chooseServerAlias("EC", null, null);
    manager.getCertificateChain(alias)[0] = null;

    assertThat(manager.getCertificateChain(alias)[0]).isEqualTo(agent.certificate());
  }
}
