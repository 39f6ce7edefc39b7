package org.rhizome.graph.analytics;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.rhizome.graph.analytics.community.Partition;

/**
 * Hubs and bridges of a graph, mapped to IRIs and labels.
 *
 * <p>Hubs: the top-k nodes by degree and by PageRank. Bridges: the top-k nodes by betweenness, and by the
 * participation coefficient of Guimerà & Amaral (2005), {@code P(v) = 1 - sum over communities c of
 * (k_vc / k_v)^2} with k_vc the links from v into community c: 0 when all of v's links stay in one community,
 * approaching 1 when they spread evenly over many. Participation is ranked among nodes of degree at least
 * {@code minDegree} so that a node with two links into two communities does not outrank real connectors.
 *
 * @param hubsByDegree          top-k by simple degree
 * @param hubsByPageRank        top-k by PageRank
 * @param bridgesByBetweenness  top-k by betweenness (exact or sampled, as its scores say)
 * @param bridgesByParticipation top-k by participation coefficient among nodes of degree >= minDegree
 * @param minDegree             the degree floor for participation ranking
 */
public record HubsAndBridges(List<RankedNode> hubsByDegree, List<RankedNode> hubsByPageRank,
        List<RankedNode> bridgesByBetweenness, List<RankedNode> bridgesByParticipation, int minDegree) {

    public HubsAndBridges {
        hubsByDegree = List.copyOf(hubsByDegree);
        hubsByPageRank = List.copyOf(hubsByPageRank);
        bridgesByBetweenness = List.copyOf(bridgesByBetweenness);
        bridgesByParticipation = List.copyOf(bridgesByParticipation);
    }

    /** Participation coefficient of every node for {@code partition} (0 for isolated nodes); O(m). */
    public static double[] participation(UndirectedGraph g, Partition partition) {
        Objects.requireNonNull(partition, "partition");
        int n = g.nodeCount();
        int[] off = g.offsetsArray();
        int[] nb = g.neighboursArray();
        int[] member = partition.membership();
        int[] count = new int[Math.max(1, partition.count())];
        int[] touched = new int[n];
        double[] p = new double[n];
        for (int v = 0; v < n; v++) {
            int d = off[v + 1] - off[v];
            if (d == 0) {
                continue;
            }
            int nt = 0;
            for (int i = off[v], e = off[v + 1]; i < e; i++) {
                int c = member[nb[i]];
                if (count[c]++ == 0) {
                    touched[nt++] = c;
                }
            }
            double sum = 0;
            for (int i = 0; i < nt; i++) {
                double f = (double) count[touched[i]] / d;
                sum += f * f;
                count[touched[i]] = 0;
            }
            p[v] = 1.0 - sum;
        }
        return p;
    }

    /** Computes hubs and bridges from already computed scores and partition. */
    public static HubsAndBridges of(UndirectedGraph g, NodeScores pageRank, NodeScores betweenness,
            Partition partition, int k, int minDegree) {
        double[] deg = new double[g.nodeCount()];
        for (int v = 0; v < deg.length; v++) {
            deg[v] = g.degree(v);
        }
        NodeScores degree = new NodeScores("degree", Map.of(), g, deg);
        List<RankedNode> byParticipation = List.of();
        if (partition != null) {
            double[] p = participation(g, partition);
            double[] ranked = p.clone();
            for (int v = 0; v < ranked.length; v++) {
                if (g.degree(v) < minDegree) {
                    ranked[v] = Double.NEGATIVE_INFINITY;
                }
            }
            byParticipation = new NodeScores("participation", Map.of("minDegree", minDegree), g, ranked).top(k)
                    .stream().filter(r -> r.score() != Double.NEGATIVE_INFINITY).toList();
        }
        return new HubsAndBridges(degree.top(k), pageRank == null ? List.of() : pageRank.top(k),
                betweenness == null ? List.of() : betweenness.top(k), byParticipation, minDegree);
    }
}
