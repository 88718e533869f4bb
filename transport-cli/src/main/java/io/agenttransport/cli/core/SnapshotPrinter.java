package io.agenttransport.cli.core;

import io.agenttransport.model.ActionList;
import io.agenttransport.model.ActionSummary;
import io.agenttransport.model.NodeInfo;
import io.agenttransport.model.NodeStatus;
import io.agenttransport.model.ShardInfo;
import io.agenttransport.model.ShardList;
import io.agenttransport.model.ShardOffset;
import io.agenttransport.model.ShardRole;
import io.agenttransport.model.StoreInfo;
import java.io.PrintWriter;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Prints agents' information as short plain-text tables. */
public final class SnapshotPrinter {
  private static final String INDENT = "  ";

  private SnapshotPrinter() {}

  /** Prints one agent's sync: its information, or the error kind and message. */
  public static void printSnapshot(PrintWriter out, AgentSnapshot snapshot) {
    out.println("agent " + snapshot.address());
    AgentSnapshot.Data data = snapshot.data();
    if (data == null) {
      out.println(INDENT + "error: " + snapshot.errorKind() + ": " + snapshot.errorMessage());
      return;
    }
    printNode(out, data.node());
    printStore(out, data.store());
    printShards(out, data.shards());
    printActions(out, "queued actions", data.queue());
    printActions(out, "finished actions", data.finished());
  }

  /** Prints the node line: id, status, agent and store versions. */
  public static void printNode(PrintWriter out, NodeInfo node) {
    out.println(
        INDENT
            + "node "
            + node.nodeId()
            + ": "
            + status(node.nodeStatus())
            + ", agent "
            + node.agentVersion().number()
            + ", store "
            + node.storeId()
            + " "
            + node.storeVersion().number()
            + ", client address "
            + node.address().client());
  }

  /** Prints the store line: the cluster id. */
  public static void printStore(PrintWriter out, StoreInfo store) {
    out.println(INDENT + "cluster " + store.clusterId());
  }

  /** Prints the shards as a table, or a line saying there are none. */
  public static void printShards(PrintWriter out, ShardList shards) {
    if (shards.shards().isEmpty()) {
      out.println(INDENT + "shards: none");
      return;
    }
    out.println(INDENT + "shards: " + shards.shards().size());
    TextTable table = new TextTable("SHARD", "ROLE", "COMMIT OFFSET", "LAG");
    for (ShardInfo shard : shards.shards()) {
      table.add(shard.id(), role(shard.role()), offset(shard.commitOffset()), offset(shard.lag()));
    }
    table.print(out, INDENT + INDENT);
  }

  /** Prints a list of actions as a table, or a line saying there are none. */
  public static void printActions(PrintWriter out, String title, ActionList actions) {
    List<ActionSummary> list = actions.actions();
    if (list.isEmpty()) {
      out.println(INDENT + title + ": none");
      return;
    }
    out.println(INDENT + title + ": " + list.size());
    TextTable table = new TextTable("ID", "KIND", "PHASE");
    for (ActionSummary action : list) {
      table.add(action.id(), action.kind(), action.phase());
    }
    table.print(out, INDENT + INDENT);
  }

  private static String status(NodeStatus status) {
    return status.kind() == NodeStatus.Kind.UNKNOWN
        ? "UNKNOWN (" + status.reason() + ")"
        : status.kind().name();
  }

  private static String role(ShardRole role) {
    return role.kind() == ShardRole.Kind.OTHER ? "other: " + role.other() : role.kind().name();
  }

  private static String offset(@Nullable ShardOffset offset) {
    if (offset == null) {
      return "-";
    }
    String unit =
        switch (offset.unit().kind()) {
          case SECONDS -> "s";
          case MILLISECONDS -> "ms";
          case CUSTOM -> offset.unit().custom();
        };
    return offset.value() + " " + unit;
  }
}
