package io.agenttransport.security.signature;

import io.agenttransport.api.RejectionReason;
import io.agenttransport.api.RequestRejectedException;
import io.agenttransport.security.InboundRequest;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.greenbytes.http.sfv.ByteSequenceItem;
import org.greenbytes.http.sfv.InnerList;
import org.greenbytes.http.sfv.IntegerItem;
import org.greenbytes.http.sfv.Item;
import org.greenbytes.http.sfv.ListElement;
import org.greenbytes.http.sfv.ParseException;
import org.greenbytes.http.sfv.Parser;
import org.greenbytes.http.sfv.StringItem;
import org.jspecify.annotations.Nullable;

/**
 * Verifies the RFC 9421 request signature of an {@link InboundRequest} against trusted keys: the
 * tag, the covered components and parameters, unambiguous field values, the key id, the pinned
 * algorithm, the content digest and the signature value, in that order. It does not check the
 * replay window, the nonce or the audience; {@link io.agenttransport.security.RequestGuard} does.
 *
 * <p>Thread safe and stateless apart from the keys given at construction.
 */
public final class SignatureVerifier {
  /** The derived components that every request signature must cover. */
  public static final List<String> REQUIRED_COMPONENTS =
      List.of("@method", "@authority", "@path", "@query");

  /** The fields that a request signature must cover when the request has a body. */
  public static final List<String> REQUIRED_BODY_COMPONENTS =
      List.of(ContentDigest.FIELD, "content-type");

  /** The signature parameters that a request signature must carry. */
  public static final List<String> REQUIRED_PARAMETERS =
      List.of("created", "expires", "nonce", "keyid");

  static final String SIGNATURE_INPUT = "signature-input";
  static final String SIGNATURE = "signature";

  private final Map<String, TrustedKey> keys;
  private final Map<String, Signatures.VerifyingKey> verifyingKeys;

  /** Creates a verifier that trusts {@code keys}, which must have distinct key ids. */
  public SignatureVerifier(List<TrustedKey> keys) {
    Map<String, TrustedKey> byId = new HashMap<>();
    for (TrustedKey key : keys) {
      if (byId.put(key.keyId(), key) != null) {
        throw new IllegalArgumentException("duplicate trusted key id '" + key.keyId() + "'");
      }
    }
    this.keys = Map.copyOf(byId);
    Map<String, Signatures.VerifyingKey> ready = new HashMap<>();
    for (TrustedKey key : keys) {
      try {
        ready.put(key.keyId(), Signatures.verifyingKey(key.algorithm(), key.key()));
      } catch (InvalidKeyException e) {
        throw new IllegalArgumentException(
            "the "
                + key.algorithm().rfcName()
                + " key of key id '"
                + key.keyId()
                + "' cannot be read",
            e);
      }
    }
    this.verifyingKeys = Map.copyOf(ready);
  }

  /** Returns whether any key is trusted. */
  public boolean hasKeys() {
    return !keys.isEmpty();
  }

  /**
   * Verifies the request signature, or returns empty when the request carries neither a {@code
   * Signature-Input} nor a {@code Signature} field.
   *
   * @throws RequestRejectedException if a signature is present but is not acceptable
   */
  public Optional<VerifiedSignature> verify(InboundRequest request) {
    List<String> inputValues = request.fields().getOrDefault(SIGNATURE_INPUT, List.of());
    if (inputValues.isEmpty()) {
      if (!request.fields().getOrDefault(SIGNATURE, List.of()).isEmpty()) {
        throw reject(
            request,
            RejectionReason.SIGNATURE_INVALID,
            "the request has a Signature field but no Signature-Input field");
      }
      return Optional.empty();
    }
    Map.Entry<String, InnerList> input = requestSignatureInput(request, inputValues);
    InnerList covered = input.getValue();
    SignatureParameters params = readParameters(request, covered);
    List<String> names = coveredNames(request, covered);
    requireCoverage(request, names);
    Map<String, String> values = componentValues(request, names);
    TrustedKey key = trustedKey(request, params);
    requireDigest(request);
    byte[] signature = signatureValue(request, input.getKey());
    verifyValue(request, key, SignatureBase.build(covered, values), signature);
    return Optional.of(
        new VerifiedSignature(
            params.keyId, params.nonce, params.created, params.expires, values.get("@authority")));
  }

