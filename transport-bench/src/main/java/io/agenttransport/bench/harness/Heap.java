package io.agenttransport.bench.harness;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Heap use after full collections, for differences between two states of the same JVM. */
final class Heap {
  private static final int COLLECTIONS = 5;
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private Heap() {}

  /**
   * Returns the bytes of heap in use after several full collections. Differences below some tens of
   * kilobytes are noise: divide a difference over many objects.
   */
  static long used() {
    for (int i = 0; i < COLLECTIONS; i++) {
      System.gc();
    }
    return MEMORY.getHeapMemoryUsage().getUsed();
  }
}
