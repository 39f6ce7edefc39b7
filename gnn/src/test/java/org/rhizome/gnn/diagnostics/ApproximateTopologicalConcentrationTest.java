package org.rhizome.gnn.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ApproximateTopologicalConcentrationTest {
    private static final double SIX = 1e-6;

    private static double[] identity(int n) {
        double[] r = new double[n * n];
        for (int i = 0; i < n; i++) {
            r[i * n + i] = 1;
        }
        return r;
    }

    private static ApproximateTopologicalConcentration exact(LinkSplits s, int hops) {
        return ApproximateTopologicalConcentration.builder(s).hops(hops).projection(identity(s.nodeCount()),
                s.nodeCount()).build();
    }

    private static void assertValues(NodeValues v, Double... expected) {
        assertThat(v.size()).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] == null) {
                assertThat(v.value(i)).as("node %d", i).isEmpty();
            } else {
                assertThat(v.value(i)).as("node %d", i).isPresent();
                assertThat(v.value(i).getAsDouble()).as("node %d", i).isCloseTo(expected[i], within(SIX));
            }
        }
    }

    /**
     * With R = I and K = 1, row i of Z is uniform on the closed neighbourhood C_i = N_i + {i}, so
     * f(i, j) = |C_i & C_j| / sqrt(|C_i| |C_j|): for the test pair 0-3, C_0 = {0,1,2}, C_3 = {1,2,3,4}: 2 / sqrt(12).
     */
    @Test
    void specExampleWithTheIdentityProjection() {
        ApproximateTopologicalConcentration atc = exact(Graphs.specExample(), 1);
        assertThat(atc.similarity(0, 3)).isCloseTo(1 / Math.sqrt(3), within(1e-12));
        assertValues(atc.values(Split.TEST), 1 / Math.sqrt(3), null, null, 1 / Math.sqrt(3), null, null);
        // ATC^Tr needs one training neighbour only: node 5 is defined, 2 / sqrt(2 * 3)
        assertValues(atc.values(Split.TRAIN), 0.866025, 0.872008, 0.872008, 0.692450, 0.696923, 0.816497);
        assertThat(atc.values(Split.TRAIN).value(5).getAsDouble()).isCloseTo(2 / Math.sqrt(6), within(1e-12));
    }

    @Test
    void specExampleTwoStepsWithTheIdentityProjection() {
        ApproximateTopologicalConcentration atc = exact(Graphs.specExample(), 2);
        assertValues(atc.values(Split.TEST), 0.713502, null, null, 0.713502, null, null);
        assertValues(atc.values(Split.TRAIN), 0.948568, 0.936667, 0.936667, 0.803840, 0.802990, 0.917327);
    }

    /**
     * Closed neighbourhoods: 0:{0,1,3,4} 1:{0,1,2,3} 2:{1,2,3} 3:{0,1,2,3} 4:{0,4} 5:{5}. Test pairs: 0-2 share
     * {1,3}, 2 / sqrt(4 * 3); 1-4 share {0}, 1 / sqrt(4 * 2); 3-5 share nothing, 0. Node 5, isolated in training,
     * has an ATC (0) where its TC is undefined.
     */
    @Test
    void secondExampleWithTheIdentityProjection() {
        ApproximateTopologicalConcentration atc = exact(Graphs.secondExample(), 1);
        double a = 2 / Math.sqrt(12);
        double b = 1 / Math.sqrt(8);
        assertValues(atc.values(Split.TEST), a, b, a, 0.0, b, 0.0);
        // train: 4-0 share {0,4}: 2 / sqrt(2 * 4); 2-1 and 2-3 share {1,2,3}: 3 / sqrt(3 * 4)
        NodeValues tr = atc.values(Split.TRAIN);
        assertThat(tr.value(4).getAsDouble()).isCloseTo(2 / Math.sqrt(8), within(1e-12));
        assertThat(tr.value(2).getAsDouble()).isCloseTo(3 / Math.sqrt(12), within(1e-12));
        assertThat(tr.value(5)).isEmpty();
    }

    @Test
    void aLargeGaussianProjectionApproachesTheIdentityValues() {
        for (LinkSplits s : new LinkSplits[] {Graphs.specExample(), Graphs.secondExample()}) {
            for (int hops = 1; hops <= 2; hops++) {
                ApproximateTopologicalConcentration exact = exact(s, hops);
                ApproximateTopologicalConcentration gaussian = ApproximateTopologicalConcentration.builder(s)
                        .hops(hops).dimension(4096).random(new SplittableRandom(1028)).build();
                assertThat(gaussian.dimension()).isEqualTo(4096);
                for (Split split : new Split[] {Split.TEST, Split.TRAIN}) {
                    double[] e = exact.values(split).toArray();
                    double[] g = gaussian.values(split).toArray();
                    for (int i = 0; i < e.length; i++) {
                        if (Double.isNaN(e[i])) {
                            assertThat(g[i]).isNaN();
                        } else {
                            assertThat(g[i]).as("K=%d %s node %d", hops, split, i).isCloseTo(e[i], within(0.05));
                        }
                    }
                }
            }
        }
    }

    @Test
    void aSeededProjectionIsReproducibleAndThreadCountFree() {
        SplittableRandom graphs = new SplittableRandom(3);
        int n = 400;
        LinkSplits s = new LinkSplits(TopologicalConcentrationTest.randomGraph(graphs, n, 0.02),
                UndirectedGraph.empty(n), TopologicalConcentrationTest.randomGraph(graphs, n, 0.005));
        double[] one = ApproximateTopologicalConcentration.builder(s).hops(3).random(new SplittableRandom(5))
                .build().values(Split.TEST).toArray();
        double[] two = ApproximateTopologicalConcentration.builder(s).hops(3).threads(2)
                .random(new SplittableRandom(5)).build().values(Split.TEST).toArray();
        double[] other = ApproximateTopologicalConcentration.builder(s).hops(3).random(new SplittableRandom(6))
                .build().values(Split.TEST).toArray();
        assertThat(two).isEqualTo(one);
        assertThat(other).isNotEqualTo(one);
    }

    @Test
    void theRepresentationIsTheMeanOfThePropagatedProjections() {
        // path 0-1-2, R = I: P = [[1/2,1/2,0],[1/3,1/3,1/3],[0,1/2,1/2]]; Z = (P + P^2) / 2
        LinkSplits s = new LinkSplits(Graphs.graph(3, new int[] {0, 1}, new int[] {1, 2}), UndirectedGraph.empty(3),
                UndirectedGraph.empty(3));
        double[] z0 = exact(s, 2).representation(0);
        // P^2 row 0 = 1/2 [1/2,1/2,0] + 1/2 [1/3,1/3,1/3] = [5/12, 5/12, 1/6]
        assertThat(z0).containsExactly(new double[] {(0.5 + 5.0 / 12) / 2, (0.5 + 5.0 / 12) / 2, (1.0 / 6) / 2},
                within(1e-12));
    }

    @Test
    void rejectsAMissingOrMisshapenProjection() {
        LinkSplits s = Graphs.specExample();
        assertThatThrownBy(() -> ApproximateTopologicalConcentration.builder(s).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("random(generator)");
        assertThatThrownBy(() -> ApproximateTopologicalConcentration.builder(s).projection(new double[10], 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[6, 2]")
                .hasMessageContaining("got 10");
        assertThatThrownBy(() -> ApproximateTopologicalConcentration.builder(s).hops(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
        assertThatThrownBy(() -> ApproximateTopologicalConcentration.builder(s).dimension(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension");
    }
}