  /**
   * Returns the {@code keyid} that the request-tagged signature claims, without verifying anything,
   * for log lines about a rejected request; empty if there is none or the field is invalid.
   */
  public static Optional<String> claimedKeyId(InboundRequest request) {
    List<String> values = request.fields().getOrDefault(SIGNATURE_INPUT, List.of());
    if (values.isEmpty()) {
      return Optional.empty();
    }
    try {
      for (ListElement<?> member : new Parser(values).parseDictionary().get().values()) {
        Item<?> tag = member.getParams().get("tag");
        Item<?> keyId = member.getParams().get("keyid");
        if (tag instanceof StringItem
            && RequestSigner.REQUEST_TAG.equals(tag.get())
            && keyId instanceof StringItem) {
          return Optional.of(((StringItem) keyId).get());
        }
      }
    } catch (ParseException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private Map.Entry<String, InnerList> requestSignatureInput(
      InboundRequest request, List<String> inputValues) {
    Map<String, ListElement<?>> members = parseDictionary(request, SIGNATURE_INPUT, inputValues);
    List<Map.Entry<String, InnerList>> tagged = new ArrayList<>();
    for (Map.Entry<String, ListElement<?>> member : members.entrySet()) {
      if (!(member.getValue() instanceof InnerList)) {
        throw reject(
            request,
            RejectionReason.SIGNATURE_INVALID,
            "Signature-Input member '" + member.getKey() + "' is not an inner list");
      }
      InnerList list = (InnerList) member.getValue();
      Item<?> tag = list.getParams().get("tag");
      if (tag instanceof StringItem && RequestSigner.REQUEST_TAG.equals(tag.get())) {
        tagged.add(Map.entry(member.getKey(), list));
      }
    }
    if (tagged.isEmpty()) {
      throw reject(
          request,
          RejectionReason.WRONG_AUDIENCE,
          "no signature carries tag=\"" + RequestSigner.REQUEST_TAG + "\"");
    }
    if (tagged.size() > 1) {
      throw reject(
          request,
          RejectionReason.SIGNATURE_INVALID,
          tagged.size()
              + " signatures carry tag=\""
              + RequestSigner.REQUEST_TAG
              + "\"; expected exactly one");
    }
    return tagged.get(0);
  }

  private record SignatureParameters(
      long created, long expires, String nonce, String keyId, @Nullable String algorithm) {}

  private static SignatureParameters readParameters(InboundRequest request, InnerList covered) {
    var params = covered.getParams();
    for (String name : REQUIRED_PARAMETERS) {
      if (!params.containsKey(name)) {
        throw reject(
            request,
            RejectionReason.COMPONENT_NOT_COVERED,
            "the signature has no '" + name + "' parameter");
      }
    }
    Item<?> alg = params.get("alg");
    return new SignatureParameters(
        integerParameter(request, params.get("created"), "created"),
        integerParameter(request, params.get("expires"), "expires"),
        stringParameter(request, params.get("nonce"), "nonce"),
        stringParameter(request, params.get("keyid"), "keyid"),
        alg == null ? null : stringParameter(request, alg, "alg"));
  }

  private static long integerParameter(InboundRequest request, Item<?> item, String name) {
    if (!(item instanceof IntegerItem)) {
      throw reject(
          request,
          RejectionReason.SIGNATURE_INVALID,
          "signature parameter '" + name + "' is not an integer");
    }
    return ((IntegerItem) item).getAsLong();
  }

  private static String stringParameter(InboundRequest request, Item<?> item, String name) {
    if (!(item instanceof StringItem) || ((StringItem) item).get().isEmpty()) {
      throw reject(
          request,
          RejectionReason.SIGNATURE_INVALID,
          "signature parameter '" + name + "' is not a non-empty string");
    }
    return ((StringItem) item).get();
  }

  private static List<String> coveredNames(InboundRequest request, InnerList covered) {
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Item<?> component : covered.get()) {
      if (!(component instanceof StringItem) || !component.getParams().isEmpty()) {
        throw reject(
            request,
            RejectionReason.SIGNATURE_INVALID,
            "unsupported component identifier "
                + component.serialize()
                + ": expected a plain string without parameters");
      }
      String name = ((StringItem) component).get();
      if (!seen.add(name)) {
        throw reject(
            request,
            RejectionReason.SIGNATURE_INVALID,
            "component \"" + name + "\" is covered twice");
      }
      names.add(name);
    }
    return names;
  }

  private static void requireCoverage(InboundRequest request, List<String> names) {
    List<String> required = new ArrayList<>(REQUIRED_COMPONENTS);
    if (request.body().length > 0) {
      required.addAll(REQUIRED_BODY_COMPONENTS);
    }
    for (String name : required) {
      if (!names.contains(name)) {
        throw reject(
            request,
            RejectionReason.COMPONENT_NOT_COVERED,
            "the signature does not cover \"" + name + "\"");
      }
    }
  }

  private static Map<String, String> componentValues(InboundRequest request, List<String> names) {
    Map<String, String> values = new HashMap<>();
    for (String name : names) {
      String value = name.startsWith("@") ? derivedValue(request, name) : fieldValue(request, name);
      if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
        throw reject(
            request,
            RejectionReason.AMBIGUOUS_COMPONENT,
            "covered component \"" + name + "\" contains a line break");
      }
      if (hasControlCharacter(value)) {
        throw reject(
            request,
            RejectionReason.AMBIGUOUS_COMPONENT,
            "covered component \"" + name + "\" contains a control character");
      }
      values.put(name, value);
    }
    return values;
  }

