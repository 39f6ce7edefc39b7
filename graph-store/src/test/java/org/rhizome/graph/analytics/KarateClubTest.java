package org.rhizome.graph.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.rhizome.graph.analytics.centrality.Betweenness;
import org.rhizome.graph.analytics.centrality.Closeness;
import org.rhizome.graph.analytics.centrality.EigenvectorCentrality;
import org.rhizome.graph.analytics.centrality.PageRank;
import org.rhizome.graph.analytics.community.Leiden;
import org.rhizome.graph.analytics.community.Modularity;
import org.rhizome.graph.analytics.community.Partition;
import org.rhizome.graph.analytics.paths.PathLengths;
import org.rhizome.graph.analytics.structure.ArticulationPoints;
import org.rhizome.graph.analytics.structure.Assortativity;
import org.rhizome.graph.analytics.structure.Clustering;
import org.rhizome.graph.analytics.structure.Components;
import org.rhizome.graph.analytics.structure.KCore;

/**
 * Zachary's karate club against published figures and a reference table computed once with NetworkX 2.8.8 on the
 * same edge list (the values are NetworkX's, pasted here; they are not produced by Rhizome).
 */
class KarateClubTest {
    private static final UndirectedGraph G = TestGraphs.karate();

    // NetworkX 2.8.8: betweenness_centrality(normalized=False). Published: 231.07 for member 1, 160.55 for 34.
    private static final double[] BETWEENNESS = {231.07142857142864, 28.478571428571428, 75.85079365079365,
        6.288095238095237, 0.3333333333333333, 15.833333333333334, 15.833333333333332, 0.0, 29.529365079365085,
        0.44761904761904764, 0.3333333333333333, 0.0, 0.0, 24.21587301587301, 0.0, 0.0, 0.0, 0.0, 0.0,
        17.1468253968254, 0.0, 0.0, 0.0, 9.299999999999999, 1.1666666666666665, 2.027777777777778, 0.0,
        11.792063492063493, 0.9476190476190476, 1.5428571428571427, 7.609523809523806, 73.00952380952381,
        76.69047619047622, 160.5515873015873};
    // NetworkX 2.8.8: pagerank(alpha=0.85, tol=1e-12).
    private static final double[] PAGERANK = {0.09699728539860193, 0.0528769240641038, 0.05707850948821541,
        0.03585985778886278, 0.021977952368612302, 0.029111154684392498, 0.029111154684392494, 0.024490497036845672,
        0.02976605607998976, 0.014309397128348795, 0.0219779523686123, 0.009564745492877783, 0.014644892013090223,
        0.029536456152821286, 0.014535993996537731, 0.014535993996537731, 0.016784005447659938,
        0.014558677210142406, 0.014535993996537731, 0.019604636326118023, 0.014535993996537731,
        0.014558677210142406, 0.014535993996537731, 0.03152251477286749, 0.02107603355718362, 0.021006197392307593,
        0.015044038081158208, 0.025639767480502295, 0.019573459462620537, 0.02628853769195019, 0.02459015524733862,
        0.03715808706641703, 0.07169322599817836, 0.10091918232295748};
    // NetworkX 2.8.8: closeness_centrality (connected graph, so Wasserman-Faust changes nothing).
    private static final double[] CLOSENESS = {0.5689655172413793, 0.4852941176470588, 0.559322033898305,
        0.4647887323943662, 0.3793103448275862, 0.38372093023255816, 0.38372093023255816, 0.44, 0.515625,
        0.4342105263157895, 0.3793103448275862, 0.36666666666666664, 0.3707865168539326, 0.515625,
        0.3707865168539326, 0.3707865168539326, 0.28448275862068967, 0.375, 0.3707865168539326, 0.5,
        0.3707865168539326, 0.375, 0.3707865168539326, 0.39285714285714285, 0.375, 0.375, 0.3626373626373626,
        0.4583333333333333, 0.4520547945205479, 0.38372093023255816, 0.4583333333333333, 0.5409836065573771,
        0.515625, 0.55};
    // NetworkX 2.8.8: eigenvector_centrality(tol=1e-12), unit L2 norm.
    private static final double[] EIGENVECTOR = {0.3554914445167459, 0.2659599195470549, 0.31719250448378006,
        0.21117972037277674, 0.07596881818036211, 0.07948304511415491, 0.0794830451141549, 0.17095974804057248,
        0.22740390712651232, 0.10267425072455874, 0.07596881818036211, 0.05285569749194998, 0.08425462871411499,
        0.2264727201397626, 0.10140326219234812, 0.10140326219234812, 0.02363562810340812, 0.09239953819303885,
        0.10140326219234812, 0.14791251029222902, 0.10140326219234812, 0.09239953819303885, 0.10140326219234812,
        0.15011857186554065, 0.057052440542306085, 0.0592064749183045, 0.07557941349061646, 0.13347715338232338,
        0.1310778229850986, 0.13496081926650402, 0.17475830231630746, 0.1910338414086105, 0.3086442197976084,
        0.37336347029897493};
    // NetworkX 2.8.8: core_number.
    private static final int[] CORES = {4, 4, 4, 4, 3, 3, 3, 4, 4, 2, 3, 1, 2, 4, 2, 2, 2, 2, 2, 3, 2, 2, 2, 3, 3, 3,
        2, 3, 3, 3, 4, 3, 4, 4};

