package io.agenttransport.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Copies collections for the model's records while keeping their order. */
final class Maps {
  private Maps() {}

  static <V> Map<String, V> copyOrdered(Map<String, V> map, String name) {
    Objects.requireNonNull(map, name);
    LinkedHashMap<String, V> copy = new LinkedHashMap<>();
    map.forEach(
        (key, value) -> {
          Objects.requireNonNull(key, name + " key");
          Objects.requireNonNull(value, name + " value");
          copy.put(key, value);
        });
    return Collections.unmodifiableMap(copy);
  }

  static <T> List<T> copyList(List<T> list, String name) {
    Objects.requireNonNull(list, name);
    return List.copyOf(list);
  }
}