  /**
   * Returns whether the value contains a control character other than horizontal tab. HTTP field
   * values may not contain them, and other parsers along the way may drop or split on them, so the
   * signed value would differ from what they see.
   */
  private static boolean hasControlCharacter(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < ' ' && c != '\t') || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  private static String derivedValue(InboundRequest request, String name) {
    String value =
        REQUIRED_COMPONENTS.contains(name) ? request.derivedComponents().get(name) : null;
    if (value == null) {
      throw reject(
          request,
          RejectionReason.SIGNATURE_INVALID,
          "unsupported or missing derived component \"" + name + "\"");
    }
    return value;
  }

  private static String fieldValue(InboundRequest request, String name) {
    List<String> values = request.fields().getOrDefault(name, List.of());
    if (values.isEmpty()) {
      throw reject(
          request,
          RejectionReason.SIGNATURE_INVALID,
          "covered field '" + name + "' is absent from the request");
    }
    if (values.size() > 1) {
      throw reject(
          request,
          RejectionReason.AMBIGUOUS_COMPONENT,
          "covered field '" + name + "' appears " + values.size() + " times");
    }
    return values.get(0).strip();
  }

  private TrustedKey trustedKey(InboundRequest request, SignatureParameters params) {
    TrustedKey key = keys.get(params.keyId);
    if (key == null) {
      throw reject(
          request,
          RejectionReason.UNKNOWN_KEY,
          "key id '" + params.keyId + "' is not among signature.trusted_keys");
    }
    if (params.algorithm != null && !key.algorithm().rfcName().equals(params.algorithm)) {
      throw reject(
          request,
          RejectionReason.ALGORITHM_MISMATCH,
          "alg=\""
              + params.algorithm
              + "\" differs from "
              + key.algorithm().rfcName()
              + ", the algorithm pinned for key id '"
              + params.keyId
              + "'");
    }
    return key;
  }

  private static void requireDigest(InboundRequest request) {
    List<String> digest = request.fields().getOrDefault(ContentDigest.FIELD, List.of());
    if (request.body().length == 0 && digest.isEmpty()) {
      return;
    }
    if (!ContentDigest.matches(digest, request.body())) {
      throw reject(
          request,
          RejectionReason.DIGEST_MISMATCH,
          digest.isEmpty()
              ? "the request has a body but no Content-Digest field"
              : "the body does not match its Content-Digest (sha-256 or sha-512 expected)");
    }
  }

  private static byte[] signatureValue(InboundRequest request, String label) {
    List<String> values = request.fields().getOrDefault(SIGNATURE, List.of());
    ListElement<?> member = parseDictionary(request, SIGNATURE, values).get(label);
    if (!(member instanceof ByteSequenceItem)) {
      throw reject(
          request,
          RejectionReason.SIGNATURE_INVALID,
          "the Signature field has no byte sequence labelled '" + label + "'");
    }
    ByteBuffer buffer = ((ByteSequenceItem) member).get().duplicate();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  private void verifyValue(InboundRequest request, TrustedKey key, byte[] base, byte[] signature) {
    boolean valid;
    try {
      valid = verifyingKeys.get(key.keyId()).verify(base, signature);
    } catch (GeneralSecurityException e) {
      valid = false;
    }
    if (!valid) {
      throw reject(
          request,
          RejectionReason.SIGNATURE_INVALID,
          "the signature does not verify with key id '" + key.keyId() + "'");
    }
  }

  private static Map<String, ListElement<?>> parseDictionary(
      InboundRequest request, String field, List<String> values) {
    if (values.isEmpty()) {
      throw reject(
          request, RejectionReason.SIGNATURE_INVALID, "the " + field + " field is missing");
    }
    try {
      return new Parser(values).parseDictionary().get();
    } catch (ParseException e) {
      throw reject(
          request,
          RejectionReason.SIGNATURE_INVALID,
          "the " + field + " field is not a valid structured-field dictionary");
    }
  }

  private static RequestRejectedException reject(
      InboundRequest request, RejectionReason reason, String message) {
    return new RequestRejectedException(reason, message, null, request.operation());
  }
}
