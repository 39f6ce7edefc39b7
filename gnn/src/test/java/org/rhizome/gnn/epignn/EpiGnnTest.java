package org.rhizome.gnn.epignn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rhizome.gnn.reasoning.ReasoningExample;
import org.rhizome.gnn.tensor.Tensor;

/** EpiGNN's invariants and its gradients through a whole training step. */
class EpiGnnTest {

    private static EpiGnnConfig small(Aggregation agg, Objective obj, int layers) {
        return new EpiGnnConfig(2, 4, layers, agg, obj, 1f, 0.01f, 0f, 8, 1, 0, 3, 0f);
    }

    /** Two small graphs: a chain with a branch, and a diamond with a cycle back to the source. */
    private static List<ReasoningExample> graphs() {
        ReasoningExample chain = new ReasoningExample(4, new int[] {0, 1, 1, 3}, new int[] {1, 2, 3, 2},
                new int[] {0, 1, 2, 0}, 0, 2, 1, 2, 1, "chain");
        ReasoningExample diamond = new ReasoningExample(5, new int[] {0, 0, 1, 2, 3, 3}, new int[] {1, 2, 3, 3, 4, 0},
                new int[] {2, 1, 0, 1, 2, 0}, 0, 4, 2, 3, 2, "diamond");
        return List.of(chain, diamond);
    }

