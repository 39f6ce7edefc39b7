package org.rhizome.graph.analytics.community;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

import org.rhizome.graph.analytics.UndirectedGraph;

/**
 * Asynchronous label propagation (Raghavan, Albert & Kumara 2007) on the simple undirected graph, in plain arrays:
 * every node starts in its own community; each sweep visits the nodes in a fresh random order and gives each node the
 * label most frequent among its neighbours, ties broken uniformly at random (keeping the current label when it is
 * among the most frequent, so that the stopping rule can be met). Stops when every node carries a most frequent
 * neighbour label, or after {@code maxSweeps}. O(m) per sweep, O(n) extra memory. The generator is seeded, so a
 * seed gives one partition.
 */
public final class LabelPropagation implements CommunityDetection {
    private final UndirectedGraph graph;
    private final long seed;
    private final int maxSweeps;
    private Partition result;
    private int sweeps;

    public LabelPropagation(UndirectedGraph graph, long seed, int maxSweeps) {
        this.graph = Objects.requireNonNull(graph, "graph");
        if (maxSweeps < 1) {
            throw new IllegalArgumentException("maxSweeps must be >= 1, got " + maxSweeps);
        }
        this.seed = seed;
        this.maxSweeps = maxSweeps;
    }

    public LabelPropagation(UndirectedGraph graph, long seed) {
        this(graph, seed, 100);
    }

    /** Sweeps the computation took. */
    public synchronized int sweeps() {
        partition();
        return sweeps;
    }

    @Override
    public synchronized Partition partition() {
        if (result != null) {
            return result;
        }
        int n = graph.nodeCount();
        int[] off = graph.offsetsArray();
        int[] nb = graph.neighboursArray();
        int[] label = new int[n];
        int[] order = new int[n];
        for (int v = 0; v < n; v++) {
            label[v] = v;
            order[v] = v;
        }
        int[] count = new int[n];
        int[] touched = new int[n];
        int[] best = new int[n];
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean stable = false;
        while (!stable && sweeps < maxSweeps) {
            sweeps++;
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            stable = true;
            for (int k = 0; k < n; k++) {
                int v = order[k];
                if (off[v] == off[v + 1]) {
                    continue;
                }
                int nt = 0;
                int max = 0;
                for (int i = off[v], e = off[v + 1]; i < e; i++) {
                    int l = label[nb[i]];
                    if (count[l]++ == 0) {
                        touched[nt++] = l;
                    }
                    max = Math.max(max, count[l]);
                }
                int nb0 = 0;
                boolean currentIsBest = false;
                for (int i = 0; i < nt; i++) {
                    int l = touched[i];
                    if (count[l] == max) {
                        best[nb0++] = l;
                        if (l == label[v]) {
                            currentIsBest = true;
                        }
                    }
                }
                for (int i = 0; i < nt; i++) {
                    count[touched[i]] = 0;
                }
                if (!currentIsBest) {
                    stable = false;
                    label[v] = nb0 == 1 ? best[0] : best[rnd.nextInt(nb0)];
                }
            }
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("seed", seed);
        params.put("maxSweeps", maxSweeps);
        params.put("sweeps", sweeps);
        params.put("converged", stable);
        result = Partition.of("label-propagation", params, graph, label, 1.0);
        return result;
    }
}
