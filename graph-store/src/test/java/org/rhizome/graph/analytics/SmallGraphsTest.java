package org.rhizome.graph.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rhizome.graph.analytics.centrality.Betweenness;
import org.rhizome.graph.analytics.centrality.Closeness;
import org.rhizome.graph.analytics.centrality.PageRank;
import org.rhizome.graph.analytics.community.LabelPropagation;
import org.rhizome.graph.analytics.community.Leiden;
import org.rhizome.graph.analytics.community.Modularity;
import org.rhizome.graph.analytics.community.Partition;
import org.rhizome.graph.analytics.paths.PathAnalysis;
import org.rhizome.graph.analytics.paths.PathLengths;
import org.rhizome.graph.analytics.structure.ArticulationPoints;
import org.rhizome.graph.analytics.structure.Assortativity;
import org.rhizome.graph.analytics.structure.Clustering;
import org.rhizome.graph.analytics.structure.Components;
import org.rhizome.graph.analytics.structure.KCore;
import org.rhizome.graph.snapshot.GraphSnapshot;

/** Every measure on graphs whose answers follow by hand (the derivations are in the comments). */
class SmallGraphsTest {

    @Test
    void pathOfFive() {
        UndirectedGraph g = TestGraphs.path(5);
        double[] bc = new Betweenness(g, Betweenness.Options.exact()).scores().values();
        // Node 1 lies inside {0,2},{0,3},{0,4}; node 2 inside {0,3},{0,4},{1,3},{1,4}.
        assertThat(bc).containsExactly(new double[] {0, 3, 4, 3, 0}, within(1e-12));
        // Closeness of the middle: 4 / (1 + 1 + 2 + 2).
        assertThat(new Closeness(g, 1).closeness().score(2)).isCloseTo(4.0 / 6, within(1e-12));
        PathLengths.Result p = PathLengths.exact(g);
        assertThat(p.diameter()).isEqualTo(4);
        // Ordered pairs: 8 at distance 1, 6 at 2, 4 at 3, 2 at 4 -> mean 40 / 20.
        assertThat(p.histogram()).containsExactly(0, 8, 6, 4, 2);
        assertThat(p.mean()).isCloseTo(2.0, within(1e-12));
        assertThat(ArticulationPoints.of(g)).containsExactly(1, 2, 3);
        assertThat(KCore.coreNumbers(g)).containsOnly(1);
        assertThat(Clustering.of(g).transitivity()).isZero();
    }

    @Test
    void starOfSix() {
        UndirectedGraph g = TestGraphs.star(6);
        assertThat(new Betweenness(g, Betweenness.Options.exact()).scores().score(0)).isCloseTo(10, within(1e-12));
        // Star PageRank, solving the two balance equations: centre = (1 + d(n-1)) / (n (1 + d)).
        double d = 0.85;
        assertThat(new PageRank(g).scores().score(0)).isCloseTo((1 + d * 5) / (6 * (1 + d)), within(1e-9));
        assertThat(ArticulationPoints.of(g)).containsExactly(0);
        assertThat(Assortativity.degree(g)).isCloseTo(-1.0, within(1e-12));
        assertThat(Clustering.of(g).average()).isZero();
    }

    @Test
    void cliqueOfFive() {
        UndirectedGraph g = TestGraphs.clique(5);
        Clustering c = Clustering.of(g);
        assertThat(c.totalTriangles()).isEqualTo(10);
        assertThat(c.transitivity()).isCloseTo(1.0, within(1e-12));
        assertThat(c.average()).isCloseTo(1.0, within(1e-12));
        assertThat(KCore.coreNumbers(g)).containsOnly(4);
        assertThat(new Betweenness(g, Betweenness.Options.exact()).scores().values()).containsOnly(0.0);
        assertThat(new PageRank(g).scores().values()).containsExactly(new double[] {0.2, 0.2, 0.2, 0.2, 0.2}, within(1e-12));
        assertThat(PathLengths.exact(g).diameter()).isEqualTo(1);
        assertThat(DegreeStatistics.of(g).density()).isEqualTo(1.0);
        assertThat(ArticulationPoints.of(g)).isEmpty();
    }

