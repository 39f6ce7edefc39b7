package org.rhizome.gnn.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rhizome.gnn.model.KgeModel;
import org.rhizome.gnn.model.ModelKind;

class RegularizerTest {
    /** Values by hand: the row (3, -4) is one complex coordinate 3 - 4i of modulus 5 for N3. */
    @Test
    void penaltiesByHand() {
        float[] x = {3, -4};
        assertThat(Regularizer.L3.value(x, 0, 2, false)).isEqualTo(27 + 64);
        assertThat(Regularizer.L2.value(x, 0, 2, false)).isEqualTo(9 + 16);
        assertThat(Regularizer.N3.value(x, 0, 2, true)).isCloseTo(125, within(1e-9));
        assertThat(Regularizer.N3.value(x, 0, 2, false)).isEqualTo(Regularizer.L3.value(x, 0, 2, false));
        float[] g = new float[2];
        Regularizer.N3.addGradient(x, 0, 2, true, 1f, g, 0);
        assertThat(g).containsExactly(3 * 5 * 3, 3 * 5 * -4); // 3 |z| (re, im)
    }

    /** Every penalty's gradient against central finite differences of its value, at an offset, scaled. */
    @ParameterizedTest
    @CsvSource({"L3, false", "L3, true", "N3, false", "N3, true", "L2, false", "L2, true"})
    void gradientsMatchFiniteDifferences(Regularizer r, boolean complex) {
        SplittableRandom rnd = new SplittableRandom(7);
        int width = 10;
        float[] x = new float[3 + width];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rnd.nextDouble() * 4 - 2);
        }
        float scale = 0.7f;
        float[] g = new float[2 + width];
        g[0] = 99;
        r.addGradient(x, 3, width, complex, scale, g, 2);
        assertThat(g[0]).isEqualTo(99); // nothing outside the row's gradient range
        for (int i = 0; i < width; i++) {
            float keep = x[3 + i];
            double h = 1e-3;
            x[3 + i] = (float) (keep + h);
            double up = r.value(x, 3, width, complex);
            x[3 + i] = (float) (keep - h);
            double down = r.value(x, 3, width, complex);
            x[3 + i] = keep;
            double numeric = scale * (up - down) / (2 * h);
            assertThat((double) g[2 + i]).as("%s coordinate %d", r, i).isCloseTo(numeric, within(2e-3 * Math.max(1,
                    Math.abs(numeric))));
        }
    }

    @Test
    void theConfigurationNamesAKnownPenalty() {
        TrainingConfig c = TrainingConfig.defaults(ModelKind.COMPLEX);
        assertThat(c.regularizer()).isEqualTo("l3");
        assertThat(c.withRegularizer("n3").regularizer()).isEqualTo("n3");
        assertThatThrownBy(() -> c.withRegularizer("l1")).hasMessageContaining("l3, n3 or l2");
        assertThatThrownBy(() -> c.withRegularization(-1f)).hasMessageContaining("regularization must be >= 0");
    }

    /**
     * The entity and relation tables have their own weights: after one step, a relation weight of 0 leaves the
     * relation rows as no penalty does, and the entity rows as the same entity weight on both tables does.
     */
    @Test
    void eachTableHasItsOwnWeight() {
        org.rhizome.gnn.data.TripleSet train = new org.rhizome.gnn.data.TripleSet(new int[] {0, 1, 2, 3, 4},
                new int[] {0, 1, 0, 1, 0}, new int[] {1, 2, 3, 4, 0});
        TrainingConfig c = TrainingConfig.defaults(ModelKind.COMPLEX).withRank(4).withBatch(4, 4).withSteps(1)
                .withLearningRate(0.05f, "adam").withRegularizer("l2").withAllEntities("both").withInit(0.5f);
        KgeModel none = new Trainer(c.withRegularization(0f)).train(train, 5, 2).model();
        KgeModel both = new Trainer(c.withRegularization(40f)).train(train, 5, 2).model();
        KgeModel entitiesOnly = new Trainer(c.withRegularization(40f, 0f)).train(train, 5, 2).model();
        assertThat(entitiesOnly.relations()).isEqualTo(none.relations());
        assertThat(entitiesOnly.entities()).isEqualTo(both.entities());
        assertThat(both.entities()).isNotEqualTo(none.entities());
        assertThat(both.relations()).isNotEqualTo(none.relations());
    }

    /** N3 shrinks ComplEx's parameters: the same run with a strong N3 weight ends with a smaller N3 of the table. */
    @Test
    void n3ShrinksTheTouchedRows() {
        org.rhizome.gnn.data.TripleSet train = new org.rhizome.gnn.data.TripleSet(new int[] {0, 1, 2, 3, 4},
                new int[] {0, 0, 0, 0, 0}, new int[] {1, 2, 3, 4, 0});
        TrainingConfig c = TrainingConfig.defaults(ModelKind.COMPLEX).withRank(4).withBatch(8, 4).withSteps(200)
                .withLearningRate(0.05f, "adam");
        float[] free = new Trainer(c).train(train, 5, 1).model().entities();
        float[] shrunk = new Trainer(c.withRegularization(50f).withRegularizer("n3")).train(train, 5, 1).model()
                .entities();
        double n3Free = 0;
        double n3Shrunk = 0;
        for (int e = 0; e < 5; e++) {
            n3Free += Regularizer.N3.value(free, e * 8, 8, true);
            n3Shrunk += Regularizer.N3.value(shrunk, e * 8, 8, true);
        }
        assertThat(n3Shrunk).isLessThan(0.5 * n3Free);
    }
}
