package io.agenttransport.cli.demo;

import java.io.PrintWriter;

/** The demo: agents, core, a signed action and three attacks, all in this process. */
public final class Demo {
  private Demo() {}

  /** Runs the demo and returns whether every check passed. */
  public static boolean run(PrintWriter out) {
    out.println("demo: not available yet");
    return false;
  }
}
