package io.agenttransport.config;

import java.util.Arrays;
import java.util.Objects;

/** A password or other secret from configuration. Its {@link #toString()} never shows the value. */
public final class Secret {
  private final char[] value;

  private Secret(char[] value) {
    this.value = value;
  }

  /** Wraps a secret value. */
  public static Secret of(String value) {
    return new Secret(Objects.requireNonNull(value, "value").toCharArray());
  }

  /** Returns a copy of the secret's characters; the caller should clear it after use. */
  public char[] reveal() {
    return Arrays.copyOf(value, value.length);
  }

  /** Returns a fixed mask, never the secret. */
  @Override
  public String toString() {
    return "Secret[****]";
  }
}
