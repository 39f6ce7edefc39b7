package org.rhizome.gnn.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.rhizome.gnn.data.FilterIndex;
import org.rhizome.gnn.data.TripleSet;
import org.rhizome.gnn.evaluation.RankEvaluator;
import org.rhizome.gnn.evaluation.Side;
import org.rhizome.gnn.evaluation.TieBreak;
import org.rhizome.gnn.model.ModelKind;

/** Negatives shared across chunks of positives ({@link TrainingConfig#chunk()}). */
class ChunkedTrainingTest {
    /** A ring of 40 entities: e_i next e_{i+1}; prev is its inverse; a quarter of the prev triples held out. */
    static final TripleSet TRAIN;
    static final TripleSet TEST;

    static {
        List<int[]> train = new ArrayList<>();
        List<int[]> test = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            train.add(new int[] {i, 0, (i + 1) % 40});
            (i % 4 == 0 ? test : train).add(new int[] {(i + 1) % 40, 1, i});
        }
        TRAIN = TripleSet.of(train);
        TEST = TripleSet.of(test);
    }

    static TrainingConfig config(ModelKind kind) {
        return TrainingConfig.defaults(kind).withRank(16).withBatch(64, 16).withSteps(60)
                .withLearningRate(0.05f, "adam");
    }

    /** A chunk of one is per-positive training: the chunked path gives the very same parameters. */
    @ParameterizedTest
    @CsvSource({"TRANSE_L1, 1", "TRANSE_L2, 2", "DISTMULT, 1", "COMPLEX, 2", "ROTATE, 1", "ROTATE, 2"})
    void chunksOfOneAreExactlyPerPositiveTraining(ModelKind kind, int threads) {
        TrainingConfig c = config(kind).withSides(threads == 2 ? "random" : "alternate");
        TrainingResult plain = new Trainer(c).threads(threads).train(TRAIN, 40, 2);
        Trainer chunked = new Trainer(c).threads(threads);
        chunked.chunkedAlways = true;
        TrainingResult viaChunks = chunked.train(TRAIN, 40, 2);
        assertThat(viaChunks.model().entities()).isEqualTo(plain.model().entities());
        assertThat(viaChunks.model().relations()).isEqualTo(plain.model().relations());
        assertThat(viaChunks.finalLoss()).isEqualTo(plain.finalLoss());
    }

    /**
     * With 8 positives per chunk, models that can represent inversion still learn it: the held-out prev triples rank
     * their answer near the top (filtered tail MRR), about as well as with negatives per positive.
     */
    @ParameterizedTest
    @CsvSource({"COMPLEX", "ROTATE"})
    void sharedNegativesStillLearnInversion(ModelKind kind) {
        TrainingConfig c = config(kind).withSteps(400);
        FilterIndex filter = FilterIndex.of(TRAIN, TEST);
        double perPositive = new RankEvaluator().evaluate(new Trainer(c).train(TRAIN, 40, 2).model(), TEST, filter, 1)
                .metrics(Side.TAIL, TieBreak.REALISTIC).mrr();
        double chunked = new RankEvaluator().evaluate(new Trainer(c.withChunk(8)).threads(2).train(TRAIN, 40, 2)
                .model(), TEST, filter, 1).metrics(Side.TAIL, TieBreak.REALISTIC).mrr();
        assertThat(perPositive).isGreaterThan(0.8);
        assertThat(chunked).isGreaterThan(0.8).isGreaterThan(perPositive - 0.1);
    }

    /**
     * On 300 entities a step touches more rows than the gradient slab starts with (64): the chunked path grows it
     * correctly, with chunks of one (still exactly per-positive training) and of 16.
     */
    @ParameterizedTest
    @CsvSource({"DISTMULT", "COMPLEX", "TRANSE_L1"})
    void manyRowsPerStepGrowTheGradientSlab(ModelKind kind) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        int n = 600;
        int[] h = new int[n];
        int[] r = new int[n];
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            h[i] = rnd.nextInt(300);
            r[i] = rnd.nextInt(3);
            t[i] = rnd.nextInt(300);
        }
        TripleSet train = new TripleSet(h, r, t);
        TrainingConfig c = config(kind).withBatch(128, 32).withSteps(20);
        TrainingResult plain = new Trainer(c).threads(2).train(train, 300, 3);
        Trainer chunked = new Trainer(c).threads(2);
        chunked.chunkedAlways = true;
        assertThat(chunked.train(train, 300, 3).model().entities()).isEqualTo(plain.model().entities());
        TrainingResult sixteen = new Trainer(c.withChunk(16)).threads(2).train(train, 300, 3);
        assertThat(sixteen.finalLoss()).isFinite();
        assertThat(sixteen.model().entities()).isNotEqualTo(plain.model().entities());
    }

    /**
     * For DistMult and ComplEx, a chunk's negative gradients as two matrix products ({@code dQ = G N},
     * {@code dN = G^T Q}) equal the row-by-row sums up to float rounding, and so do RotatE's block kernels
     * ({@code Kernels.complexModulusScores}/{@code complexModulusGradients}, at rank 37: whole vectors and a tail)
     * and its pair-by-pair ones: after 30 steps every parameter agrees to 1e-4 relative to the table's scale.
     */
    @ParameterizedTest
    @CsvSource({"DISTMULT", "COMPLEX", "ROTATE"})
    void matrixProductGradientsMatchRowByRowOnes(ModelKind kind) {
        TrainingConfig c = config(kind).withRank(kind == ModelKind.ROTATE ? 37 : 16).withChunk(8).withSteps(30);
        TrainingResult products = new Trainer(c).train(TRAIN, 40, 2);
        Trainer rowByRow = new Trainer(c);
        rowByRow.gemmGradients = false;
        float[] a = products.model().entities();
        float[] b = rowByRow.train(TRAIN, 40, 2).model().entities();
        double scale = 0;
        for (float x : b) {
            scale = Math.max(scale, Math.abs(x));
        }
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        assertThat(worst).isLessThan(1e-4 * scale);
        // and training did move them: the comparison is not between two untouched initialisations
        float[] initial = new Trainer(c.withSteps(0)).train(TRAIN, 40, 2).model().entities();
        double moved = 0;
        for (int i = 0; i < a.length; i++) {
            moved = Math.max(moved, Math.abs(a[i] - initial[i]));
        }
        assertThat(moved).isGreaterThan(100 * worst).isGreaterThan(1e-3);
    }

    /**
     * RotatE's chunk rows copy the phases of an earlier row of the same relation instead of computing them again: the
     * very same parameters as computing each row's (two relations, so every chunk of 8 repeats one; heads and tails
     * in turn).
     */
    @ParameterizedTest
    @CsvSource({"1", "2"})
    void sharedPhasesAreTheComputedOnes(int threads) {
        TrainingConfig c = config(ModelKind.ROTATE).withRank(37).withChunk(8).withSteps(20).withSides("alternate");
        TrainingResult shared = new Trainer(c).threads(threads).train(TRAIN, 40, 2);
        Trainer fresh = new Trainer(c).threads(threads);
        fresh.shareRotations = false;
        TrainingResult computed = fresh.train(TRAIN, 40, 2);
        assertThat(shared.model().entities()).containsExactly(computed.model().entities());
        assertThat(shared.model().relations()).containsExactly(computed.model().relations());
        float[] initial = new Trainer(c.withSteps(0)).train(TRAIN, 40, 2).model().relations();
        assertThat(shared.model().relations()).isNotEqualTo(initial);
    }

    @Test
    void aChunkMustHoldAPositive() {
        assertThatThrownBy(() -> config(ModelKind.DISTMULT).withChunk(0)).hasMessageContaining("chunk must be >= 1");
    }
}
