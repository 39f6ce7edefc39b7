package org.rhizome.gnn.reader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.rhizome.gnn.data.BidirectionalAdjacency;
import org.rhizome.gnn.data.TripleSet;

/**
 * A ranked, relation-aware retriever for KG-R3: the entities that the relation paths mined for the query's relation
 * reach from the head, then the rest of the head's neighbourhood ranked by personalised PageRank, and the training
 * edges among them.
 *
 * <p><b>Relation paths</b> (mined once, at construction). For every relation id q (both directions: a training triple
 * (h, r, t) is the query (h, r, ?) with answer t and the query (t, r + R, ?) with answer h), up to
 * {@code sampledPerRelation} of its training triples are drawn with a seeded generator, and every relation path of
 * one or two edges from the query entity to the answer that does not use the triple itself is counted once per triple
 * (paths walk edges in either direction, as relation ids in [0, 2R)). The {@code pathsPerRelation} most frequent paths
 * seen in at least two triples are kept with their confidence (the share of the sampled triples they realise). This
 * is the "paths that frequently realise r" of the issue, in the spirit of path-ranking rules; the paper's learned
 * MINERVA-style path policy is not built.
 *
 * <p><b>Retrieval</b> of (h, q, ?). (1) Each kept path of q is followed from h, at most {@code fanOut} edges per step;
 * every entity on the way (ends and intermediates) scores the path's confidence, summed over paths. (2) Personalised
 * PageRank from h over the training graph (edges both ways, uniform over an entity's edges, restart probability
 * {@code alpha}) by the push method of Andersen, Chung &amp; Lang (2006), residual threshold {@code epsilon} per unit
 * of degree. Entities are taken by path score first, then by PageRank, up to {@code maxEntities} (the head first); the
 * training edges between them are kept, in stored direction, up to {@code maxEdges}, those of better-ranked entities
 * first. The query's own statement is never walked, mined through or kept.
 *
 * <p>Cost per query: O(1 / (alpha · epsilon)) edge visits for the push, plus the path walks. Thread-safe: the push's
 * working arrays are per thread.
 */
public final class PprRetriever implements SubgraphRetriever {
    /** Options; {@link #defaults(int, int)} gives the ones measured in benchmarks/README.md. */
    public record Options(int maxEntities, int maxEdges, double alpha, double epsilon, int pathsPerRelation,
            int sampledPerRelation, int fanOut, long seed) {
        public Options {
            if (maxEntities < 2 || maxEdges < 1 || !(alpha > 0 && alpha < 1) || !(epsilon > 0 && epsilon < 1)
                    || pathsPerRelation < 0 || sampledPerRelation < 1 || fanOut < 1) {
                throw new IllegalArgumentException("need maxEntities >= 2, maxEdges >= 1, 0 < alpha < 1, "
                        + "0 < epsilon < 1, pathsPerRelation >= 0, sampledPerRelation >= 1, fanOut >= 1; got "
                        + maxEntities + ", " + maxEdges + ", " + alpha + ", " + epsilon + ", " + pathsPerRelation
                        + ", " + sampledPerRelation + ", " + fanOut);
            }
        }

        /** alpha 0.25, epsilon 1e-4, 10 paths per relation mined from up to 500 triples each, fan-out 32, seed 0. */
        public static Options defaults(int maxEntities, int maxEdges) {
            return new Options(maxEntities, maxEdges, 0.25, 1e-4, 10, 500, 32, 0L);
        }

        public Options withFanOut(int f) {
            return new Options(maxEntities, maxEdges, alpha, epsilon, pathsPerRelation, sampledPerRelation, f, seed);
        }

        public Options withSeed(long s) {
            return new Options(maxEntities, maxEdges, alpha, epsilon, pathsPerRelation, sampledPerRelation, fanOut, s);
        }
    }

    /** A mined relation path of one or two relation ids, with the share of sampled triples it realises. */
    public record RelationPath(int[] relations, double confidence) {}

    private final BidirectionalAdjacency graph;
    private final int relations;
    private final Options options;
    private final RelationPath[][] paths;
    private final ThreadLocal<Scratch> scratch;

