package org.rhizome.agent.extract;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The graph one LLM answer proposes, after parsing and validation: concepts with labels, optional descriptions and
 * types, and edges between them by node index, plus the model's reasoning and follow-up question.
 *
 * @param nodes     distinct concepts (labels normalised, distinct case-insensitively)
 * @param edges     distinct edges between {@link #nodes} by index, no self-loops
 * @param reasoning the model's reasoning: the JSON's {@code reasoning} field, else the prose around the JSON
 * @param followUp  the question the model suggests asking next, if any
 * @param warnings  what validation dropped or fixed without refusing the answer (duplicate nodes, self-loops)
 */
public record LocalGraph(List<Node> nodes, List<Edge> edges, String reasoning, Optional<String> followUp,
        List<String> warnings) {

    public LocalGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        Objects.requireNonNull(reasoning, "reasoning");
        Objects.requireNonNull(followUp, "followUp");
        warnings = List.copyOf(warnings);
    }

    /** A proposed concept. */
    public record Node(String label, Optional<String> description, List<String> types) {
        public Node {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(description, "description");
            types = List.copyOf(types);
        }
    }

    /** A proposed statement {@code nodes[source] --relation--> nodes[target]}. */
    public record Edge(int source, String relation, int target) {
        public Edge {
            Objects.requireNonNull(relation, "relation");
        }
    }
}