    @Test
    void countsAndDegrees() {
        DegreeStatistics d = DegreeStatistics.of(G);
        assertThat(d.nodes()).isEqualTo(34);
        assertThat(d.simpleEdges()).isEqualTo(78);
        assertThat(d.maxDegree()).isEqualTo(17); // member 34
        assertThat(d.meanDegree()).isCloseTo(156.0 / 34, within(1e-12));
        assertThat(d.density()).isCloseTo(156.0 / (34 * 33), within(1e-12));
    }

    @Test
    void betweennessMatchesNetworkX() {
        double[] bc = new Betweenness(G, Betweenness.Options.exact()).scores().values();
        for (int v = 0; v < 34; v++) {
            assertThat(bc[v]).as("node %d", v).isCloseTo(BETWEENNESS[v], within(1e-9 * Math.max(1, BETWEENNESS[v])));
        }
    }

    @Test
    void betweennessIsTheSameOnOneAndTwoThreads() {
        double[] one = new Betweenness(G, Betweenness.Options.exact().withThreads(1)).scores().values();
        double[] two = new Betweenness(G, Betweenness.Options.exact().withThreads(2)).scores().values();
        for (int v = 0; v < 34; v++) {
            assertThat(two[v]).isCloseTo(one[v], within(1e-9));
        }
    }

    @Test
    void pageRankMatchesNetworkX() {
        PageRank pr = new PageRank(G);
        double[] s = pr.scores().values();
        for (int v = 0; v < 34; v++) {
            assertThat(s[v]).as("node %d", v).isCloseTo(PAGERANK[v], within(1e-9));
        }
        assertThat(Arrays.stream(s).sum()).isCloseTo(1.0, within(1e-12));
        assertThat(pr.scores().top(1).get(0).id()).isEqualTo(33); // member 34
    }

    @Test
    void closenessHarmonicAndEigenvectorMatchNetworkX() {
        Closeness c = new Closeness(G, 2);
        double[] cl = c.closeness().values();
        double[] ev = new EigenvectorCentrality(G).scores().values();
        for (int v = 0; v < 34; v++) {
            assertThat(cl[v]).as("closeness %d", v).isCloseTo(CLOSENESS[v], within(1e-12));
            assertThat(ev[v]).as("eigenvector %d", v).isCloseTo(EIGENVECTOR[v], within(1e-8));
        }
        // Harmonic centrality of member 1 by hand: 16 at distance 1, 9 at 2, 8 at 3 -> 16 + 4.5 + 8/3.
        assertThat(c.harmonic().score(0)).isCloseTo(16 + 4.5 + 8.0 / 3, within(1e-12));
    }

    @Test
    void clusteringAssortativityCoresArticulation() {
        Clustering c = Clustering.of(G);
        assertThat(c.totalTriangles()).isEqualTo(45);
        assertThat(c.average()).isCloseTo(0.5706384782076823, within(1e-12));
        assertThat(c.transitivity()).isCloseTo(0.2556818181818182, within(1e-12));
        assertThat(c.local()[0]).isCloseTo(0.15, within(1e-12));
        assertThat(Assortativity.degree(G)).isCloseTo(-0.47561309768461413, within(1e-12));
        assertThat(KCore.coreNumbers(G)).containsExactly(CORES);
        assertThat(ArticulationPoints.of(G)).containsExactly(0);
        assertThat(Components.weak(G).count()).isEqualTo(1);
    }

    @Test
    void pathLengths() {
        PathLengths.Result r = PathLengths.exact(G);
        assertThat(r.diameter()).isEqualTo(5);
        assertThat(r.mean()).isCloseTo(2.408199643493761, within(1e-12));
        assertThat(r.pairs()).isEqualTo(34 * 33);
        assertThat(r.histogram()[1]).isEqualTo(156);
    }

    @Test
    void knownBestPartitionHasModularity04198() {
        int[][] communities = {{1, 2, 3, 4, 8, 12, 13, 14, 18, 20, 22}, {5, 6, 7, 11, 17},
            {9, 10, 15, 16, 19, 21, 23, 27, 30, 31, 33, 34}, {24, 25, 26, 28, 29, 32}};
        int[] membership = new int[34];
        for (int c = 0; c < communities.length; c++) {
            for (int member : communities[c]) {
                membership[member - 1] = c;
            }
        }
        assertThat(Modularity.of(G, membership, 1.0)).isCloseTo(0.4197896120973044, within(1e-12));
    }

    @Test
    void leidenAndLouvainReachAtLeast041() {
        Partition leiden = new Leiden(G, Leiden.Options.leiden().withStarts(5)).partition();
        Partition louvain = new Leiden(G, Leiden.Options.louvain().withStarts(5)).partition();
        assertThat(leiden.modularity()).isGreaterThanOrEqualTo(0.41);
        assertThat(louvain.modularity()).isGreaterThanOrEqualTo(0.41);
        assertThat(leiden.modularity()).isCloseTo(Modularity.of(G, leiden.membership(), 1.0), within(1e-15));
        // No partition of the karate club beats the known optimum.
        assertThat(leiden.modularity()).isLessThanOrEqualTo(0.4197896120973044 + 1e-12);
    }
}
