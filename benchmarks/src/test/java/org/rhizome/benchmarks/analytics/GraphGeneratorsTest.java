package org.rhizome.benchmarks.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.rhizome.graph.analytics.powerlaw.PowerLawFit;
import org.rhizome.graph.analytics.powerlaw.PowerLawResult;

/**
 * The benchmark's graph generators against what their models predict: edge counts, simplicity, the Barabási–Albert
 * degree exponent (3 in the limit; Barabási &amp; Albert 1999), the stochastic block model's expected edge counts inside
 * and across blocks (binomial, within four standard deviations), and seeding.
 */
class GraphGeneratorsTest {

    /** Collects edges and checks simplicity on the way. */
    private static final class Edges implements EdgeListFile.EdgeSink {
        final List<int[]> list = new ArrayList<>();
        final Set<Long> seen = new HashSet<>();
        int maxNode = -1;

        @Override
        public void edge(int u, int v) {
            assertThat(u).as("self-loop").isNotEqualTo(v);
            long key = (long) Math.min(u, v) << 32 | Math.max(u, v);
            assertThat(seen.add(key)).as("parallel edge %d-%d", u, v).isTrue();
            list.add(new int[] {u, v});
            maxNode = Math.max(maxNode, Math.max(u, v));
        }
    }

    @Test
    void barabasiAlbertHasTheModelsEdgeCountMinimumDegreeAndExponent() {
        int n = 20_000;
        int attach = 5;
        Edges e = new Edges();
        long written = GraphGenerators.barabasiAlbert(n, attach, 1, e);
        assertThat(written).isEqualTo((long) attach * (n - attach)).isEqualTo(e.list.size());
        assertThat(e.maxNode).isEqualTo(n - 1);
        int[] degree = new int[n];
        for (int[] x : e.list) {
            degree[x[0]]++;
            degree[x[1]]++;
        }
        for (int v = 1; v < n; v++) {
            assertThat(degree[v]).isGreaterThanOrEqualTo(attach);
        }
        // The degree tail follows k^-3 in the limit; a 20,000-node sample's discrete MLE lands near it.
        PowerLawResult fit = PowerLawFit.fit(degree, PowerLawFit.Options.defaults().withBootstrapCount(0));
        assertThat(fit.alpha()).isBetween(2.7, 3.3);
    }

    @Test
    void stochasticBlockModelMatchesItsExpectedEdgeCounts() {
        int blocks = 5;
        int size = 400;
        double pIn = 0.02;
        double pOut = 0.001;
        int[] sizes = new int[blocks];
        java.util.Arrays.fill(sizes, size);
        Edges e = new Edges();
        long written = GraphGenerators.stochasticBlockModel(sizes, pIn, pOut, 7, e);
        assertThat(written).isEqualTo(e.list.size());
        long inside = 0;
        for (int[] x : e.list) {
            assertThat(x[0]).isBetween(0, blocks * size - 1);
            assertThat(x[1]).isBetween(0, blocks * size - 1);
            if (x[0] / size == x[1] / size) {
                inside++;
            }
        }
        long across = written - inside;
        double pairsIn = blocks * (size * (size - 1) / 2.0);
        double pairsOut = (blocks * (blocks - 1) / 2.0) * size * (double) size;
        assertThat((double) inside).isCloseTo(pairsIn * pIn,
                org.assertj.core.api.Assertions.within(4 * Math.sqrt(pairsIn * pIn * (1 - pIn))));
        assertThat((double) across).isCloseTo(pairsOut * pOut,
                org.assertj.core.api.Assertions.within(4 * Math.sqrt(pairsOut * pOut * (1 - pOut))));
    }

    @Test
    void extremeProbabilitiesGiveEmptyAndCompleteBlocks() {
        Edges full = new Edges();
        assertThat(GraphGenerators.stochasticBlockModel(new int[] {6, 4}, 1.0, 0.0, 3, full))
                .isEqualTo(15 + 6);
        Edges none = new Edges();
        assertThat(GraphGenerators.stochasticBlockModel(new int[] {6, 4}, 0.0, 0.0, 3, none)).isZero();
        Edges bipartite = new Edges();
        assertThat(GraphGenerators.stochasticBlockModel(new int[] {3, 4}, 0.0, 1.0, 3, bipartite)).isEqualTo(12);
        assertThatThrownBy(() -> GraphGenerators.stochasticBlockModel(new int[] {3}, 1.5, 0, 1, new Edges()))
                .hasMessageContaining("pIn must be in [0, 1]");
        assertThatThrownBy(() -> GraphGenerators.barabasiAlbert(3, 3, 1, new Edges()))
                .hasMessageContaining("nodes must be > attach");
    }

    @Test
    void generatorsAreSeeded() {
        Edges a = new Edges();
        Edges b = new Edges();
        Edges c = new Edges();
        GraphGenerators.barabasiAlbert(500, 3, 42, a);
        GraphGenerators.barabasiAlbert(500, 3, 42, b);
        GraphGenerators.barabasiAlbert(500, 3, 43, c);
        assertThat(a.seen).isEqualTo(b.seen).isNotEqualTo(c.seen);
        Edges s1 = new Edges();
        Edges s2 = new Edges();
        GraphGenerators.stochasticBlockModel(new int[] {50, 50}, 0.1, 0.01, 5, s1);
        GraphGenerators.stochasticBlockModel(new int[] {50, 50}, 0.1, 0.01, 5, s2);
        assertThat(s1.seen).isEqualTo(s2.seen);
    }
}
