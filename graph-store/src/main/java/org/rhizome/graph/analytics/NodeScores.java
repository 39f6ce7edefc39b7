package org.rhizome.graph.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One score per node of an {@link UndirectedGraph} (ids are the snapshot's entity ids), with the measure's name
 * and the parameters that produced it. Immutable: {@link #values()} returns a copy.
 *
 * @param measure    e.g. {@code "pagerank"}
 * @param parameters every parameter that determined the values (damping, tolerance, pivots, seed, ...), for reports
 */
public record NodeScores(String measure, Map<String, Object> parameters, UndirectedGraph graph, double[] scores) {
    public NodeScores {
        Objects.requireNonNull(measure, "measure");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        Objects.requireNonNull(graph, "graph");
        if (scores.length != graph.nodeCount()) {
            throw new IllegalArgumentException("expected " + graph.nodeCount() + " scores, got " + scores.length);
        }
        scores = scores.clone();
    }

    /** The score of node {@code id}. */
    public double score(int id) {
        return scores[id];
    }

    /** The score of the node with IRI {@code iri}. */
    public double score(String iri) {
        int id = graph.snapshot().entityId(iri)
                .orElseThrow(() -> new IllegalArgumentException("no node " + iri + " in the graph"));
        return scores[id];
    }

    /** A copy of all scores, indexed by node id. */
    public double[] values() {
        return scores.clone();
    }

    @Override
    public double[] scores() {
        return scores.clone();
    }

    /** The {@code k} highest-scoring nodes, ties broken by smaller id; O(n log k). */
    public List<RankedNode> top(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, got " + k);
        }
        int n = scores.length;
        int size = Math.min(k, n);
        // Min-heap (by "worse first") of the best `size` ids seen so far.
        int[] heap = new int[size];
        int h = 0;
        for (int v = 0; v < n && size > 0; v++) {
            if (h < size) {
                heap[h] = v;
                siftUp(heap, h++);
            } else if (better(v, heap[0])) {
                heap[0] = v;
                siftDown(heap, h);
            }
        }
        int[] order = new int[h];
        for (int i = h - 1; i >= 0; i--) {
            order[i] = heap[0];
            heap[0] = heap[--h];
            siftDown(heap, h);
        }
        List<RankedNode> out = new ArrayList<>(order.length);
        for (int r = 0; r < order.length; r++) {
            int v = order[r];
            out.add(new RankedNode(r + 1, v, graph.iri(v), graph.label(v), scores[v]));
        }
        return out;
    }

    private boolean better(int a, int b) {
        int c = Double.compare(scores[a], scores[b]);
        return c != 0 ? c > 0 : a < b;
    }

    private void siftUp(int[] heap, int i) {
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (better(heap[p], heap[i])) {
                int t = heap[p];
                heap[p] = heap[i];
                heap[i] = t;
                i = p;
            } else {
                return;
            }
        }
    }

    private void siftDown(int[] heap, int size) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int worst = l;
            if (l + 1 < size && better(heap[l], heap[l + 1])) {
                worst = l + 1;
            }
            if (better(heap[i], heap[worst])) {
                int t = heap[i];
                heap[i] = heap[worst];
                heap[worst] = t;
                i = worst;
            } else {
                return;
            }
        }
    }

    /** Minimum, maximum and mean of the scores (NaN for an empty graph). */
    public double[] minMaxMean() {
        if (scores.length == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (double s : scores) {
            min = Math.min(min, s);
            max = Math.max(max, s);
            sum += s;
        }
        return new double[] {min, max, sum / scores.length};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeScores other && measure.equals(other.measure)
                && parameters.equals(other.parameters) && graph == other.graph
                && Arrays.equals(scores, other.scores);
    }

    @Override
    public int hashCode() {
        return Objects.hash(measure, parameters, Arrays.hashCode(scores));
    }

    @Override
    public String toString() {
        return "NodeScores[" + measure + " " + parameters + ", n=" + scores.length + "]";
    }
}
