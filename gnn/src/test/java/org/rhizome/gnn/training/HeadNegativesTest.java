package org.rhizome.gnn.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rhizome.gnn.data.TripleSet;
import org.rhizome.gnn.model.ModelKind;

/**
 * Head queries with a count of negatives of their own ({@link TrainingConfig#headNegatives()}, LibKGE's
 * {@code num_samples.s}). A query's negatives are the first draws of its random stream, so a head query with
 * {@code s} negatives, where tail queries have {@code o}, draws and scores exactly what a run with {@code s} on both
 * sides draws and scores for it: the runs below are compared bit for bit with such runs.
 */
class HeadNegativesTest {
    private static final int ENTITIES = 30;
    /** Relations of the data; with reciprocals, {@code R..2R-1} are theirs. */
    private static final int R = 3;

    /** {@code n} random triples on relations {@code [from, from + R)}. */
    private static TripleSet triples(int n, int from, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] h = new int[n];
        int[] r = new int[n];
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            h[i] = rnd.nextInt(ENTITIES);
            r[i] = from + rnd.nextInt(R);
            t[i] = rnd.nextInt(ENTITIES);
        }
        return new TripleSet(h, r, t);
    }

    /** The triples of {@code a}, then those of {@code b}. */
    private static TripleSet both(TripleSet a, TripleSet b) {
        java.util.List<int[]> hrt = new java.util.ArrayList<>();
        for (TripleSet s : new TripleSet[] {a, b}) {
            for (int i = 0; i < s.size(); i++) {
                hrt.add(new int[] {s.head(i), s.relation(i), s.tail(i)});
            }
        }
        return TripleSet.of(hrt);
    }

    /** LibKGE's TransE setting in small: cross-entropy, tails only (reciprocal relations), Adagrad. */
    private static TrainingConfig config(int negatives, float dropout, String masks) {
        TrainingConfig c = TrainingConfig.defaults(ModelKind.TRANSE_L2).withRank(8).withBatch(16, negatives)
                .withSteps(30).withLearningRate(0.1f, "adagrad").withLoss("cross-entropy", 0f, 0f).withSides("tail")
                .withInit(0.5f);
        return dropout > 0 ? c.withDropout(dropout, 0f).withDropoutMasks(masks) : c;
    }

    private static float[] train(TrainingConfig c, TripleSet train, int threads) {
        return new Trainer(c).threads(threads).reciprocalRelationsFrom(R).train(train, ENTITIES, 2 * R).model()
                .entities();
    }

    /**
     * Training triples that are all reciprocal (head queries) train with {@code head-negatives s} exactly as with
     * {@code s} negatives throughout; triples on the data's own relations (tail queries) exactly as with the tail
     * count. On the per-positive path (no dropout), the dropout path with masks per query and with masks per triple.
     */
    @ParameterizedTest
    @CsvSource({"0, per-query, 1", "0, per-query, 2", "0.25, per-query, 1", "0.25, per-triple, 2"})
    void aHeadQueryDrawsItsOwnCountAndATailQueryTheOther(float dropout, String masks, int threads) {
        TrainingConfig split = config(7, dropout, masks).withHeadNegatives(3);
        TripleSet heads = triples(60, R, 1);
        TripleSet tails = triples(60, 0, 2);
        assertThat(train(split, heads, threads)).isEqualTo(train(config(3, dropout, masks), heads, threads));
        assertThat(train(split, tails, threads)).isEqualTo(train(config(7, dropout, masks), tails, threads));
        // and the count matters: 7 negatives on the head queries train otherwise
        assertThat(train(split, heads, threads)).isNotEqualTo(train(config(7, dropout, masks), heads, threads));
    }

    /**
     * In chunks (LibKGE's batch-shared negatives), a chunk's head queries share negatives of the head count and its
     * tail queries negatives of the tail count: a chunk of reciprocal triples alone trains bit for bit as with the
     * head count throughout, one of the data's own triples alone as with the tail count. With and without dropout,
     * on 1 and 2 threads.
     */
    @ParameterizedTest
    @CsvSource({"0, 1", "0, 2", "0.25, 1", "0.25, 2"})
    void aChunksHeadQueriesShareTheirOwnCount(float dropout, int threads) {
        TrainingConfig split = config(7, dropout, TrainingConfig.MASKS_PER_QUERY).withChunk(4).withHeadNegatives(3);
        TrainingConfig three = config(3, dropout, TrainingConfig.MASKS_PER_QUERY).withChunk(4);
        TrainingConfig seven = config(7, dropout, TrainingConfig.MASKS_PER_QUERY).withChunk(4);
        TripleSet heads = triples(60, R, 5);
        TripleSet tails = triples(60, 0, 6);
        assertThat(train(split, heads, threads)).isEqualTo(train(three, heads, threads));
        assertThat(train(split, tails, threads)).isEqualTo(train(seven, tails, threads));
        assertThat(train(split, heads, threads)).isNotEqualTo(train(seven, heads, threads));
    }

    /**
     * Chunks mixing both kinds of query: in one shuffled pass every triple is scored once, each reciprocal one
     * against 3 shared negatives and each of the data's own against 7, so the scored triples are
     * {@code 30 (1 + 7) + 30 (1 + 3)}; and the mixed run differs from the runs with either count throughout.
     */
    @ParameterizedTest
    @CsvSource({"1", "2"})
    void aMixedChunkSplitsIntoItsTailAndHeadQueries(int threads) {
        TripleSet mixed = both(triples(30, 0, 7), triples(30, R, 8));
        TrainingConfig split = config(7, 0f, TrainingConfig.MASKS_PER_QUERY).withBatch(12, 7).withSteps(5)
                .withBatches("shuffled").withChunk(4).withHeadNegatives(3);
        TrainingResult result = new Trainer(split).threads(threads).reciprocalRelationsFrom(R).train(mixed, ENTITIES,
                2 * R);
        assertThat(result.scoredTriplesPerSecond() * result.seconds())
                .isCloseTo(30.0 * (1 + 7) + 30.0 * (1 + 3), withinPercentage(1e-6));
        float[] entities = result.model().entities();
        TrainingConfig same = split.withHeadNegatives(TrainingConfig.SAME_NEGATIVES);
        assertThat(entities).isNotEqualTo(train(same, mixed, threads))
                .isNotEqualTo(train(same.withBatch(12, 3), mixed, threads));
    }

    /**
     * Without reciprocal relations a head query is a positive whose head is corrupted: with sides alternate the first
     * step corrupts heads, the second tails.
     */
    @Test
    void withoutReciprocalsTheCorruptedSideDecides() {
        TripleSet train = triples(60, 0, 3);
        TrainingConfig c = TrainingConfig.defaults(ModelKind.DISTMULT).withRank(8).withBatch(16, 7).withSteps(1)
                .withSides("alternate").withSeed(5);
        float[] split = new Trainer(c.withHeadNegatives(3)).train(train, ENTITIES, R).model().entities();
        float[] three = new Trainer(c.withBatch(16, 3)).train(train, ENTITIES, R).model().entities();
        assertThat(split).isEqualTo(three);
        float[] split2 = new Trainer(c.withSteps(2).withHeadNegatives(3)).train(train, ENTITIES, R).model()
                .entities();
        float[] three2 = new Trainer(c.withSteps(2).withBatch(16, 3)).train(train, ENTITIES, R).model().entities();
        assertThat(split2).isNotEqualTo(three2);
    }

    /**
     * A reciprocal triple {@code (t, r^-1, h)} with its head corrupted asks for the tail of {@code (h, r, t)}: a
     * tail query, with the tail count (sides alternate corrupt heads in the first step).
     */
    @Test
    void aReciprocalTripleCorruptedAtTheHeadIsATailQuery() {
        TripleSet reciprocals = triples(60, R, 4);
        TrainingConfig c = TrainingConfig.defaults(ModelKind.DISTMULT).withRank(8).withBatch(16, 7).withSteps(1)
                .withSides("alternate").withSeed(5);
        float[] split = new Trainer(c.withHeadNegatives(3)).reciprocalRelationsFrom(R).train(reciprocals, ENTITIES,
                2 * R).model().entities();
        float[] seven = new Trainer(c).reciprocalRelationsFrom(R).train(reciprocals, ENTITIES, 2 * R).model()
                .entities();
        assertThat(split).isEqualTo(seven);
    }

    /** The rate reported counts each head query's own candidates: 1 + 3 here, not 1 + 7. */
    @Test
    void theScoredTriplesCountEachSidesNegatives() {
        TrainingConfig c = config(7, 0f, TrainingConfig.MASKS_PER_QUERY).withHeadNegatives(3);
        TrainingResult heads = new Trainer(c).reciprocalRelationsFrom(R).train(triples(60, R, 1), ENTITIES, 2 * R);
        assertThat(heads.scoredTriplesPerSecond() * heads.seconds())
                .isCloseTo(30.0 * 16 * (1 + 3), withinPercentage(1e-6));
        TrainingResult tails = new Trainer(c).reciprocalRelationsFrom(R).train(triples(60, 0, 2), ENTITIES, 2 * R);
        assertThat(tails.scoredTriplesPerSecond() * tails.seconds())
                .isCloseTo(30.0 * 16 * (1 + 7), withinPercentage(1e-6));
    }

    @Test
    void badCountsAndSettingsAreRefusedWithTheReason() {
        TrainingConfig c = config(7, 0f, TrainingConfig.MASKS_PER_QUERY);
        assertThatThrownBy(() -> c.withHeadNegatives(-1)).hasMessageContaining("head negatives must be >= 0");
        assertThat(c.withHeadNegatives(3).withChunk(4).separateHeadNegatives()).isTrue();
        assertThatThrownBy(() -> c.withHeadNegatives(3).withAllEntities("tail").withHeadNegatives(3))
                .hasMessageContaining("samples none");
        // the same count as negatives is no separate count: chunks may share it
        assertThat(c.withHeadNegatives(7).withChunk(4).separateHeadNegatives()).isFalse();
        assertThat(c.withHeadNegatives(3).negativesFor(true)).isEqualTo(3);
        assertThat(c.withHeadNegatives(3).negativesFor(false)).isEqualTo(7);
        assertThat(c.negativesFor(true)).isEqualTo(7);
        // with sides tail the head queries are the reciprocal triples: the trainer must be told which they are
        assertThatThrownBy(() -> new Trainer(c.withHeadNegatives(3)).train(triples(60, 0, 2), ENTITIES, 2 * R))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("reciprocalRelationsFrom");
        assertThatThrownBy(() -> new Trainer(c).reciprocalRelationsFrom(0)).hasMessageContaining(">= 1");
    }
}