    private static float[] randomStates(Random r, int rows, int m, int n, int identityRow) {
        float[] d = new float[rows * m * n];
        for (int k = 0; k < rows; k++) {
            for (int f = 0; f < m; f++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    d[(k * m + f) * n + i] = r.nextFloat() + 0.01f;
                    sum += d[(k * m + f) * n + i];
                }
                for (int i = 0; i < n; i++) {
                    int at = (k * m + f) * n + i;
                    d[at] = k == identityRow ? (i == 0 ? 1f : 0f) : (float) (d[at] / sum);
                }
            }
        }
        return d;
    }

    @Test
    void composingWithTheIdentityReturnsTheOtherArgumentExactly() {
        EpiGnn model = new EpiGnn(EpiGnnConfig.clutrr(), 5);
        Random r = new Random(2);
        Tensor x = Tensor.of(randomStates(r, 6, 8, 8, -1), 6, 8, 8);
        Tensor identity = Tensor.of(randomStates(r, 6, 8, 8, 0), 6, 8, 8);
        float[] e0 = new float[6 * 64];
        for (int k = 0; k < 6 * 8; k++) {
            e0[k * 8] = 1f;
        }
        Tensor ones = Tensor.of(e0, 6, 8, 8);
        assertThat(model.compose(ones, x).data()).containsExactly(x.data());
        assertThat(model.compose(x, ones).data()).containsExactly(x.data());
        assertThat(identity.get(0, 3, 0)).isEqualTo(1f);
        // probability vectors in, probability vectors out
        Tensor y = Tensor.of(randomStates(r, 6, 8, 8, -1), 6, 8, 8);
        Tensor c = model.compose(x, y);
        for (int k = 0; k < 6 * 8; k++) {
            double s = 0;
            for (int i = 0; i < 8; i++) {
                assertThat(c.data()[k * 8 + i]).isGreaterThanOrEqualTo(0f);
                s += c.data()[k * 8 + i];
            }
            assertThat(s).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void compositionBlockSumsToOneOverTheOutput() {
        EpiGnn model = new EpiGnn(EpiGnnConfig.rcc8(), 8);
        Tensor b = model.compositionBlock();
        int m = 8;
        int n = 4;
        for (int f = 0; f < m; f++) {
            for (int i = 0; i < n - 1; i++) {
                for (int j = 0; j < n - 1; j++) {
                    double s = 0;
                    for (int p = 0; p < n; p++) {
                        s += b.get(f, p, i, j);
                    }
                    assertThat(s).isCloseTo(1.0, within(1e-6));
                }
            }
        }
    }

    /** After every number of rounds each facet of each node is a probability vector, and the boundary the identity. */
    @ParameterizedTest
    @EnumSource(Aggregation.class)
    void statesStayProbabilityVectors(Aggregation agg) {
        for (int layers = 1; layers <= 4; layers++) {
            EpiGnn model = new EpiGnn(small(agg, Objective.COSINE_CROSS_ENTROPY, layers), 3);
            GraphBatch b = new GraphBatch(graphs());
            Tensor[] h = Tensor.noGrad(() -> model.nodeStates(b, model.relationStates(), model.compositionBlock(),
                    model.config().layers()));
            for (Tensor states : h) {
                float[] d = states.data();
                for (int k = 0; k < d.length / 4; k++) {
                    double s = 0;
                    for (int i = 0; i < 4; i++) {
                        assertThat(d[k * 4 + i]).isGreaterThanOrEqualTo(0f);
                        s += d[k * 4 + i];
                    }
                    assertThat(s).as("facet %d after %d rounds", k, layers).isCloseTo(1.0, within(1e-5));
                }
            }
            for (int q = 0; q < b.size(); q++) {
                for (int f = 0; f < 2; f++) {
                    assertThat(h[0].get(b.sources[q], f, 0)).isEqualTo(1f);
                    assertThat(h[1].get(b.targets[q], f, 0)).isEqualTo(1f);
                }
            }
        }
    }

    @Test
    void readoutPathIsAShortestUndirectedPath() {
        // 0 -> 1 -> 2 -> 5 and 0 -> 3 <- 4 -> 5: both of length 3 undirected; the first-listed branch wins
        ReasoningExample x = new ReasoningExample(6, new int[] {0, 1, 2, 0, 4, 4}, new int[] {1, 2, 5, 3, 3, 5},
                new int[6], 0, 5, 0, 3, 2, "x");
        assertThat(GraphBatch.shortestPath(x)).containsExactly(0, 1, 2, 5);
        ReasoningExample shortcut = new ReasoningExample(4, new int[] {0, 1, 2, 3}, new int[] {1, 2, 3, 0},
                new int[4], 0, 3, 0, 3, 1, "cycle");
        assertThat(GraphBatch.shortestPath(shortcut)).containsExactly(0, 3);
        ReasoningExample apart = new ReasoningExample(4, new int[] {0}, new int[] {1}, new int[1], 0, 3, 0, 1, 1, "a");
        assertThat(GraphBatch.shortestPath(apart)).containsExactly(0, 3);
    }

    /**
     * Scoring with another round count: the trained count reproduces {@code score}; on an acyclic chain of 5 edges,
     * 5 rounds already give every node its fixed-point state (8 give the same scores bit for bit) while 2 rounds,
     * the model's own, leave the readout's ends half-propagated and score differently.
     */
    @Test
    void moreRoundsReachTheFixedPointOfAnAcyclicChain() {
        EpiGnn model = new EpiGnn(small(Aggregation.PRODUCT, Objective.MARGIN, 2), 3);
        ReasoningExample chain = new ReasoningExample(6, new int[] {0, 1, 2, 3, 4}, new int[] {1, 2, 3, 4, 5},
                new int[] {0, 1, 2, 1, 0}, 0, 5, 1, 5, 1, "chain5");
        List<ReasoningExample> one = List.of(chain);
        assertThat(model.withRounds(2).score(one).data()).containsExactly(model.score(one).data());
        float[] five = model.withRounds(5).score(one).data();
        assertThat(model.withRounds(8).score(one).data()).containsExactly(five);
        assertThat(model.withRounds(2).score(one).data()).isNotEqualTo(five);
        assertThatThrownBy(() -> model.withRounds(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rounds");
    }

    /**
     * Each objective's class scores against the formula computed here in doubles from the readout and the relation
     * states: the log-cosine of the flattened states, and the facet-mean of {@code sum rel log o} ({@code MARGIN}) or
     * {@code sum o log rel} ({@code MARGIN_READOUT_FIRST}).
     */
    @ParameterizedTest
    @EnumSource(Objective.class)
    void classScoresFollowTheirFormula(Objective objective) {
        EpiGnn model = new EpiGnn(small(Aggregation.PRODUCT, objective, 2), 3);
        GraphBatch b = new GraphBatch(graphs());
        Tensor o = Tensor.noGrad(() -> model.readout(b));
        Tensor rel = Tensor.noGrad(model::relationStates);
        Tensor scores = Tensor.noGrad(() -> model.scores(o));
        int m = 2;
        int width = m * 4;
        for (int q = 0; q < b.size(); q++) {
            for (int r = 0; r < 3; r++) {
                double dot = 0;
                double normO = 0;
                double normR = 0;
                double relLogO = 0;
                double oLogRel = 0;
                for (int i = 0; i < width; i++) {
                    double x = o.data()[q * width + i];
                    double y = rel.data()[r * width + i];
                    dot += x * y;
                    normO += x * x;
                    normR += y * y;
                    relLogO += y * Math.log(x + 1e-12);
                    oLogRel += x * Math.log(y + 1e-12);
                }
                double expected = switch (objective) {
                    case COSINE_CROSS_ENTROPY -> Math.log(dot / Math.sqrt(normO * normR) + 1e-16);
                    case MARGIN -> relLogO / m;
                    case MARGIN_READOUT_FIRST -> oLogRel / m;
                };
                assertThat((double) scores.get(q, r)).as("%s query %d class %d", objective, q, r)
                        .isCloseTo(expected, within(1e-4 + 1e-5 * Math.abs(expected)));
            }
        }
    }

    /** Autograd through a whole batch loss (all rounds, readout, scores) against finite differences. */
    @ParameterizedTest
    @EnumSource(Objective.class)
    void fullStepGradientsMatchFiniteDifferences(Objective objective) {
        for (Aggregation agg : Aggregation.values()) {
            EpiGnn model = new EpiGnn(small(agg, objective, 3), 3);
            GraphBatch b = new GraphBatch(graphs());
            model.parameters().zeroGrad();
            model.loss(b, new Random(9)).backward();
            int checked = 0;
            for (Tensor p : model.parameters().all()) {
                float[] analytic = p.grad().clone();
                for (int i = 0; i < p.size(); i++) {
                    float saved = p.data()[i];
                    float h = 1e-2f;
                    p.data()[i] = saved + h;
                    double plus = Tensor.noGrad(() -> model.loss(b, new Random(9))).item();
                    p.data()[i] = saved - h;
                    double minus = Tensor.noGrad(() -> model.loss(b, new Random(9))).item();
                    p.data()[i] = saved;
                    double numeric = (plus - minus) / (2 * h);
                    assertThat(Math.abs(analytic[i] - numeric))
                            .as("%s %s d/d %s[%d]: autograd %s, finite difference %s", agg, objective, p.name(), i,
                                    analytic[i], numeric)
                            .isLessThanOrEqualTo(2e-3 + 3e-2 * Math.abs(numeric));
                    checked++;
                }
            }
            assertThat(checked).isEqualTo(3 * 2 * 4 + 2 * 4 * 3 * 3);
        }
    }
}
