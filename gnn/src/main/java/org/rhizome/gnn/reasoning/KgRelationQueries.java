package org.rhizome.gnn.reasoning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.rhizome.gnn.data.BidirectionalAdjacency;
import org.rhizome.gnn.data.IdMap;
import org.rhizome.gnn.data.TripleSet;

/**
 * Relation prediction {@code (h, ?, t)} on a knowledge graph as relational-reasoning examples, so EpiGNN can answer
 * it: for each query pair, the subgraph of training statements that lie on a path of at most {@code maxLength}
 * statements from {@code h} to {@code t}, each statement usable in either direction.
 *
 * <p>Every training statement {@code u -r-> v} becomes two directed edges: {@code u -r-> v} and {@code v -r^-1-> u}
 * (relation id {@code r + R}), since a path from {@code h} to {@code t} may cross statements against their
 * direction and EpiGNN's forward pass follows edge directions. An edge {@code u -> v} is kept when
 * {@code d(h, u) + 1 + d(v, t) <= maxLength} (distances over all edges, so it lies on such a path, oriented from
 * {@code h} towards {@code t}); when more than {@code maxEdges} qualify, those on the shortest paths are kept (ties
 * broken by the seed). The label is the query's relation. For a training statement used as a query, the statement
 * itself (both directions) is left out of its own subgraph. A pair with no such path has no example: it is counted
 * in {@link Result#unanswerable()}, and an evaluation should count it as a miss.
 */
public final class KgRelationQueries {

    /** The bounds of each query's subgraph. */
    public record Options(int maxLength, int maxEdges, long seed) {
        public Options {
            if (maxLength < 1 || maxEdges < 1) {
                throw new IllegalArgumentException("maxLength and maxEdges must be >= 1, got " + maxLength + ", "
                        + maxEdges);
            }
        }

        /** Paths of at most 3 statements, at most 96 edges per query. */
        public static Options defaults() {
            return new Options(3, 96, 0);
        }
    }

    /** The examples (in query order, unanswerable queries skipped) and how many queries had no path. */
    public record Result(List<ReasoningExample> examples, int[] queryIndex, int unanswerable) {}

    private final int entities;
    private final BidirectionalAdjacency graph;

    /** The training graph: {@code train} over {@code entities} entities and {@code relations} base relations. */
    public KgRelationQueries(TripleSet train, int entities, int relations) {
        this.entities = entities;
        this.graph = new BidirectionalAdjacency(train, entities, relations);
    }

    /** Relation labels then their inverses ({@code name^-1}): the vocabulary of the examples. */
    public static Vocabulary vocabulary(IdMap relationNames) {
        List<String> labels = new ArrayList<>(relationNames.names());
        for (String r : relationNames.names()) {
            labels.add(r + "^-1");
        }
        return Vocabulary.of(labels);
    }

    /**
     * Examples for the queries {@code queries}; when {@code ownStatements} is true, query {@code i} is training
     * statement {@code i} and is left out of its own subgraph.
     */
    public Result build(TripleSet queries, boolean ownStatements, Options options) {
        return build(queries, ownStatements, options, -1);
    }

    private Result build(TripleSet queries, boolean ownStatements, Options options, int leaveOut) {
        Random random = new Random(options.seed());
        int[] distH = new int[entities];
        int[] distT = new int[entities];
        Arrays.fill(distH, Integer.MAX_VALUE);
        Arrays.fill(distT, Integer.MAX_VALUE);
        int[] queue = new int[entities];
        int[] queueT = new int[entities];
        List<ReasoningExample> out = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        int unanswerable = 0;
        int[] local = new int[entities];
        Arrays.fill(local, -1);
        for (int q = 0; q < queries.size(); q++) {
            int h = queries.head(q);
            int t = queries.tail(q);
            int skip = ownStatements ? q : leaveOut;
            int reachedH = bfs(h, distH, queue, options.maxLength(), skip);
            int reachedT = bfs(t, distT, queueT, options.maxLength(), skip);
            try {
                if (h == t || distH[t] > options.maxLength()) {
                    unanswerable++;
                    continue;
                }
                // candidate edges on a path of at most maxLength from h to t
                List<long[]> keep = new ArrayList<>();
                for (int i = 0; i < reachedH; i++) {
                    int u = queue[i];
                    for (int a = graph.start(u); a < graph.end(u); a++) {
                        int v = graph.neighbour(a);
                        if (graph.triple(a) == skip || distT[v] == Integer.MAX_VALUE) {
                            continue;
                        }
                        int len = distH[u] + 1 + distT[v];
                        if (len <= options.maxLength()) {
                            keep.add(new long[] {len, random.nextInt(), a, u});
                        }
                    }
                }
                if (keep.size() > options.maxEdges()) {
                    keep.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
                    keep = keep.subList(0, options.maxEdges());
                }
                int nodes = 0;
                local[h] = nodes++;
                local[t] = nodes++;
                int[] src = new int[keep.size()];
                int[] dst = new int[keep.size()];
                int[] rel = new int[keep.size()];
                List<Integer> touched = new ArrayList<>(List.of(h, t));
                for (int e = 0; e < keep.size(); e++) {
                    int a = (int) keep.get(e)[2];
                    int u = (int) keep.get(e)[3];
                    int v = graph.neighbour(a);
                    for (int w : new int[] {u, v}) {
                        if (local[w] < 0) {
                            local[w] = nodes++;
                            touched.add(w);
                        }
                    }
                    src[e] = local[u];
                    dst[e] = local[v];
                    rel[e] = graph.relation(a);
                }
                out.add(new ReasoningExample(nodes, src, dst, rel, 0, 1, queries.relation(q), distH[t], -1,
                        "query " + q));
                index.add(q);
                for (int w : touched) {
                    local[w] = -1;
                }
            } finally {
                reset(distH, queue, reachedH);
                reset(distT, queueT, reachedT);
            }
        }
        return new Result(out, index.stream().mapToInt(Integer::intValue).toArray(), unanswerable);
    }

    /** The example for training statement {@code i} of {@code train} as a query, left out of its own subgraph. */
    public Result buildOne(TripleSet train, int i, Options options) {
        TripleSet one = new TripleSet(new int[] {train.head(i)}, new int[] {train.relation(i)},
                new int[] {train.tail(i)});
        return build(one, false, options, i);
    }

    /** Breadth-first distances from {@code s} up to {@code max}, skipping statement {@code skip}; the visit order is
     * left in {@code queue}; returns how many nodes were reached. */
    private int bfs(int s, int[] dist, int[] queue, int max, int skip) {
        int head = 0;
        int tail = 0;
        dist[s] = 0;
        queue[tail++] = s;
        while (head < tail) {
            int u = queue[head++];
            if (dist[u] == max) {
                continue;
            }
            for (int a = graph.start(u); a < graph.end(u); a++) {
                int v = graph.neighbour(a);
                if (graph.triple(a) != skip && dist[v] == Integer.MAX_VALUE) {
                    dist[v] = dist[u] + 1;
                    queue[tail++] = v;
                }
            }
        }
        return tail;
    }

    private static void reset(int[] dist, int[] queue, int reached) {
        for (int i = 0; i < reached; i++) {
            dist[queue[i]] = Integer.MAX_VALUE;
        }
    }
}
