package io.agenttransport.security.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of RFC 9530 for the body {@code {"hello": "world"}}. */
class ContentDigestTest {
  private static final byte[] BODY = "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);
  private static final String SHA256 = "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:";
  private static final String SHA512 =
      "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHW"
          + "XvJwew==:";

  @Test
  void writesSha256() {
    assertThat(ContentDigest.of(BODY)).isEqualTo(SHA256);
  }

  @Test
  void acceptsSha256() {
    assertThat(ContentDigest.matches(List.of(SHA256), BODY)).isTrue();
  }

  @Test
  void acceptsSha512() {
    assertThat(ContentDigest.matches(List.of(SHA512), BODY)).isTrue();
  }

  @Test
  void acceptsBothAcrossFieldLines() {
    assertThat(ContentDigest.matches(List.of(SHA256, SHA512), BODY)).isTrue();
  }

  @Test
  void rejectsChangedBody() {
    byte[] changed = BODY.clone();
    changed[0] = '[';

    assertThat(ContentDigest.matches(List.of(SHA256), changed)).isFalse();
  }

  @Test
  void rejectsOneWrongAmongTwo() {
    String wrong = "sha-512=:" + SHA256.substring(9);

    assertThat(ContentDigest.matches(List.of(SHA256 + ", " + wrong), BODY)).isFalse();
  }

  @Test
  void rejectsOnlyUnknownAlgorithms() {
    assertThat(ContentDigest.matches(List.of("md5=:AAAA:"), BODY)).isFalse();
  }

  @Test
  void rejectsInvalidSyntax() {
    assertThat(ContentDigest.matches(List.of("sha-256=X48E9qOokq"), BODY)).isFalse();
  }

  @Test
  void rejectsMissingField() {
    assertThat(ContentDigest.matches(List.of(), BODY)).isFalse();
  }
}