    @Test
    void barbellSplitsAtTheBridge() {
        UndirectedGraph g = TestGraphs.barbell(5);
        assertThat(ArticulationPoints.of(g)).containsExactly(4, 5);
        double[] bc = new Betweenness(g, Betweenness.Options.exact()).scores().values();
        // Every pair (x in the other four of clique A, y in clique B) passes through node 4: 4 * 5.
        assertThat(bc[4]).isCloseTo(20, within(1e-12));
        assertThat(bc[5]).isCloseTo(20, within(1e-12));
        Partition p = new Leiden(g, Leiden.Options.leiden()).partition();
        assertThat(p.count()).isEqualTo(2);
        assertThat(p.community(0)).isNotEqualTo(p.community(9));
        // m = 21; each side holds 10 edges and degree 21: Q = 2 (10/21 - 1/4).
        assertThat(p.modularity()).isCloseTo(2 * (10.0 / 21 - 0.25), within(1e-12));
        Partition lpa = new LabelPropagation(g, 7).partition();
        assertThat(lpa.count()).isEqualTo(2);
    }

    @Test
    void modularityOfTrivialPartitions() {
        UndirectedGraph g = TestGraphs.barbell(4);
        assertThat(Modularity.of(g, new int[8], 1.0)).isCloseTo(0.0, within(1e-12));
        int[] singletons = {0, 1, 2, 3, 4, 5, 6, 7};
        // Singletons: Q = -sum (d_v / 2m)^2, degrees 3,3,3,4,4,3,3,3 and 2m = 26.
        double expected = -(6 * 9 + 2 * 16) / (26.0 * 26.0);
        assertThat(Modularity.of(g, singletons, 1.0)).isCloseTo(expected, within(1e-12));
        // Resolution scales only the null-model term.
        assertThat(Modularity.of(g, new int[8], 0.5)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void plantedPartitionIsRecovered() {
        UndirectedGraph g = TestGraphs.plantedPartition(60, 0.25, 0.01, 11);
        Partition p = new Leiden(g, Leiden.Options.leiden().withStarts(3)).partition();
        int agree = 0;
        for (int v = 0; v < 120; v++) {
            boolean sameAsFirstOfGroup = p.community(v) == p.community(v < 60 ? 0 : 60);
            if (sameAsFirstOfGroup) {
                agree++;
            }
        }
        assertThat(p.community(0)).isNotEqualTo(p.community(60));
        assertThat(agree).isGreaterThanOrEqualTo(114);
    }

    @Test
    void directedReadings() {
        GraphSnapshot.Builder b = GraphSnapshot.builder();
        b.addEdge("a", "r", "b").addEdge("b", "r", "c").addEdge("c", "r", "a").addEdge("c", "s", "d")
                .addEdge("d", "r", "e").addEdge("c", "s", "a").addEdge("e", "r", "e");
        GraphSnapshot s = b.build();
        assertThat(Components.strong(s).count()).isEqualTo(3);
        assertThat(Components.strong(s).sizes()).containsExactly(3, 1, 1);
        UndirectedGraph g = UndirectedGraph.of(s);
        assertThat(g.edgeCount()).isEqualTo(5);
        assertThat(g.droppedSelfLoops()).isEqualTo(1);
        assertThat(g.collapsedParallelEdges()).isEqualTo(1); // c->a twice (relations r and s)
        assertThat(Components.weak(g).count()).isEqualTo(1);

        // Two nodes, x -> y; y dangles: x = (1-d)/2 + d y/2, x + y = 1 -> x = 0.5 / (1 + d/2).
        GraphSnapshot two = GraphSnapshot.builder().addEdge("x", "r", "y").build();
        double[] pr = new PageRank(UndirectedGraph.of(two), PageRank.Options.defaults().withDirected(true))
                .scores().values();
        double d = 0.85;
        assertThat(pr[0]).isCloseTo(0.5 / (1 + d / 2), within(1e-9));
        assertThat(pr[1]).isCloseTo(1 - 0.5 / (1 + d / 2), within(1e-9));
    }

    @Test
    void sampledBetweennessIsUnbiasedAndSeeded() {
        UndirectedGraph g = TestGraphs.karate();
        double exact = new Betweenness(g, Betweenness.Options.exact()).scores().score(0);
        Betweenness once = new Betweenness(g, Betweenness.Options.sampled(10, 3));
        Betweenness again = new Betweenness(g, Betweenness.Options.sampled(10, 3).withThreads(1));
        assertThat(once.scores().values()).containsExactly(again.scores().values(), within(1e-9));
        assertThat(once.exact()).isFalse();
        // The mean of 400 independent estimates is within 4 standard errors of the mean of the exact value.
        int runs = 400;
        double sum = 0;
        double sumSq = 0;
        for (int seed = 0; seed < runs; seed++) {
            double est = new Betweenness(g, Betweenness.Options.sampled(10, seed).withThreads(1)).scores().score(0);
            sum += est;
            sumSq += est * est;
        }
        double mean = sum / runs;
        double sd = Math.sqrt((sumSq - runs * mean * mean) / (runs - 1));
        assertThat(mean).isCloseTo(exact, within(4 * sd / Math.sqrt(runs)));
        // The stated standard error is of the same size as the spread actually seen (within a factor of 2).
        double stated = once.standardErrors()[0];
        assertThat(stated).isBetween(sd / 2, sd * 2);
        // All pivots: exact.
        assertThat(new Betweenness(g, Betweenness.Options.sampled(34, 1)).scores().score(0))
                .isCloseTo(exact, within(1e-9));
    }

    @Test
    void sampledPathsBoundTheDiameterAndAreSeeded() {
        UndirectedGraph g = TestGraphs.path(40);
        PathLengths.Result s1 = PathLengths.compute(g, 5, 9, 2);
        PathLengths.Result s2 = PathLengths.compute(g, 5, 9, 1);
        assertThat(s1).isEqualTo(s2);
        assertThat(s1.exact()).isFalse();
        // The double sweep reaches an end of the path, whose eccentricity is the diameter.
        assertThat(s1.diameter()).isEqualTo(39);
        assertThat(PathLengths.compute(g, 40, 9, 2).exact()).isTrue();
        // The family interface: same result, computed once and cached.
        PathAnalysis analysis = new PathLengths(g, PathLengths.Options.sampled(5, 9).withThreads(2));
        assertThat(analysis.lengths()).isEqualTo(s1).isSameAs(analysis.lengths());
        assertThatThrownBy(() -> new PathLengths.Options(-1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void determinismOfCommunities() {
        UndirectedGraph g = TestGraphs.plantedPartition(80, 0.1, 0.02, 5);
        assertThat(new Leiden(g, Leiden.Options.leiden().withSeed(4)).partition().membership())
                .containsExactly(new Leiden(g, Leiden.Options.leiden().withSeed(4)).partition().membership());
        assertThat(new LabelPropagation(g, 4).partition().membership())
                .containsExactly(new LabelPropagation(g, 4).partition().membership());
    }

    @Test
    void badOptionsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new PageRank.Options(1.0, 1e-9, 10, false))
                .hasMessageContaining("damping must be in [0, 1)");
        assertThatThrownBy(() -> new Leiden.Options(Leiden.Algorithm.LOUVAIN, 1, -1, 1, 0))
                .hasMessageContaining("iterations");
        assertThatThrownBy(() -> Metric.parse("pagerank,sizzle")).hasMessageContaining("unknown metric 'sizzle'");
        assertThatThrownBy(() -> UndirectedGraph.fromEdges(2, new int[][] {{0, 2}}))
                .hasMessageContaining("outside 0..1");
    }
}
