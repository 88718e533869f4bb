package io.agenttransport.security.tls;

import io.agenttransport.config.ConfigException;
import io.agenttransport.config.Secret;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.jspecify.annotations.Nullable;

/**
 * A private key with its certificate chain, checked to belong together and to be valid now, and the
 * key manager that presents them.
 */
final class KeyMaterial {
  private static final byte[] TEST_MESSAGE = {'k', 'e', 'y', '-', 'c', 'h', 'e', 'c', 'k'};

  private final List<X509Certificate> chain;
  private final X509ExtendedKeyManager keyManager;

  private KeyMaterial(List<X509Certificate> chain, X509ExtendedKeyManager keyManager) {
    this.chain = chain;
    this.keyManager = keyManager;
  }

  /**
   * Reads the key and the chain. The chain comes from {@code certFile}, or from {@code keyFile}
   * after the key when {@code certFile} is null.
   */
  static KeyMaterial load(
      Path keyFile,
      @Nullable Path certFile,
      @Nullable Secret password,
      String keyConfigKey,
      String certConfigKey) {
    PrivateKey key;
    List<X509Certificate> chain;
    if (certFile != null) {
      // The chain is read first because it can supply the curve of an EC key that omits it.
      chain = PemFiles.readCertificates(certFile, certConfigKey);
      key = PemFiles.readPrivateKey(keyFile, password, keyConfigKey, chain);
    } else {
      key = PemFiles.readPrivateKey(keyFile, password, keyConfigKey);
      chain = readChainAfterKey(keyFile, keyConfigKey, certConfigKey);
    }
    Path chainFile = certFile != null ? certFile : keyFile;
    String chainKey = certFile != null ? certConfigKey : keyConfigKey;
    return of(key, chain, chainKey, chainFile.toString());
  }

  /**
   * Checks and wraps a key and chain.
   *
   * @param configKey the configuration key used in errors
   * @param source where the chain came from, such as its file, used in errors
   */
  static KeyMaterial of(
      PrivateKey key, List<X509Certificate> chain, String configKey, String source) {
    Objects.requireNonNull(key, "key");
    if (chain.isEmpty()) {
      throw new ConfigException(configKey, source + ": the certificate chain is empty");
    }
    List<X509Certificate> copy = List.copyOf(chain);
    X509Certificate leaf = copy.get(0);
    checkKeyMatches(key, leaf, configKey, source);
    checkValidity(leaf, configKey, source);
    return new KeyMaterial(copy, keyManager(key, copy));
  }

  List<X509Certificate> chain() {
    return chain;
  }

  X509ExtendedKeyManager keyManager() {
    return keyManager;
  }

  private static List<X509Certificate> readChainAfterKey(
      Path keyFile, String keyConfigKey, String certConfigKey) {
    try {
      return PemFiles.readCertificates(keyFile, keyConfigKey);
    } catch (ConfigException e) {
      throw new ConfigException(
          keyConfigKey,
          keyFile
              + ": no certificate follows the private key; append the certificate chain to the"
              + " file or set "
              + certConfigKey,
          e);
    }
  }

  private static void checkKeyMatches(
      PrivateKey key, X509Certificate leaf, String configKey, String source) {
    if (!key.getAlgorithm().equals(leaf.getPublicKey().getAlgorithm())
        || !signatureVerifies(key, leaf)) {
      throw new ConfigException(
          configKey,
          source
              + ": the private key does not match the first certificate '"
              + leaf.getSubjectX500Principal().getName()
              + "'; put the certificate of this key first in the chain");
    }
  }

  private static boolean signatureVerifies(PrivateKey key, X509Certificate leaf) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          // The JDK's EdDSA signature takes Ed25519 and Ed448 keys alike.
          default -> "EdDSA";
        };
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(TEST_MESSAGE);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(leaf.getPublicKey());
      verifier.update(TEST_MESSAGE);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      // A mismatched key can throw here instead of failing verification.
      return false;
    }
  }

  private static void checkValidity(X509Certificate leaf, String configKey, String source) {
    try {
      PeerCertificates.checkValidity(leaf);
    } catch (CertificateException e) {
      throw new ConfigException(
          configKey,
          source
              + ": the "
              + e.getMessage()
              + " ('"
              + leaf.getSubjectX500Principal().getName()
              + "'); install a currently valid certificate",
          e);
    }
  }

  private static X509ExtendedKeyManager keyManager(PrivateKey key, List<X509Certificate> chain) {
    // The store lives only in memory, so its password merely satisfies the KeyStore API.
    char[] password = new char[16];
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < password.length; i++) {
      password[i] = (char) ('a' + random.nextInt(26));
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("key", key, password, chain.toArray(new X509Certificate[0]));
      KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX");
      factory.init(store, password);
      for (KeyManager manager : factory.getKeyManagers()) {
        if (manager instanceof X509ExtendedKeyManager extended) {
          return new LoadedKeyManager(extended, key, chain);
        }
      }
      throw new IllegalStateException("the PKIX key manager factory made no X509 key manager");
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a key manager from the key and chain", e);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /**
   * Chooses aliases with the JDK's PKIX key manager and hands out the loaded key and chain without
   * reading them back from its key store. The JDK's manager names the entry with a new alias on
   * each choice, so its cache of entries misses, and every handshake would decrypt the key from the
   * PKCS#12 store again, with a password-based key derivation that costs milliseconds.
   */
  private static final class LoadedKeyManager extends X509ExtendedKeyManager {
    private final X509ExtendedKeyManager chooser;
    private final PrivateKey key;
    private final X509Certificate[] chain;

    LoadedKeyManager(X509ExtendedKeyManager chooser, PrivateKey key, List<X509Certificate> chain) {
      this.chooser = chooser;
      this.key = key;
      this.chain = chain.toArray(new X509Certificate[0]);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return chooser.getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
      return chooser.chooseClientAlias(keyTypes, issuers, socket);
    }

    @Override
    public String chooseEngineClientAlias(
        String[] keyTypes, Principal[] issuers, SSLEngine engine) {
      return chooser.chooseEngineClientAlias(keyTypes, issuers, engine);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return chooser.getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return chooser.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
      return chooser.chooseEngineServerAlias(keyType, issuers, engine);
    }

    /** Returns the loaded chain for any alias the chooser gave, since its store has one entry. */
    @Override
    public X509Certificate @Nullable [] getCertificateChain(@Nullable String alias) {
      return alias == null ? null : chain.clone();
    }

    /** Returns the loaded key for any alias the chooser gave, since its store has one entry. */
    @Override
    public @Nullable PrivateKey getPrivateKey(@Nullable String alias) {
      return alias == null ? null : key;
    }
  }
}
