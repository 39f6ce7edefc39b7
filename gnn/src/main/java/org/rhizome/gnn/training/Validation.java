package org.rhizome.gnn.training;

import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.rhizome.gnn.data.FilterIndex;
import org.rhizome.gnn.data.TripleSet;
import org.rhizome.gnn.evaluation.LinkScorer;
import org.rhizome.gnn.evaluation.ReciprocalScorer;
import org.rhizome.gnn.model.KgeModel;

/**
 * Validation while training: every {@code every} steps (and after the last) the model's filtered MRR (realistic
 * ties, head and tail queries) on the first {@code maxTriples} of {@code triples} is computed; the parameters of the
 * best check are kept and restored at the end, and training stops early after {@code patience} checks in a row that
 * did not beat the best (by more than 1e-6). {@code onBest} hears each new best (the model and its step), for
 * instance to write it to disk as a checkpoint.
 *
 * @param triples    validation triples
 * @param filter     known triples to filter (train + valid + test, as in the evaluation)
 * @param every      steps between checks (at least 1)
 * @param patience   checks without improvement before stopping (at least 1)
 * @param maxTriples validation triples used per check (the first ones; at least 1)
 * @param onBest     called with the model and the step after each improvement (may be a no-op)
 * @param scorer     how the model answers the validation queries: the model itself, or through its reciprocal
 *                   relations ({@link #withReciprocals})
 */
public record Validation(TripleSet triples, FilterIndex filter, int every, int patience, int maxTriples,
        BiConsumer<KgeModel, Integer> onBest, Function<KgeModel, LinkScorer> scorer) {
    public Validation {
        Objects.requireNonNull(triples, "triples");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(onBest, "onBest");
        Objects.requireNonNull(scorer, "scorer");
        if (every < 1 || patience < 1 || maxTriples < 1) {
            throw new IllegalArgumentException("validation every, patience and maxTriples must be >= 1, got "
                    + every + ", " + patience + ", " + maxTriples);
        }
        if (triples.size() == 0) {
            throw new IllegalArgumentException("no validation triples");
        }
    }

    /** Checks every {@code every} steps on up to 5,000 triples, patience {@code patience}, no callback. */
    public static Validation of(TripleSet triples, FilterIndex filter, int every, int patience) {
        return new Validation(triples, filter, every, patience, 5000, (m, s) -> {}, m -> m);
    }

    /** The same with {@code onBest} called on every improvement. */
    public Validation withOnBest(BiConsumer<KgeModel, Integer> callback) {
        return new Validation(triples, filter, every, patience, maxTriples, callback, scorer);
    }

    /**
     * The same for a model trained with reciprocal relations: head queries are answered through the reciprocal of
     * each of the {@code baseRelations} original relations ({@link ReciprocalScorer}); the validation triples use
     * original relations only.
     */
    public Validation withReciprocals(int baseRelations) {
        return new Validation(triples, filter, every, patience, maxTriples, onBest,
                m -> new ReciprocalScorer(m, baseRelations));
    }

    /** The triples one check evaluates. */
    TripleSet used() {
        if (triples.size() <= maxTriples) {
            return triples;
        }
        int[] h = new int[maxTriples];
        int[] r = new int[maxTriples];
        int[] t = new int[maxTriples];
        for (int i = 0; i < maxTriples; i++) {
            h[i] = triples.head(i);
            r[i] = triples.relation(i);
            t[i] = triples.tail(i);
        }
        return new TripleSet(h, r, t);
    }
}
