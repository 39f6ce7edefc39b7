package org.rhizome.gnn.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rhizome.gnn.model.KgeModel;
import org.rhizome.gnn.model.ModelKind;

/**
 * The initialisation of {@link TrainingConfig}: the reference's range, symmetric, LibKGE's {@code [a, 1]}, or
 * {@code xavier_normal_}.
 */
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

    /**
     * PyTorch's {@code xavier_normal_} on a {@code rows x width} matrix: normal, mean 0, standard deviation
     * {@code sqrt(2 / (rows + width))}, per table. Sample moments against that formula.
     */
    @Test
    void xavierNormalScalesEachTableByItsOwnShape() {
        // entities: 3,000 rows of 2 x 32 floats: sd sqrt(2 / 3064) = 0.02555; relations: 10 rows of 64
        KgeModel m = KgeModel.xavierNormal(ModelKind.COMPLEX, 3000, 10, 64, 5);
        assertMoments(m.entities(), Math.sqrt(2.0 / (3000 + 64)), 0.01);
        assertMoments(m.relations(), Math.sqrt(2.0 / (10 + 64)), 0.1); // 640 draws: relative se 0.028
        assertThat(KgeModel.xavierNormal(ModelKind.COMPLEX, 3000, 10, 64, 5).entities()).isEqualTo(m.entities());
        assertThatThrownBy(() -> KgeModel.xavierNormal(ModelKind.ROTATE, 10, 2, 8, 1)).hasMessageContaining("phases");
        // training starts from it
        TrainingConfig c = TrainingConfig.defaults(ModelKind.DISTMULT).withRank(8).withSteps(0)
                .withInit(0f, 0f).withInitializer(TrainingConfig.XAVIER_NORMAL);
        org.rhizome.gnn.data.TripleSet one = new org.rhizome.gnn.data.TripleSet(new int[] {0}, new int[] {0},
                new int[] {1});
        assertThat(new Trainer(c).train(one, 40, 3).model().entities())
                .isEqualTo(KgeModel.xavierNormal(ModelKind.DISTMULT, 40, 3, 8, c.seed()).entities());
        // and refuses a range beside it, an unknown name, and RotatE
        assertThatThrownBy(() -> c.withInitializer("uniform").withInit(-1f, 1f)
                .withInitializer(TrainingConfig.XAVIER_NORMAL)).hasMessageContaining("sets its own scale");
        assertThatThrownBy(() -> c.withInitializer("kaiming")).hasMessageContaining("kaiming");
        assertThatThrownBy(() -> TrainingConfig.defaults(ModelKind.ROTATE).withInit(1f)
                .withInit(0f, 0f).withInitializer(TrainingConfig.XAVIER_NORMAL)).hasMessageContaining("RotatE");
        // setting a range goes back to the uniform initializer
        assertThat(c.withInit(0.1f).initializer()).isEqualTo(TrainingConfig.UNIFORM);
    }

    /** Mean within 4 standard errors of 0, sample standard deviation within {@code tolerance} (relative) of sd. */
    private static void assertMoments(float[] xs, double sd, double tolerance) {
        double sum = 0;
        double squares = 0;
        for (float x : xs) {
            sum += x;
            squares += (double) x * x;
        }
        double mean = sum / xs.length;
        double sample = Math.sqrt(squares / xs.length - mean * mean);
        assertThat(mean).isCloseTo(0, within(4 * sd / Math.sqrt(xs.length)));
        assertThat(sample).isCloseTo(sd, within(tolerance * sd));
    }
}
