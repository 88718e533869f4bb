package io.agenttransport.json;

import java.util.regex.Pattern;

/** Builds JSON paths such as {@code $.state.phase} or {@code $.attributes['a.b/c']} for errors. */
final class JsonPath {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private JsonPath() {}

  /** Returns the path of member {@code key} of the object at {@code parent}. */
  static String member(String parent, String key) {
    if (IDENTIFIER.matcher(key).matches()) {
      return parent + "." + key;
    }
    return parent + "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }

  /** Returns the path of element {@code index} of the array at {@code parent}. */
  static String element(String parent, int index) {
    return parent + "[" + index + "]";
  }

  /**
   * Converts a JSON Pointer such as {@code /state/phase} into a path. Numeric segments become array
   * indexes, which is only a guess for objects with numeric keys.
   */
  static String fromPointer(String pointer) {
    String path = "$";
    if (pointer.isEmpty()) {
      return path;
    }
    for (String segment : pointer.substring(1).split("/", -1)) {
      String key = segment.replace("~1", "/").replace("~0", "~");
      path = key.matches("\\d{1,9}") ? element(path, Integer.parseInt(key)) : member(path, key);
    }
    return path;
  }
}
