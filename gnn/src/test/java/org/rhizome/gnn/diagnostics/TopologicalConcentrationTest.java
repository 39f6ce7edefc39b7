package org.rhizome.gnn.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class TopologicalConcentrationTest {
    private static final double EPS = 1e-12;
    /** The specification lists six decimals. */
    private static final double SIX = 1e-6;

    private static void assertValues(NodeValues v, Double... expected) {
        assertThat(v.size()).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] == null) {
                assertThat(v.value(i)).as("node %d", i).isEmpty();
                assertThat(v.valueOrZero(i)).as("node %d (reference convention)", i).isZero();
            } else {
                assertThat(v.value(i)).as("node %d", i).isPresent();
                assertThat(v.value(i).getAsDouble()).as("node %d", i).isCloseTo(expected[i], within(SIX));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // The specification's worked example

    @Test
    void betaIsOneOverTheMeanTrainingDegree() {
        assertThat(new TopologicalConcentration(Graphs.specExample(), 1, 1).beta()).isCloseTo(3.0 / 7, within(EPS));
        // node 5 has no training edge but counts in the mean: 6 nodes / 12 degrees
        assertThat(new TopologicalConcentration(Graphs.secondExample(), 1, 1).beta()).isCloseTo(0.5, within(EPS));
    }

    @Test
    void specExampleOneHop() {
        TopologicalConcentration tc = new TopologicalConcentration(Graphs.specExample(), 1, 1);
        // TC^Te_0 = |{1,2} & {1,2,4}| / |N_0| = 2/2; TC^Te_3 = |{1,2,4} & {1,2}| / 3 = 2/3; others have no test edge
        NodeValues te = tc.values(Split.TEST);
        assertThat(te.value(0).getAsDouble()).isCloseTo(1.0, within(EPS));
        assertThat(te.value(3).getAsDouble()).isCloseTo(2.0 / 3, within(EPS));
        assertValues(te, 1.0, null, null, 2.0 / 3, null, null);
        assertThat(te.definedCount()).isEqualTo(2);
        // TC^Tr_1 = (1/2 + 2/2 + 1/2) / 3 with the -1: |N_1| - 1 = 2 possible meetings per neighbour
        NodeValues tr = tc.values(Split.TRAIN);
        assertThat(tr.value(1).getAsDouble()).isCloseTo(2.0 / 3, within(EPS));
        assertThat(tr.value(3).getAsDouble()).isCloseTo(1.0 / 3, within(EPS));
        // node 4: both neighbours score 0, defined; node 5: degree 1, undefined
        assertValues(tr, 1.0, 2.0 / 3, 2.0 / 3, 1.0 / 3, 0.0, null);
        assertThat(tr.toArrayOrZero()).containsExactly(new double[] {1, 2.0 / 3, 2.0 / 3, 1.0 / 3, 0, 0},
                within(EPS));
        // no validation edges: nothing defined
        assertThat(tc.values(Split.VALID).definedCount()).isZero();
    }

    @Test
    void thePairScoreIsNormalisedByTheCentreOnly() {
        TopologicalConcentration tc = new TopologicalConcentration(Graphs.specExample(), 1, 1);
        assertThat(tc.interaction(0, 3, Split.TEST).getAsDouble()).isCloseTo(1.0, within(EPS));
        assertThat(tc.interaction(3, 0, Split.TEST).getAsDouble()).isCloseTo(2.0 / 3, within(EPS));
        // the same pair as training neighbours loses one possible meeting: |{0,2,3} & {1,2}| / (3 - 1)
        assertThat(tc.interaction(1, 0, Split.TRAIN).getAsDouble()).isCloseTo(0.5, within(EPS));
        assertThat(tc.interaction(1, 0, Split.TEST).getAsDouble()).isCloseTo(1.0 / 3, within(EPS));
        // node 5 has one training neighbour: 1 - 1 = 0 possible meetings
        assertThat(tc.interaction(5, 4, Split.TRAIN)).isEmpty();
    }

    @Test
    void specExampleTwoHops() {
        TopologicalConcentration tc = new TopologicalConcentration(Graphs.specExample(), 2, 1);
        NodeValues te = tc.values(Split.TEST);
        // (2 + 4 beta + 6 beta^2) / (2 + 8 beta + 6 beta^2) with beta = 3/7: 236/320
        assertThat(te.value(0).getAsDouble()).isCloseTo(236.0 / 320, within(EPS));
        // (2 + 4 beta + 7 beta^2) / (3 + 11 beta + 8 beta^2) = 245/450 = 49/90
        assertThat(te.value(3).getAsDouble()).isCloseTo(49.0 / 90, within(EPS));
        assertValues(te, 0.7375, null, null, 0.544444, null, null);
        assertValues(tc.values(Split.TRAIN), 0.922509, 0.763924, 0.763924, 0.637573, 0.540284, null);
    }

    @Test
    void specExampleThreeHops() {
        NodeValues te = new TopologicalConcentration(Graphs.specExample(), 3, 1).values(Split.TEST);
        assertValues(te, 0.784741, null, null, 0.628743, null, null);
    }

    // ---------------------------------------------------------------------------------------------------------
    // A second example, by hand

    @Test
    void secondExampleOneHop() {
        TopologicalConcentration tc = new TopologicalConcentration(Graphs.secondExample(), 1, 1);
        // 0: |{1,3,4} & {1,3}|/3; 1: |{0,2,3} & {0}|/3; 2: |{1,3} & {1,3,4}|/2; 3: its neighbour 5 has no training
        // edge, so it scores 0 and still counts; 4: |{0} & {0,2,3}|/1; 5: no training edge, undefined
        assertValues(tc.values(Split.TEST), 2.0 / 3, 1.0 / 3, 1.0, 0.0, 1.0, null);
        // 0: j=1 {3}/2, j=3 {1}/2, j=4 {}/2; 1: j=0 {3}/2, j=2 {3}/2, j=3 {0,2}/2; 2: j=1 {3}/1, j=3 {1}/1;
        // 3: j=0 {1}/2, j=1 {0,2}/2, j=2 {1}/2; 4: one training neighbour; 5: none
        assertValues(tc.values(Split.TRAIN), 1.0 / 3, 2.0 / 3, 1.0, 2.0 / 3, null, null);
    }

    /**
     * Walk counts of node 0: hop 1 {1:1, 3:1, 4:1} (W = 3), hop 2 {0:3, 1:1, 2:2, 3:1} (W = 7). Hop sets of node 2:
     * {1, 3} and {0, 1, 2, 3}. With beta = 1/2: numerator 2 + 2 beta + 2 beta + 7 beta^2 = 5.75, denominator
     * 3 (1 + beta) + 7 (beta + beta^2) = 9.75, TC^Te_0 = 23/39. Likewise TC^Te_2 = 5.5 / 7.5, TC^Te_4 = 2.75 / 3.75
     * and TC^Te_1 = 3.5 / 10.5. TC^Tr_2: both neighbours give (1 + 3.5 + 1.5) / (1 + 4 + 1.5) = 12/13.
     */
    @Test
    void secondExampleTwoHops() {
        TopologicalConcentration tc = new TopologicalConcentration(Graphs.secondExample(), 2, 1);
        assertValues(tc.values(Split.TEST), 23.0 / 39, 1.0 / 3, 11.0 / 15, 0.0, 11.0 / 15, null);
        assertThat(tc.values(Split.TRAIN).value(2).getAsDouble()).isCloseTo(12.0 / 13, within(EPS));
        assertThat(tc.values(Split.TEST).value(0).getAsDouble()).isCloseTo(23.0 / 39, within(EPS));
    }

    @Test
    void selfLoopsAndRepeatedEdgesAreDroppedOnLoad() {
        LinkSplits clean = Graphs.secondExample();
        // the same edges, some reversed and repeated, plus self-loops
        UndirectedGraph noisy = Graphs.graph(6, new int[] {0, 1}, new int[] {1, 0}, new int[] {1, 2},
                new int[] {2, 2}, new int[] {2, 3}, new int[] {3, 0}, new int[] {0, 3}, new int[] {1, 3},
                new int[] {0, 4}, new int[] {5, 5});
        assertThat(noisy.edgeCount()).isEqualTo(6);
        assertThat(noisy.droppedSelfLoops()).isEqualTo(2);
        assertThat(noisy.droppedDuplicates()).isEqualTo(2);
        LinkSplits withNoise = new LinkSplits(noisy, clean.valid(),
                Graphs.graph(6, new int[] {2, 0}, new int[] {1, 4}, new int[] {3, 5}, new int[] {4, 4}));
        for (int k = 1; k <= 3; k++) {
            TopologicalConcentration a = new TopologicalConcentration(clean, k, 1);
            TopologicalConcentration b = new TopologicalConcentration(withNoise, k, 1);
            assertThat(b.beta()).isEqualTo(a.beta());
            assertThat(b.values(Split.TEST)).isEqualTo(a.values(Split.TEST));
            assertThat(b.values(Split.TRAIN)).isEqualTo(a.values(Split.TRAIN));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Undefined cases

    @Test
    void withoutTrainingEdgesNothingIsDefined() {
        LinkSplits s = new LinkSplits(UndirectedGraph.empty(3), UndirectedGraph.empty(3),
                Graphs.graph(3, new int[] {0, 1}, new int[] {1, 2}));
        TopologicalConcentration tc = new TopologicalConcentration(s, 2, 1);
        assertThat(tc.beta()).isNaN();
        assertThat(tc.values(Split.TEST).definedCount()).isZero();
        assertThat(tc.values(Split.TRAIN).definedCount()).isZero();
        assertThat(tc.values(Split.TEST).toArray()).containsOnly(Double.NaN);
        assertThat(tc.values(Split.TEST).toArrayOrZero()).containsOnly(0.0);
    }

    @Test
    void emptyGraphHasNoValues() {
        LinkSplits s = new LinkSplits(UndirectedGraph.empty(0), UndirectedGraph.empty(0), UndirectedGraph.empty(0));
        assertThat(new TopologicalConcentration(s, 1, 2).values(Split.TEST).size()).isZero();
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> new TopologicalConcentration(Graphs.specExample(), 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hops (K) must be at least 1, got 0");
        assertThatThrownBy(() -> new TopologicalConcentration(Graphs.specExample(), 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads must be at least 1");
        assertThatThrownBy(() -> Graphs.graph(3, new int[] {0, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("edge 0 (0, 3)")
                .hasMessageContaining("[0, 3)");
        assertThatThrownBy(() -> new LinkSplits(UndirectedGraph.empty(3), UndirectedGraph.empty(3),
                UndirectedGraph.empty(4))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4 (test)");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Random graphs: a dense restatement of the definition, and thread counts

    @Test
    void matchesADenseMatrixStatementOfTheDefinitionOnRandomGraphs() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 12; round++) {
            int n = 5 + random.nextInt(30);
            // sparse to dense training graphs, so that both ways of finding a neighbour's last hop set are taken
            double density = new double[] {0.08, 0.2, 0.5}[round % 3];
            LinkSplits s = new LinkSplits(randomGraph(random, n, density), randomGraph(random, n, 0.05),
                    randomGraph(random, n, 0.08));
            for (int k = 1; k <= 3; k++) {
                TopologicalConcentration tc = new TopologicalConcentration(s, k, 1);
                for (Split split : Split.values()) {
                    double[] expected = denseTc(s, k, split);
                    double[] actual = tc.values(split).toArray();
                    for (int i = 0; i < n; i++) {
                        if (Double.isNaN(expected[i])) {
                            assertThat(actual[i]).as("round %d K=%d %s node %d", round, k, split, i).isNaN();
                        } else {
                            assertThat(actual[i]).as("round %d K=%d %s node %d", round, k, split, i)
                                    .isCloseTo(expected[i], within(1e-9)).isBetween(0.0, 1.0);
                        }
                    }
                }
            }
        }
    }

    @Test
    void theResultDoesNotDependOnTheThreadCount() {
        SplittableRandom random = new SplittableRandom(11);
        int n = 700; // several chunks of nodes per thread
        LinkSplits s = new LinkSplits(randomGraph(random, n, 0.01), UndirectedGraph.empty(n),
                randomGraph(random, n, 0.003));
        for (int k = 1; k <= 2; k++) {
            TopologicalConcentration one = new TopologicalConcentration(s, k, 1);
            TopologicalConcentration two = new TopologicalConcentration(s, k, 2);
            assertThat(two.values(Split.TEST).toArray()).isEqualTo(one.values(Split.TEST).toArray());
            assertThat(two.values(Split.TRAIN).toArray()).isEqualTo(one.values(Split.TRAIN).toArray());
            assertThat(one.values(Split.TEST).definedCount()).isGreaterThan(100);
        }
    }

    static UndirectedGraph randomGraph(SplittableRandom random, int n, double p) {
        int m = 0;
        int[] u = new int[n * n];
        int[] v = new int[n * n];
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                if (random.nextDouble() < p) {
                    u[m] = a;
                    v[m] = b;
                    m++;
                }
            }
        }
        return UndirectedGraph.of(n, java.util.Arrays.copyOf(u, m), java.util.Arrays.copyOf(v, m));
    }

    /** TC straight from the definition with dense powers of the adjacency matrix. */
    private static double[] denseTc(LinkSplits s, int hops, Split split) {
        int n = s.nodeCount();
        double[][] a = new double[n][n];
        int[] degree = new int[n];
        double degreeSum = 0;
        for (int i = 0; i < n; i++) {
            for (int j : s.train().neighbours(i)) {
                a[i][j] = 1;
            }
            degree[i] = s.train().degree(i);
            degreeSum += degree[i];
        }
        double beta = n / degreeSum;
        double[][][] power = new double[hops][][];
        power[0] = a;
        for (int k = 1; k < hops; k++) {
            power[k] = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int m = 0; m < n; m++) {
                    if (power[k - 1][i][m] != 0) {
                        for (int j = 0; j < n; j++) {
                            power[k][i][j] += power[k - 1][i][m] * a[m][j];
                        }
                    }
                }
            }
        }
        boolean train = split == Split.TRAIN;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int[] nb = s.graph(split).neighbours(i);
            if (train ? degree[i] < 2 : degree[i] < 1 || nb.length == 0) {
                out[i] = Double.NaN;
                continue;
            }
            double sum = 0;
            for (int j : nb) {
                double num = 0;
                double den = 0;
                for (int k1 = 0; k1 < hops; k1++) {
                    double walks = 0;
                    for (int v = 0; v < n; v++) {
                        walks += power[k1][i][v];
                    }
                    for (int k2 = 0; k2 < hops; k2++) {
                        double w = Math.pow(beta, k1 + k2);
                        for (int v = 0; v < n; v++) {
                            if (power[k2][j][v] > 0) {
                                num += w * power[k1][i][v];
                            }
                        }
                        den += w * (walks - (train && k1 == 0 && k2 == 0 ? 1 : 0));
                    }
                }
                sum += num / den;
            }
            out[i] = sum / nb.length;
        }
        return out;
    }
}
