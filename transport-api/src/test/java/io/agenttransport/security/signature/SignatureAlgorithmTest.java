package io.agenttransport.security.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureAlgorithmTest {
  @ParameterizedTest
  @ValueSource(strings = {"secp256r1", "prime256v1", "P-256"})
  void p256KeyGivesEcdsaP256(String curve) throws Exception {
    PublicKey key = ecKey(curve);

    assertThat(SignatureAlgorithm.forKey(key)).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
  }

  @ParameterizedTest
  @ValueSource(strings = {"secp256k1", "brainpoolP256r1", "FRP256v1"})
  void other256BitCurveRejected(String curve) throws Exception {
    PublicKey key = ecKey(curve);

    assertThatThrownBy(() -> SignatureAlgorithm.forKey(key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected a P-256 (secp256r1) key");
  }

  @Test
  void ed25519KeyGivesEd25519() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();

    assertThat(SignatureAlgorithm.forKey(keys.getPublic())).isEqualTo(SignatureAlgorithm.ED25519);
    assertThat(SignatureAlgorithm.forKey(keys.getPrivate())).isEqualTo(SignatureAlgorithm.ED25519);
  }

  @Test
  void ed448KeyRejected() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("Ed448").generateKeyPair();

    assertThatThrownBy(() -> SignatureAlgorithm.forKey(keys.getPublic()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected an Ed25519, P-256 or RSA key");
    assertThatThrownBy(() -> SignatureAlgorithm.forKey(keys.getPrivate()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected an Ed25519, P-256 or RSA key");
  }

  @Test
  void rsa2048KeyGivesRsaPss() throws Exception {
    PublicKey key = rsaKey(2048);

    assertThat(SignatureAlgorithm.forKey(key)).isEqualTo(SignatureAlgorithm.RSA_PSS_SHA512);
  }

  @Test
  void shortRsaKeyRejected() throws Exception {
    PublicKey key = rsaKey(1024);

    assertThatThrownBy(() -> SignatureAlgorithm.forKey(key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1024-bit RSA key is too short")
        .hasMessageContaining("at least 2048 bits");
  }

  private static PublicKey rsaKey(int bits) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(bits);
    return generator.generateKeyPair().getPublic();
  }

  /** Generates a key with Bouncy Castle, which knows more curves than the JDK. */
  private static PublicKey ecKey(String curve) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
    generator.initialize(new ECGenParameterSpec(curve));
    return generator.generateKeyPair().getPublic();
  }
}
