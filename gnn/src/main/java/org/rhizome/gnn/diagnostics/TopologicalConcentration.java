package org.rhizome.gnn.diagnostics;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Topological Concentration (TC) of every node: how much of a node's K-hop computation tree its neighbours' trees
 * reach, averaged over its training, validation or test neighbours (Wang et al., "A Topological Perspective on
 * Demystifying GNN-Based Link Prediction Performance", ICLR 2024, arXiv 2310.04612). A node whose test neighbours
 * sit inside its training neighbourhood has a high TC<sup>Te</sup>, and link predictors find such neighbours well.
 *
 * <p><b>Definition</b> (the semantics of the authors' analysis code, {@code cal_tc}). On the training graph
 * {@code A} (simple, undirected, no self-loops) let {@code c_i^k(v) = (A^k)_{iv}} be the number of length-k walks
 * from {@code i} to {@code v} (walks may turn back, so {@code i} itself is reached at even hops),
 * {@code W_i^k = sum_v c_i^k(v)}, and {@code supp_j^k = {v : c_j^k(v) > 0}}. With
 * {@code beta = n / sum_v d_v} (one over the mean training degree, over all {@code n} nodes, isolated ones
 * included) and {@code w(k1, k2) = beta^(k1 + k2 - 2)}:
 *
 * <pre>
 * I(i, j) = sum_{k1,k2=1..K} w(k1,k2) sum_{v in supp_i^k1 and supp_j^k2} c_i^k1(v)
 *         / sum_{k1,k2=1..K} w(k1,k2) (W_i^k1 - [split = train and k1 = k2 = 1])
 * TC_i   = mean over j in N_i^split of I(i, j)
 * </pre>
 *
 * The pair score counts {@code i}'s walks with their multiplicity but {@code j}'s hop sets as plain sets, and
 * normalises by {@code i}'s side only, so {@code I(i, j) != I(j, i)} in general. The "-1" for training neighbours
 * removes {@code j} itself from the possible one-hop meetings ({@code j} is in {@code N_i} but never in
 * {@code N_j}). TC lies in {@code [0, 1]}. A neighbour {@code j} without training edges scores 0 and still counts.
 *
 * <p><b>Undefined nodes</b> (empty in {@link NodeValues}; the reference code writes 0, see
 * {@link NodeValues#valueOrZero(int)}): for validation and test, nodes without a neighbour of that split or without
 * training edges; for train, nodes with fewer than two training neighbours.
 *
 * <p><b>Cost.</b> For each defined node {@code i}: its walk counts, O(sum over the first K-1 hops of the degrees
 * reached), kept as sparse maps over dense per-thread arrays (never as walk lists, which grow as d^K); then for each
 * neighbour {@code j} the hop sets of {@code j}, O(K times their total size), where the last hop set is either
 * listed or, when that is cheaper, tested node by node from the nodes {@code i} reaches. For K = 1 the whole split
 * costs O(sum_i sum_{j in N_i} d_j); from K = 2 on it grows with the two-hop neighbourhoods (on FB15k-237's
 * training graph, 2 threads: K = 1 well under a second per split, K = 2 about 8 s for the test neighbours and over a
 * minute for the training neighbours). Memory: about {@code 16 K n} bytes of scratch per thread (also per call of
 * {@link #interaction}) plus {@code 8 n} per cached split.
 *
 * <p><b>Threads and determinism.</b> Nodes are shared out in small ranges over {@code threads} threads; each node's
 * value is computed by one thread alone, in neighbour order, so the result is identical for every thread count.
 * Nothing is random. Each split is computed on first request and cached; the object is thread-safe.
 */
public final class TopologicalConcentration {
    private final LinkSplits splits;
    private final int hops;
    private final int threads;
    private final double beta;
    /** {@code w[k1][k2] = beta^(k1 + k2)}, hops counted from 0. [K][K] */
    private final double[][] weights;
    private final Map<Split, NodeValues> cache = new EnumMap<>(Split.class);

    /**
     * @param splits  the training graph (topology) and the held-out graphs (neighbours)
     * @param hops    K, the depth of the computation trees, at least 1 (the reference default is 1)
     * @param threads threads to compute with, at least 1
     * @throws IllegalArgumentException if {@code hops} or {@code threads} is below 1
     */
    public TopologicalConcentration(LinkSplits splits, int hops, int threads) {
        this.splits = Objects.requireNonNull(splits, "splits");
        if (hops < 1) {
            throw new IllegalArgumentException("hops (K) must be at least 1, got " + hops);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.hops = hops;
        this.threads = threads;
        long degreeSum = splits.train().degreeSum();
        this.beta = degreeSum == 0 ? Double.NaN : splits.nodeCount() / (double) degreeSum;
        this.weights = new double[hops][hops];
        for (int a = 0; a < hops; a++) {
            for (int b = 0; b < hops; b++) {
                weights[a][b] = a + b == 0 ? 1 : Math.pow(beta, a + b);
            }
        }
    }

    /** K, the depth of the computation trees. */
    public int hops() {
        return hops;
    }

    /**
     * The hop discount {@code beta = n / sum of training degrees}: one over the mean training degree. NaN when the
     * training graph has no edges (then no node has a defined TC).
     */
    public double beta() {
        return beta;
    }

    /** TC of every node over its neighbours of {@code split}; computed on first request, then cached. */
    public synchronized NodeValues values(Split split) {
        Objects.requireNonNull(split, "split");
        NodeValues v = cache.get(split);
        if (v == null) {
            v = compute(split);
            cache.put(split, v);
        }
        return v;
    }

    /**
     * The pair score {@code I(i, j)} with {@code i}'s tree normalising, as for a neighbour of {@code split} (only
     * {@link Split#TRAIN} changes it, by the "-1"). {@code j} need not be a neighbour of {@code i}. Empty when the
     * denominator is 0 ({@code i} has no training edge, or for train K = 1 exactly one).
     */
    public OptionalDouble interaction(int i, int j, Split split) {
        int n = splits.nodeCount();
        Objects.checkIndex(i, n);
        Objects.checkIndex(j, n);
        Objects.requireNonNull(split, "split");
        Scratch s = new Scratch();
        s.centre(i);
        boolean train = split == Split.TRAIN;
        double den = s.denominator(train);
        if (!(den > 0)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(s.numerator(j) / den);
    }

    private NodeValues compute(Split split) {
        UndirectedGraph train = splits.train();
        UndirectedGraph neighbours = splits.graph(split);
        boolean isTrain = split == Split.TRAIN;
        int n = splits.nodeCount();
        double[] out = new double[n];
        Arrays.fill(out, Double.NaN);
        int[] nOff = neighbours.offsets();
        int[] nTgt = neighbours.targets();
        NodeRanges.run(n, threads, "topological-concentration", () -> {
            Scratch s = new Scratch();
            return (from, to) -> {
                for (int i = from; i < to; i++) {
                    int d = train.degree(i);
                    int count = nOff[i + 1] - nOff[i];
                    if (isTrain ? d < 2 : d < 1 || count < 1) {
                        continue;
                    }
                    s.centre(i);
                    double den = s.denominator(isTrain);
                    double sum = 0;
                    for (int p = nOff[i]; p < nOff[i + 1]; p++) {
                        sum += s.numerator(nTgt[p]) / den;
                    }
                    out[i] = sum / count;
                }
            };
        });
        return NodeValues.wrap(out);
    }

    /** One thread's working memory: the walk counts of the current centre node and the hop sets of a neighbour. */
    private final class Scratch {
        private final int[] off = splits.train().offsets();
        private final int[] tgt = splits.train().targets();
        /** {@code count[k][v] = c_i^(k+1)(v)} of the current centre, 0 elsewhere. [K][n] */
        private final double[][] count;
        /** The nodes with a non-zero count at each hop, for clearing and summing. [K][touchedSize[k]] */
        private final int[][] touched;
        private final int[] touchedSize;
        /** {@code walks[k] = W_i^(k+1)}. [K] */
        private final double[] walks;
        /** A neighbour's hop sets; hop 0 is read straight from the adjacency. [K][suppSize[k]] */
        private final int[][] supp;
        private final int[] suppSize;
        /** The nodes the centre's walks reach at any hop, each once (for K >= 2). [reachedSize] */
        private int[] reached = new int[16];
        private int reachedSize;
        /** Which nodes are in the hop set being built or tested: {@code mark[v] == stamp}. [n] */
        private final int[] mark;
        private int stamp;

        Scratch() {
            int n = splits.nodeCount();
            count = new double[hops][n];
            touched = new int[hops][16];
            touchedSize = new int[hops];
            walks = new double[hops];
            supp = new int[hops][16];
            suppSize = new int[hops];
            mark = new int[n];
        }

        /** Makes {@code i} the centre: its walk counts for hops 1..K. */
        void centre(int i) {
            for (int k = 0; k < hops; k++) {
                double[] c = count[k];
                int[] t = touched[k];
                for (int p = 0; p < touchedSize[k]; p++) {
                    c[t[p]] = 0;
                }
                touchedSize[k] = 0;
            }
            // hop 1: each neighbour once (the graph is simple)
            for (int p = off[i]; p < off[i + 1]; p++) {
                count[0][tgt[p]] = 1;
                addTouched(0, tgt[p]);
            }
            for (int k = 1; k < hops; k++) {
                double[] prev = count[k - 1];
                double[] cur = count[k];
                for (int q = 0; q < touchedSize[k - 1]; q++) {
                    int v = touched[k - 1][q];
                    double c = prev[v];
                    for (int p = off[v]; p < off[v + 1]; p++) {
                        int u = tgt[p];
                        if (cur[u] == 0) {
                            addTouched(k, u);
                        }
                        cur[u] += c;
                    }
                }
            }
            for (int k = 0; k < hops; k++) {
                double w = 0;
                for (int q = 0; q < touchedSize[k]; q++) {
                    w += count[k][touched[k][q]];
                }
                walks[k] = w;
            }
            reachedSize = 0;
            if (hops > 1) {
                nextStamp();
                for (int k = 0; k < hops; k++) {
                    for (int q = 0; q < touchedSize[k]; q++) {
                        int v = touched[k][q];
                        if (mark[v] != stamp) {
                            mark[v] = stamp;
                            if (reachedSize == reached.length) {
                                reached = Arrays.copyOf(reached, reached.length * 2);
                            }
                            reached[reachedSize++] = v;
                        }
                    }
                }
            }
        }

        /** The denominator of {@code I(centre, .)}. */
        double denominator(boolean train) {
            double den = 0;
            for (int a = 0; a < hops; a++) {
                for (int b = 0; b < hops; b++) {
                    den += weights[a][b] * (walks[a] - (train && a == 0 && b == 0 ? 1 : 0));
                }
            }
            return den;
        }

        /** The numerator of {@code I(centre, j)}: the centre's walks that end in {@code j}'s hop sets. */
        double numerator(int j) {
            double num = 0;
            // hop 1 of j: its neighbours, distinct already
            for (int p = off[j]; p < off[j + 1]; p++) {
                num += meet(tgt[p], 0);
            }
            if (hops == 1) {
                return num;
            }
            // hops 2..K of j: the neighbours of the previous hop's set, each node once
            int[] prevSet = tgt;
            int prevFrom = off[j];
            int prevTo = off[j + 1];
            for (int k = 1; k < hops; k++) {
                if (k == hops - 1 && testLastHop(prevSet, prevFrom, prevTo)) {
                    // cheaper from the centre's side: which of the nodes its walks reach are one step from the
                    // previous hop set of j (stop at the first edge that says so)
                    nextStamp();
                    for (int q = prevFrom; q < prevTo; q++) {
                        mark[prevSet[q]] = stamp;
                    }
                    for (int q = 0; q < reachedSize; q++) {
                        int v = reached[q];
                        for (int p = off[v]; p < off[v + 1]; p++) {
                            if (mark[tgt[p]] == stamp) {
                                num += meet(v, k);
                                break;
                            }
                        }
                    }
                    return num;
                }
                nextStamp();
                suppSize[k] = 0;
                for (int q = prevFrom; q < prevTo; q++) {
                    int v = prevSet[q];
                    for (int p = off[v]; p < off[v + 1]; p++) {
                        int u = tgt[p];
                        if (mark[u] != stamp) {
                            mark[u] = stamp;
                            addSupp(k, u);
                        }
                    }
                }
                for (int q = 0; q < suppSize[k]; q++) {
                    num += meet(supp[k][q], k);
                }
                prevSet = supp[k];
                prevFrom = 0;
                prevTo = suppSize[k];
            }
            return num;
        }

        /**
         * Whether to find j's last hop set by testing the centre's reached nodes rather than by listing the set:
         * listing walks every edge out of the previous hop set, testing at most every edge out of the reached
         * nodes but usually one or two each. Test when the centre reaches fewer nodes than the edges to list.
         */
        private boolean testLastHop(int[] prevSet, int from, int to) {
            long edges = 0;
            for (int q = from; q < to && edges <= reachedSize; q++) {
                int v = prevSet[q];
                edges += off[v + 1] - off[v];
            }
            return reachedSize < edges;
        }

        /** The weighted walk counts of the centre at {@code v}, for {@code v} in hop {@code k2} of the neighbour. */
        private double meet(int v, int k2) {
            double s = 0;
            for (int a = 0; a < hops; a++) {
                double c = count[a][v];
                if (c != 0) {
                    s += weights[a][k2] * c;
                }
            }
            return s;
        }

        private void addTouched(int k, int v) {
            if (touchedSize[k] == touched[k].length) {
                touched[k] = Arrays.copyOf(touched[k], touched[k].length * 2);
            }
            touched[k][touchedSize[k]++] = v;
        }

        private void addSupp(int k, int v) {
            if (suppSize[k] == supp[k].length) {
                supp[k] = Arrays.copyOf(supp[k], supp[k].length * 2);
            }
            supp[k][suppSize[k]++] = v;
        }

        private void nextStamp() {
            if (stamp == Integer.MAX_VALUE) {
                Arrays.fill(mark, 0);
                stamp = 0;
            }
            stamp++;
        }
    }

    @Override
    public String toString() {
        return "TopologicalConcentration[K=" + hops + ", beta=" + beta + ", " + splits.nodeCount() + " nodes]";
    }
}
