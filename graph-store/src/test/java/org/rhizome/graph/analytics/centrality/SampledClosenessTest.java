package org.rhizome.graph.analytics.centrality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rhizome.graph.analytics.UndirectedGraph;

/**
 * Sampled closeness and harmonic centrality against the exact values of the same class (itself checked against
 * NetworkX on the karate club and by hand on paths): unbiasedness of the harmonic estimator over many seeds, the
 * stated standard errors against the observed spread, exactness on components small enough to be covered, and seeding.
 */
class SampledClosenessTest {

    /** A random graph of 200 nodes (one big component plus stragglers), a separate pair and an isolated node. */
    private static UndirectedGraph graph() {
        SplittableRandom r = new SplittableRandom(11);
        List<int[]> e = new ArrayList<>();
        for (int v = 1; v < 200; v++) {
            // Attach to a random earlier node (a tree), plus a few random chords.
            e.add(new int[] {v, r.nextInt(v)});
        }
        for (int i = 0; i < 150; i++) {
            int a = r.nextInt(200);
            int b = r.nextInt(200);
            if (a != b) {
                e.add(new int[] {a, b});
            }
        }
        e.add(new int[] {200, 201}); // the pair; node 202 is isolated
        return UndirectedGraph.fromEdges(203, e.toArray(new int[0][]));
    }

    @Test
    void harmonicEstimateIsUnbiasedAndItsStatedErrorMatchesTheSpread() {
        UndirectedGraph g = graph();
        int n = g.nodeCount();
        Closeness exact = new Closeness(g, 1);
        double[] h = exact.harmonic().values();
        double[] c = exact.closeness().values();
        int runs = 400;
        double[] sum = new double[n];
        double[] sumSq = new double[n];
        double[] statedSe = new double[n];
        double[] closenessSum = new double[n];
        double[] closenessStatedSe = new double[n];
        double[] closenessSumSq = new double[n];
        for (int seed = 0; seed < runs; seed++) {
            Closeness s = new Closeness(g, new Closeness.Options(20, seed, 1));
            assertThat(s.exact()).isFalse();
            double[] est = s.harmonic().values();
            double[] se = s.harmonicStandardErrors();
            double[] ce = s.closeness().values();
            double[] cse = s.closenessStandardErrors();
            for (int v = 0; v < n; v++) {
                sum[v] += est[v];
                sumSq[v] += est[v] * est[v];
                statedSe[v] += se[v] / runs;
                closenessSum[v] += ce[v];
                closenessSumSq[v] += ce[v] * ce[v];
                closenessStatedSe[v] += cse[v] / runs;
            }
        }
        double maxZ = 0;
        double[] seRatio = new double[200];
        double[] cseRatio = new double[200];
        double maxClosenessBias = 0;
        for (int v = 0; v < 200; v++) {
            double mean = sum[v] / runs;
            double sd = Math.sqrt(Math.max(0, sumSq[v] / runs - mean * mean));
            maxZ = Math.max(maxZ, Math.abs(mean - h[v]) / (sd / Math.sqrt(runs)));
            seRatio[v] = statedSe[v] / sd;
            double cMean = closenessSum[v] / runs;
            double cSd = Math.sqrt(Math.max(0, closenessSumSq[v] / runs - cMean * cMean));
            cseRatio[v] = closenessStatedSe[v] / cSd;
            maxClosenessBias = Math.max(maxClosenessBias, Math.abs(cMean - c[v]) / c[v]);
        }
        // Unbiased: the mean of 400 estimates is within 4.5 standard errors of the mean for every one of 200 nodes.
        assertThat(maxZ).isLessThan(4.5);
        // The stated standard error is the spread one observes across seeds (median node within 15%).
        Arrays.sort(seRatio);
        assertThat(seRatio[100]).isBetween(0.85, 1.15);
        Arrays.sort(cseRatio);
        assertThat(cseRatio[100]).isBetween(0.8, 1.25);
        // Closeness is a ratio estimator: biased, but by little with 20 pivots here.
        assertThat(maxClosenessBias).isLessThan(0.03);
    }

    @Test
    void smallComponentsAreCoveredExactlyAndIsolatedNodesScoreZero() {
        UndirectedGraph g = graph();
        Closeness s = new Closeness(g, new Closeness.Options(20, 5, 2));
        Closeness exact = new Closeness(g, 1);
        // The pair {200, 201} gets both its nodes as pivots: exact, with zero error.
        for (int v : new int[] {200, 201, 202}) {
            assertThat(s.harmonic().score(v)).isEqualTo(exact.harmonic().score(v));
            assertThat(s.closeness().score(v)).isCloseTo(exact.closeness().score(v), within(1e-15));
            assertThat(s.harmonicStandardErrors()[v]).isZero();
            assertThat(s.closenessStandardErrors()[v]).isZero();
        }
        assertThat(s.harmonic().score(200)).isEqualTo(1.0);
        assertThat(s.closeness().score(202)).isZero();
        // 20 pivots of 203 nodes: the big component's share ceil(20 * 200 / 203) = 20, plus the pair's 2.
        assertThat(s.pivotsUsed()).isEqualTo(22);
    }

    @Test
    void sampledIsSeededAndExactWhenPivotsCoverTheGraph() {
        UndirectedGraph g = graph();
        double[] a = new Closeness(g, new Closeness.Options(30, 9, 2)).harmonic().values();
        double[] b = new Closeness(g, new Closeness.Options(30, 9, 2)).harmonic().values();
        double[] other = new Closeness(g, new Closeness.Options(30, 10, 2)).harmonic().values();
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(other);
        // Thread counts change only the order of the per-node sums.
        assertThat(new Closeness(g, new Closeness.Options(30, 9, 1)).harmonic().values())
                .containsExactly(a, within(1e-9));
        Closeness all = new Closeness(g, new Closeness.Options(g.nodeCount(), 1, 2));
        assertThat(all.exact()).isTrue();
        assertThat(all.closeness().values()).containsExactly(new Closeness(g, 1).closeness().values());
    }
}
