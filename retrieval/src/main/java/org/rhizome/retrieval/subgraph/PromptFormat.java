package org.rhizome.retrieval.subgraph;

import java.util.Objects;

import org.rhizome.graph.snapshot.GraphSnapshot;

/**
 * Plain-text forms of paths and subgraphs for language-model prompts, using entity and relation labels
 * ({@link GraphSnapshot#entityLabel} and {@link GraphSnapshot#relationLabel}: the {@code rdfs:label}, else the IRI's
 * last segment).
 *
 * <ul>
 *   <li>A path: {@code A --relation--> B <--relation-- C}. An edge walked forward is written
 *       {@code --label-->}; an edge walked against its direction {@code <--label--}, so that every arrow still points
 *       from the statement's subject to its object.</li>
 *   <li>A subgraph: one triple per line, {@code head --relation--> tail}, in edge-id order, lines joined by
 *       {@code \n} with no trailing newline.</li>
 * </ul>
 *
 * <p>Line breaks inside labels are replaced by spaces so that one triple stays one line. Rendering a path checks
 * each edge against the snapshot (its ends must be the path's nodes in the recorded direction): O(L log n) for a path
 * of length L; a subgraph is O(E) label look-ups. Deterministic and stateless.
 */
public final class PromptFormat {
    private PromptFormat() {}

    /** {@code A --relation--> B <--relation-- C}; a path of length 0 is its node's label. */
    public static String path(GraphSnapshot graph, GraphPath path) {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(path, "path");
        Checks.entity(graph, path.source(), "path node");
        StringBuilder sb = new StringBuilder(entity(graph, path.source()));
        for (int i = 0; i < path.length(); i++) {
            int e = path.edge(i);
            if (e < 0 || e >= graph.edgeCount()) {
                throw new IllegalArgumentException("path edge " + i + " is " + e + ", not an edge id in [0, "
                        + graph.edgeCount() + ")");
            }
            int a = path.node(i);
            int b = path.node(i + 1);
            boolean fwd = path.isForward(i);
            int head = graph.source(e);
            int tail = graph.target(e);
            if (fwd ? head != a || tail != b : head != b || tail != a) {
                throw new IllegalArgumentException("path edge " + i + " (id " + e + ", " + head + " -> " + tail
                        + ") does not join nodes " + a + " and " + b + (fwd ? " forward" : " backwards"));
            }
            String rel = relation(graph, graph.relation(e));
            sb.append(fwd ? " --" : " <--").append(rel).append(fwd ? "--> " : "-- ").append(entity(graph, b));
        }
        return sb.toString();
    }

    /** One line {@code head --relation--> tail} per edge of {@code subgraph}, in edge-id order. */
    public static String subgraph(GraphSnapshot graph, Subgraph subgraph) {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(subgraph, "subgraph");
        StringBuilder sb = new StringBuilder();
        for (Triple t : subgraph.triples()) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(triple(graph, t));
        }
        return sb.toString();
    }

    /** {@code head --relation--> tail}. */
    public static String triple(GraphSnapshot graph, Triple triple) {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(triple, "triple");
        Checks.entity(graph, triple.head(), "triple head");
        Checks.entity(graph, triple.tail(), "triple tail");
        if (triple.relation() < 0 || triple.relation() >= graph.relationCount()) {
            throw new IllegalArgumentException("triple relation must be a relation id in [0, "
                    + graph.relationCount() + "), got " + triple.relation());
        }
        return entity(graph, triple.head()) + " --" + relation(graph, triple.relation()) + "--> "
                + entity(graph, triple.tail());
    }

    private static String entity(GraphSnapshot g, int id) {
        return oneLine(g.entityLabel(id));
    }

    private static String relation(GraphSnapshot g, int id) {
        return oneLine(g.relationLabel(id));
    }

    private static String oneLine(String s) {
        return s.indexOf('\n') < 0 && s.indexOf('\r') < 0 ? s : s.replaceAll("\\R", " ");
    }
}
