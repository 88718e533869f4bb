package io.agenttransport.security.signature;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greenbytes.http.sfv.ByteSequenceItem;
import org.greenbytes.http.sfv.Dictionary;
import org.greenbytes.http.sfv.ListElement;
import org.greenbytes.http.sfv.ParseException;
import org.greenbytes.http.sfv.Parser;

/**
 * The {@code Content-Digest} field of RFC 9530. It writes {@code sha-256}, accepts {@code sha-256}
 * and {@code sha-512}, and ignores other algorithms, as section 2 of RFC 9530 allows.
 */
public final class ContentDigest {
  /** The field name, lower case. */
  public static final String FIELD = "content-digest";

  private static final Map<String, String> JDK_NAMES =
      Map.of("sha-256", "SHA-256", "sha-512", "SHA-512");

  private ContentDigest() {}

  /** Returns the field value for {@code body}, such as {@code sha-256=:X48E...=:}. */
  public static String of(byte[] body) {
    Map<String, ListElement<?>> members = new LinkedHashMap<>();
    members.put("sha-256", ByteSequenceItem.valueOf(digest("sha-256", body)));
    return Dictionary.valueOf(members).serialize();
  }

  /**
   * Returns whether the field values received match {@code body}: every {@code sha-256} and {@code
   * sha-512} member must match, at least one must be present, and other members are ignored. A
   * value that is not a valid structured-field dictionary does not match.
   */
  public static boolean matches(List<String> fieldValues, byte[] body) {
    if (fieldValues.isEmpty()) {
      return false;
    }
    Map<String, ListElement<?>> members;
    try {
      members = new Parser(fieldValues).parseDictionary().get();
    } catch (ParseException e) {
      return false;
    }
    boolean checked = false;
    for (Map.Entry<String, String> algorithm : JDK_NAMES.entrySet()) {
      ListElement<?> member = members.get(algorithm.getKey());
      if (member == null) {
        continue;
      }
      if (!(member instanceof ByteSequenceItem)) {
        return false;
      }
      byte[] expected = bytes(((ByteSequenceItem) member).get());
      if (!MessageDigest.isEqual(expected, digest(algorithm.getKey(), body))) {
        return false;
      }
      checked = true;
    }
    return checked;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] result = new byte[copy.remaining()];
    copy.get(result);
    return result;
  }

  private static byte[] digest(String algorithm, byte[] body) {
    try {
      return MessageDigest.getInstance(JDK_NAMES.get(algorithm)).digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm + ", which Java 17 requires", e);
    }
  }
}
