package org.rhizome.gnn.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rhizome.gnn.model.KgeModel;
import org.rhizome.gnn.model.ModelKind;

/** The initialisation range of {@link TrainingConfig}: the reference's, symmetric, or LibKGE's {@code [a, 1]}. */
class TrainingConfigTest {
    @Test
    void initialisationRangesAreParsedAndResolved() {
        assertThat(TrainingConfig.parseInitRange("0.1")).containsExactly(-0.1f, 0.1f);
        assertThat(TrainingConfig.parseInitRange("-0.935, 1")).containsExactly(-0.935f, 1f);
        assertThatThrownBy(() -> TrainingConfig.parseInitRange("a,b")).hasMessageContaining("'a,b'");
        assertThatThrownBy(() -> TrainingConfig.parseInitRange("1,2,3")).hasMessageContaining("R or A,B");
        TrainingConfig c = TrainingConfig.defaults(ModelKind.DISTMULT).withRank(50);
        assertThat(c.initBounds()).containsExactly(-8f / 50, 8f / 50); // gamma 6: (6 + 2) / 50
        assertThat(c.withInit(-1e-5f, 1f).initBounds()).containsExactly(-1e-5f, 1f);
        assertThatThrownBy(() -> c.withInit(1f, -1f)).hasMessageContaining("low < high");
        assertThatThrownBy(() -> TrainingConfig.defaults(ModelKind.ROTATE).withInit(-0.1f, 1f))
                .hasMessageContaining("symmetric");
    }

    @Test
    void modelsAreDrawnFromTheRange() {
        KgeModel asym = KgeModel.random(ModelKind.TRANSE_L2, 200, 5, 32, -1e-5f, 1f, 7);
        double sum = 0;
        for (float x : asym.entities()) {
            assertThat(x).isBetween(-1e-5f, 1f);
            sum += x;
        }
        assertThat(sum / asym.entities().length).isCloseTo(0.5, within(0.02)); // 6,400 draws: sd of mean 0.004
        for (float x : asym.relations()) {
            assertThat(x).isBetween(-1e-5f, 1f);
        }
        // a symmetric range is the half-width form exactly
        assertThat(KgeModel.random(ModelKind.COMPLEX, 20, 3, 8, -0.3f, 0.3f, 9).entities())
                .isEqualTo(KgeModel.random(ModelKind.COMPLEX, 20, 3, 8, 0.3f, 9).entities());
        // and training starts from it
        TrainingConfig c = TrainingConfig.defaults(ModelKind.DISTMULT).withRank(8).withSteps(0).withInit(2f, 3f);
        org.rhizome.gnn.data.TripleSet one = new org.rhizome.gnn.data.TripleSet(new int[] {0}, new int[] {0},
                new int[] {1});
        for (float x : new Trainer(c).train(one, 4, 1).model().entities()) {
            assertThat(x).isBetween(2f, 3f);
        }
    }
}
