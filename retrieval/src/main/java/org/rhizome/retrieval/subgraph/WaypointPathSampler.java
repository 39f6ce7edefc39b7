package org.rhizome.retrieval.subgraph;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

import org.rhizome.graph.snapshot.GraphSnapshot;

/**
 * Sampled paths between two (possibly dissimilar) concepts through random waypoints, after the path sampling of
 * M. J. Buehler, "Accelerating scientific discovery with generative knowledge extraction, graph-based representation,
 * and multimodal intelligent graph reasoning" (2024, arXiv:2403.11996): a path from A to B that is forced through
 * random intermediate nodes wanders through more of the graph than the shortest path, which gives a language model
 * more diverse material for hypotheses.
 *
 * <p><b>One draw.</b> Pick {@code waypoints} distinct nodes uniformly from the pool (all entities by default, never A
 * or B), in draw order w1..wk. The path is the concatenation of shortest segments A->w1->...->wk->B, each segment a
 * shortest path drawn uniformly at random among all shortest paths between its ends (breadth-first search with path
 * counting; a parent edge is taken in proportion to the number of shortest paths through it, which is the seeded
 * tie-breaking among equal-length parents). A draw is dropped when a segment has no path, or, unless
 * {@link SamplingOptions#allowRevisits()}, when the concatenation visits a node twice. Distinct paths are collected
 * until {@code samples} are found or {@code samples * attemptsPerSample} draws are spent; the result may hold fewer.
 * With 0 waypoints the draws are uniform shortest paths from A to B.
 *
 * <p><b>Cost.</b> One draw is k + 1 breadth-first searches, each O(n' + m') over the part of the graph it touches
 * (sparse scratch); a run is at most {@code samples * attemptsPerSample} draws.
 *
 * <p><b>Determinism.</b> All randomness comes from one {@link SplittableRandom} seeded with
 * {@link SamplingOptions#seed()} per call: the same snapshot, ends, pool and options give the same paths in the same
 * order. Instances hold no mutable state and are thread-safe.
 */
public final class WaypointPathSampler {
    private final GraphSnapshot graph;

    public WaypointPathSampler(GraphSnapshot graph) {
        this.graph = Objects.requireNonNull(graph, "graph");
    }

    /** Up to {@code options.samples()} distinct paths from {@code from} to {@code to}, waypoints from all entities. */
    public List<GraphPath> sample(int from, int to, SamplingOptions options) {
        Checks.entity(graph, from, "from");
        Checks.entity(graph, to, "to");
        Objects.requireNonNull(options, "options");
        int available = graph.entityCount() - (from == to ? 1 : 2);
        return run(from, to, null, available, options);
    }

    /**
     * Up to {@code options.samples()} distinct paths from {@code from} to {@code to}, waypoints drawn from
     * {@code waypointPool} (for example the entities most similar to either end; duplicates and the two ends are
     * ignored).
     */
    public List<GraphPath> sample(int from, int to, int[] waypointPool, SamplingOptions options) {
        Checks.entity(graph, from, "from");
        Checks.entity(graph, to, "to");
        Objects.requireNonNull(waypointPool, "waypointPool");
        Objects.requireNonNull(options, "options");
        int[] pool = waypointPool.clone();
        Arrays.sort(pool);
        int m = 0;
        for (int i = 0; i < pool.length; i++) {
            Checks.entity(graph, pool[i], "waypoint");
            if ((i == 0 || pool[i] != pool[i - 1]) && pool[i] != from && pool[i] != to) {
                pool[m++] = pool[i];
            }
        }
        pool = Arrays.copyOf(pool, m);
        return run(from, to, pool, m, options);
    }

    private List<GraphPath> run(int from, int to, int[] pool, int available, SamplingOptions o) {
        if (o.waypoints() > available) {
            throw new IllegalArgumentException("waypoints is " + o.waypoints() + " but only " + available
                    + " nodes other than the two ends can serve as waypoints");
        }
        Bfs bfs = new Bfs(graph, o.direction(), o.relations().mask(graph));
        SplittableRandom random = new SplittableRandom(o.seed());
        Set<GraphPath> out = new LinkedHashSet<>();
        long attempts = (long) o.samples() * o.attemptsPerSample();
        int[] stops = new int[o.waypoints() + 2];
        for (long a = 0; a < attempts && out.size() < o.samples(); a++) {
            stops[0] = from;
            stops[stops.length - 1] = to;
            for (int i = 1; i <= o.waypoints(); i++) {
                stops[i] = drawWaypoint(random, pool, from, to, stops, i);
            }
            GraphPath path = GraphPath.single(from);
            boolean ok = true;
            for (int i = 1; i < stops.length && ok; i++) {
                if (bfs.search(stops[i - 1], stops[i], true)) {
                    path = path.concat(bfs.samplePath(random));
                } else {
                    ok = false;
                }
            }
            if (ok && (o.allowRevisits() || path.isSimple())) {
                out.add(path);
            }
        }
        return List.copyOf(out);
    }

    /** A node of the pool (all entities if null) other than the ends and the waypoints drawn before slot i. */
    private int drawWaypoint(SplittableRandom random, int[] pool, int from, int to, int[] stops, int i) {
        while (true) {
            int w = pool == null ? random.nextInt(graph.entityCount()) : pool[random.nextInt(pool.length)];
            boolean taken = w == from || w == to;
            for (int j = 1; j < i && !taken; j++) {
                taken = stops[j] == w;
            }
            if (!taken) {
                return w;
            }
        }
    }
}
