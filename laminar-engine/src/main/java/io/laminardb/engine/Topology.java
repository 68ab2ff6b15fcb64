package io.laminardb.engine;

import java.util.List;

/**
 * The objects of a database and how data flows between them: sources, streams, views, tables and sinks as nodes,
 * "reads from" as edges.
 *
 * @param nodes every object
 * @param edges {@code from} feeds {@code to}
 */
public record Topology(List<Node> nodes, List<Edge> edges) {

    /** The kinds of node. */
    public enum NodeType {
        SOURCE,
        STREAM,
        MATERIALIZED_VIEW,
        TABLE,
        SINK
    }

    /** One object. */
    public record Node(NodeType type, String name) {}

    /** Data flows from {@code from} to {@code to}. */
    public record Edge(String from, String to) {}

    public Topology {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }
}
