package org.rhizome.retrieval.subgraph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.rhizome.graph.snapshot.GraphSnapshot;

/**
 * Unweighted shortest paths between two entities: one shortest path by breadth-first search, and the k shortest
 * simple (loopless) paths by Yen's algorithm (J. Y. Yen, "Finding the k shortest loopless paths in a network",
 * Management Science 17(11), 1971), both under a {@link PathOptions} direction, relation filter and length limit.
 * The graph is a multigraph: paths through the same nodes over different parallel edges are different paths.
 *
 * <p><b>Which path.</b> {@link #shortestPath} returns the path BFS meets first: the frontier in discovery order, each
 * node's out-edges by (target, relation) before its in-edges by source. {@link #kShortestPaths} starts from that path;
 * each later path is the best candidate under {@link GraphPath#BY_LENGTH_THEN_IDS} (shorter, then smaller node-id
 * sequence, then edge ids). The list is in non-decreasing length and prefix-stable (the first j paths for k are the
 * paths for j); among paths of equal length, the order is the one Yen's candidate set yields, which is deterministic
 * but need not be globally lexicographic.
 *
 * <p><b>Cost.</b> One BFS is O(n' + m') for the n' nodes and m' edges it touches, with sparse scratch (no O(n)
 * allocation). Yen runs at most L spur searches per returned path (L = longest path returned), so
 * O(k·L·(n' + m')) time, plus O(k²·L²) prefix comparisons to block the edges of earlier paths with the same root and
 * O(log c) per candidate kept in the ordered candidate set; memory O(n' + m') for the search plus O((k + c)·L) for
 * the paths, c being the number of candidates generated.
 *
 * <p><b>Determinism.</b> No randomness; results depend only on the snapshot, the ends and the options. Instances
 * hold no mutable state and are thread-safe.
 */
public final class ShortestPaths {
    private final GraphSnapshot graph;

    public ShortestPaths(GraphSnapshot graph) {
        this.graph = Objects.requireNonNull(graph, "graph");
    }

    /** A shortest path from {@code from} to {@code to} with the default options (both directions). */
    public Optional<GraphPath> shortestPath(int from, int to) {
        return shortestPath(from, to, PathOptions.defaults());
    }

    /**
     * A shortest path from {@code from} to {@code to}, or empty if none exists within {@code options.maxLength()}.
     * {@code from == to} gives the path of length 0.
     */
    public Optional<GraphPath> shortestPath(int from, int to, PathOptions options) {
        Checks.entity(graph, from, "from");
        Checks.entity(graph, to, "to");
        Objects.requireNonNull(options, "options");
        Bfs bfs = new Bfs(graph, options.direction(), options.relations().mask(graph));
        IntIntMap none = new IntIntMap(1);
        if (!bfs.search(from, to, options.maxLength(), none, none, false)) {
            return Optional.empty();
        }
        return Optional.of(bfs.path());
    }

    /**
     * Up to {@code k} shortest simple paths from {@code from} to {@code to}, shortest first; fewer if there are no
     * more within {@code options.maxLength()}, and empty if {@code to} is unreachable. {@code from == to} gives only
     * the path of length 0.
     *
     * @param k how many paths, >= 0
     */
    public List<GraphPath> kShortestPaths(int from, int to, int k, PathOptions options) {
        Checks.entity(graph, from, "from");
        Checks.entity(graph, to, "to");
        Checks.nonNegative(k, "k");
        Objects.requireNonNull(options, "options");
        if (k == 0) {
            return List.of();
        }
        Bfs bfs = new Bfs(graph, options.direction(), options.relations().mask(graph));
        IntIntMap blockedNodes = new IntIntMap();
        IntIntMap blockedEdges = new IntIntMap();
        if (!bfs.search(from, to, options.maxLength(), blockedNodes, blockedEdges, false)) {
            return List.of();
        }
        List<GraphPath> found = new ArrayList<>();
        found.add(bfs.path());
        Set<GraphPath> seen = new HashSet<>(found);
        TreeSet<GraphPath> candidates = new TreeSet<>(GraphPath.BY_LENGTH_THEN_IDS);
        while (found.size() < k) {
            GraphPath last = found.get(found.size() - 1);
            for (int i = 0; i < last.length(); i++) {
                if (i >= options.maxLength()) {
                    break; // the spur needs at least one more edge
                }
                // Block the next edge of every known path that shares this root, and the root's nodes but the spur.
                blockedEdges.clear();
                blockedNodes.clear();
                for (GraphPath p : found) {
                    if (p.length() > i && p.sharesPrefix(last, i)) {
                        blockedEdges.add(p.edge(i));
                    }
                }
                for (int j = 0; j < i; j++) {
                    blockedNodes.add(last.node(j));
                }
                if (bfs.search(last.node(i), to, options.maxLength() - i, blockedNodes, blockedEdges, false)) {
                    GraphPath candidate = last.prefix(i).concat(bfs.path());
                    if (!seen.contains(candidate)) {
                        candidates.add(candidate);
                    }
                }
            }
            GraphPath next = candidates.pollFirst();
            if (next == null) {
                break;
            }
            found.add(next);
            seen.add(next);
        }
        return Collections.unmodifiableList(found);
    }

    /** {@link #kShortestPaths(int, int, int, PathOptions)} with the default options. */
    public List<GraphPath> kShortestPaths(int from, int to, int k) {
        return kShortestPaths(from, to, k, PathOptions.defaults());
    }
}