    public PprRetriever(TripleSet train, int entities, int relations, Options options) {
        this.options = java.util.Objects.requireNonNull(options, "options");
        this.relations = relations;
        this.graph = new BidirectionalAdjacency(train, entities, relations);
        this.paths = mine(train);
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(entities));
    }

    public Options options() {
        return options;
    }

    /** The paths kept for relation id {@code q} (in [0, 2R)), most frequent first. */
    public List<RelationPath> paths(int q) {
        return List.of(paths[q]);
    }

    @Override
    public int relationIds() {
        return 2 * relations;
    }

    @Override
    public int pathLength() {
        return 3;
    }

    @Override
    public String describe() {
        return String.format(java.util.Locale.ROOT, "ppr+paths: <= %d entities and %d edges, alpha %.2f, epsilon %.0e, "
                + "%d paths per relation from <= %d triples, fan-out %d", options.maxEntities(), options.maxEdges(),
                options.alpha(), options.epsilon(), options.pathsPerRelation(), options.sampledPerRelation(),
                options.fanOut());
    }

    private int inverse(int q) {
        return q < relations ? q + relations : q - relations;
    }

    private RelationPath[][] mine(TripleSet train) {
        int ids = 2 * relations;
        List<List<int[]>> byRelation = new ArrayList<>();
        for (int q = 0; q < ids; q++) {
            byRelation.add(new ArrayList<>());
        }
        for (int i = 0; i < train.size(); i++) {
            byRelation.get(train.relation(i)).add(new int[] {train.head(i), train.tail(i), i});
            byRelation.get(train.relation(i) + relations).add(new int[] {train.tail(i), train.head(i), i});
        }
        RelationPath[][] out = new RelationPath[ids][];
        Random random = new Random(options.seed());
        for (int q = 0; q < ids; q++) {
            List<int[]> all = byRelation.get(q);
            List<int[]> sample = all;
            if (all.size() > options.sampledPerRelation()) {
                sample = new ArrayList<>(all);
                java.util.Collections.shuffle(sample, random);
                sample = sample.subList(0, options.sampledPerRelation());
            }
            Map<Long, Integer> support = new HashMap<>();
            for (int[] t : sample) {
                for (long key : pathsBetween(t[0], t[1], t[2])) {
                    support.merge(key, 1, Integer::sum);
                }
            }
            int n = Math.max(1, sample.size());
            out[q] = support.entrySet().stream().filter(e -> e.getValue() >= 2)
                    .sorted((a, b) -> a.getValue().equals(b.getValue()) ? Long.compare(a.getKey(), b.getKey())
                            : Integer.compare(b.getValue(), a.getValue()))
                    .limit(options.pathsPerRelation())
                    .map(e -> new RelationPath(decode(e.getKey()), (double) e.getValue() / n))
                    .toArray(RelationPath[]::new);
        }
        return out;
    }

    /** Distinct relation paths of one or two edges from s to o avoiding statement {@code skip}, as keys. */
    private Set<Long> pathsBetween(int s, int o, int skip) {
        Set<Long> keys = new HashSet<>();
        // x -> o edges, read from o's slots reversed: o -rel-> x means x -inverse(rel)-> o.
        Map<Integer, List<Integer>> intoO = new HashMap<>();
        for (int c = graph.start(o); c < graph.end(o); c++) {
            if (graph.triple(c) != skip) {
                intoO.computeIfAbsent(graph.neighbour(c), k -> new ArrayList<>()).add(inverse(graph.relation(c)));
            }
        }
        for (int a = graph.start(s); a < graph.end(s); a++) {
            if (graph.triple(a) == skip) {
                continue;
            }
            int x = graph.neighbour(a);
            int r1 = graph.relation(a);
            if (x == o) {
                keys.add(encode(r1, -1));
            }
            List<Integer> second = intoO.get(x);
            if (second != null && x != s) {
                for (int r2 : second) {
                    keys.add(encode(r1, r2));
                }
            }
        }
        return keys;
    }

    private static long encode(int r1, int r2) {
        return ((long) r1 << 32) | (r2 & 0xFFFFFFFFL);
    }

    private static int[] decode(long key) {
        int r1 = (int) (key >> 32);
        int r2 = (int) key;
        return r2 == -1 ? new int[] {r1} : new int[] {r1, r2};
    }

    @Override
    public Subgraph retrieve(int head, int relation, int skipStatement, Random random) {
        if (relation < 0 || relation >= 2 * relations) {
            throw new IllegalArgumentException("relation id " + relation + " outside [0, " + 2 * relations + ")");
        }
        Scratch s = scratch.get();
        try {
            followPaths(s, head, relation, skipStatement);
            push(s, head, skipStatement);
            return select(s, head, skipStatement);
        } finally {
            s.clear();
        }
    }

    /** The push's approximate personalised PageRank from {@code head} (entity to score; for tests). */
    Map<Integer, Double> pageRank(int head) {
        Scratch s = scratch.get();
        try {
            push(s, head, -1);
            Map<Integer, Double> out = new HashMap<>();
            for (int i = 0; i < s.touchedCount; i++) {
                if (s.rank[s.touched[i]] > 0) {
                    out.put(s.touched[i], s.rank[s.touched[i]]);
                }
            }
            return out;
        } finally {
            s.clear();
        }
    }

    private void followPaths(Scratch s, int head, int q, int skip) {
        for (RelationPath p : paths[q]) {
            // the frontier keeps repeats: an entity reached twice is followed (and scored) twice
            int[] frontier = s.frontier;
            frontier[0] = head;
            int size = 1;
            for (int r : p.relations()) {
                int[] next = s.next;
                int nextSize = 0;
                for (int f = 0; f < size; f++) {
                    int u = frontier[f];
                    int taken = 0;
                    for (int a = graph.start(u); a < graph.end(u) && taken < options.fanOut(); a++) {
                        if (graph.relation(a) == r && graph.triple(a) != skip) {
                            int v = graph.neighbour(a);
                            if (v != head) {
                                s.touch(v);
                                s.pathScore[v] += p.confidence();
                            }
                            if (nextSize == next.length) {
                                next = s.next = Arrays.copyOf(next, 2 * next.length);
                            }
                            next[nextSize++] = v;
                            taken++;
                        }
                    }
                }
                s.next = frontier;
                s.frontier = next;
                frontier = next;
                size = nextSize;
            }
        }
    }

    /** Andersen–Chung–Lang push: p += alpha·r(u), spread (1 − alpha)·r(u) over u's edges, while r(u) ≥ eps·deg(u). */
    private void push(Scratch s, int head, int skip) {
        double alpha = options.alpha();
        double eps = options.epsilon();
        s.touch(head);
        s.residual[head] = 1.0;
        int[] queue = s.queue;
        int qHead = 0;
        int qTail = 0;
        queue[qTail++] = head;
        s.queued[head] = true;
        while (qHead != qTail) {
            int u = queue[qHead];
            qHead = qHead + 1 == queue.length ? 0 : qHead + 1;
            s.queued[u] = false;
            int degree = graph.end(u) - graph.start(u);
            double r = s.residual[u];
            if (degree == 0) {
                s.rank[u] += r;
                s.residual[u] = 0;
                continue;
            }
            if (r < eps * degree) {
                continue;
            }
            s.rank[u] += alpha * r;
            s.residual[u] = 0;
            double share = (1 - alpha) * r / degree;
            for (int a = graph.start(u); a < graph.end(u); a++) {
                if (graph.triple(a) == skip) {
                    continue;
                }
                int v = graph.neighbour(a);
                s.touch(v);
                s.residual[v] += share;
                if (!s.queued[v] && s.residual[v] >= eps * (graph.end(v) - graph.start(v))) {
                    s.queued[v] = true;
                    queue[qTail] = v;
                    qTail = qTail + 1 == queue.length ? 0 : qTail + 1;
                }
            }
        }
    }

    private Subgraph select(Scratch s, int head, int skip) {
        Integer[] candidates = new Integer[s.touchedCount];
        int n = 0;
        for (int i = 0; i < s.touchedCount; i++) {
            int v = s.touched[i];
            if (v != head && (s.pathScore[v] > 0 || s.rank[v] > 0)) {
                candidates[n++] = v;
            }
        }
        Integer[] c = Arrays.copyOf(candidates, n);
        Arrays.sort(c, (a, b) -> {
            int byPath = Double.compare(s.pathScore[b], s.pathScore[a]);
            if (byPath != 0) {
                return byPath;
            }
            int byRank = Double.compare(s.rank[b], s.rank[a]);
            return byRank != 0 ? byRank : Integer.compare(a, b);
        });
        int count = Math.min(options.maxEntities(), n + 1);
        int[] chosen = new int[count];
        chosen[0] = head;
        Map<Integer, Integer> local = new HashMap<>();
        local.put(head, 0);
        for (int i = 1; i < count; i++) {
            chosen[i] = c[i - 1];
            local.put(chosen[i], i);
        }
        List<int[]> edges = new ArrayList<>();
        for (int i = 0; i < count && edges.size() < options.maxEdges(); i++) {
            int u = chosen[i];
            for (int a = graph.start(u); a < graph.end(u) && edges.size() < options.maxEdges(); a++) {
                Integer j = local.get(graph.neighbour(a));
                // each statement once, from its stored head, whichever of its ends ranks first
                if (j != null && graph.triple(a) != skip && graph.relation(a) < relations) {
                    edges.add(new int[] {i, graph.relation(a), j});
                }
            }
        }
        return Subgraph.of(chosen, edges);
    }

    /** Per-thread working arrays, cleared on the entities a query touched. */
    private static final class Scratch {
        final double[] rank;
        final double[] residual;
        final double[] pathScore;
        final boolean[] queued;
        final boolean[] seen;
        final int[] queue;
        int[] touched;
        int touchedCount;
        /** The entities a path has reached so far and those of its next step (swapped per step, grown on demand). */
        int[] frontier = new int[64];
        int[] next = new int[64];

        Scratch(int n) {
            rank = new double[n];
            residual = new double[n];
            pathScore = new double[n];
            queued = new boolean[n];
            seen = new boolean[n];
            queue = new int[n + 1];
            touched = new int[64];
        }

        void touch(int v) {
            if (!seen[v]) {
                seen[v] = true;
                if (touchedCount == touched.length) {
                    touched = Arrays.copyOf(touched, 2 * touched.length);
                }
                touched[touchedCount++] = v;
            }
        }

        void clear() {
            for (int i = 0; i < touchedCount; i++) {
                int v = touched[i];
                rank[v] = 0;
                residual[v] = 0;
                pathScore[v] = 0;
                queued[v] = false;
                seen[v] = false;
            }
            touchedCount = 0;
        }
    }
}
