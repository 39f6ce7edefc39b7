package org.rhizome.gnn.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rhizome.gnn.data.TripleSet;
import org.rhizome.gnn.model.KgeModel;
import org.rhizome.gnn.model.ModelKind;
import org.rhizome.gnn.sampling.NegativeSampler;

/** Which rows the weight penalty reaches ({@link TrainingConfig#penaltyRows()}). */
class PenaltyRowsTest {
    /** The ring of {@link ChunkedTrainingTest} (entities 0 to 39); entity 40 is in the table but in no triple. */
    private static final TripleSet TRAIN = ChunkedTrainingTest.TRAIN;
    private static final int ENTITIES = 41;
    private static final int DIM = 16;
    private static final int UNSEEN = 40;

    /** Negatives from the ring's entities only, so that no step touches {@link #UNSEEN}. */
    private static final NegativeSampler RING_ONLY = (h, r, t, head, rnd) -> rnd.nextInt(UNSEEN);

    private static TrainingConfig config(ModelKind kind, float lambda, String rows) {
        return ChunkedTrainingTest.config(kind).withLearningRate(0.1f, "adagrad").withRegularizer("l2")
                .withRegularization(lambda).withSteps(30).withPenaltyRows(rows);
    }

    private static KgeModel start(ModelKind kind) {
        return KgeModel.random(kind, ENTITIES, 2, DIM, -0.5f, 0.5f, 3);
    }

    /**
     * With the penalty on all rows, the row no step touches follows Adagrad on the penalty alone, computed here float
     * by float: {@code g = 2 (lambda / F) x}, {@code G += g^2}, {@code x -= lr g / (sqrt(G) + 1e-10)} each step ({@code F}
     * the table's floats). Each step moves each float by about {@code lr / sqrt(step)} towards 0 whatever lambda is.
     * With the penalty on the touched rows only, that row keeps its initial values exactly. TransE included: distance
     * models are penalised like the others.
     */
    @ParameterizedTest
    @CsvSource({"TRANSE_L2, 1", "TRANSE_L2, 2", "DISTMULT, 2"})
    void anUntouchedRowFollowsThePenaltyAloneOnlyWhenAllRowsArePenalised(ModelKind kind, int threads) {
        float lambda = 3f;
        KgeModel initial = start(kind);
        float[] x0 = java.util.Arrays.copyOfRange(initial.entities(), UNSEEN * DIM, (UNSEEN + 1) * DIM);

        KgeModel all = start(kind);
        new Trainer(config(kind, lambda, TrainingConfig.PENALTY_ALL_ROWS)).threads(threads).sampler(RING_ONLY)
                .train(all, TRAIN);
        float scale = lambda / initial.entities().length;
        float lr = 0.1f;
        for (int i = 0; i < DIM; i++) {
            float x = x0[i];
            float acc = 0f;
            for (int step = 0; step < 30; step++) {
                float g = 2 * scale * x;
                acc += g * g;
                x -= lr * g / ((float) Math.sqrt(acc) + 1e-10f);
            }
            assertThat(all.entities()[UNSEEN * DIM + i]).as("float %d", i)
                    .isCloseTo(x, org.assertj.core.api.Assertions.within(1e-5f));
            assertThat(Math.abs(x)).as("float %d moved towards 0", i).isLessThan(Math.abs(x0[i]));
        }

        KgeModel touched = start(kind);
        new Trainer(config(kind, lambda, TrainingConfig.PENALTY_TOUCHED_ROWS)).threads(threads).sampler(RING_ONLY)
                .train(touched, TRAIN);
        assertThat(java.util.Arrays.copyOfRange(touched.entities(), UNSEEN * DIM, (UNSEEN + 1) * DIM)).isEqualTo(x0);
        assertThat(touched.entities()).as("the ring's rows, penalised also between their touches")
                .isNotEqualTo(all.entities());
    }

    @Test
    void penaltyRowsAreTouchedOrAll() {
        assertThatThrownBy(() -> config(ModelKind.DISTMULT, 1f, "some"))
                .hasMessageContaining("penalty rows must be touched or all, got some");
        assertThat(config(ModelKind.DISTMULT, 1f, TrainingConfig.PENALTY_ALL_ROWS).penaltyAllRows()).isTrue();
        assertThat(TrainingConfig.defaults(ModelKind.DISTMULT).penaltyRows())
                .isEqualTo(TrainingConfig.PENALTY_TOUCHED_ROWS);
    }
}
