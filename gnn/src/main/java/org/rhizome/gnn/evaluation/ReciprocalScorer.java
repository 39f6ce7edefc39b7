package org.rhizome.gnn.evaluation;

import java.util.Objects;

/**
 * A model trained with reciprocal relations ({@link org.rhizome.gnn.data.KgDataset#withReciprocals()}), seen as a
 * scorer of the {@code baseRelations} original relations: a tail query {@code (h, r, ?)} is the model's own, and a
 * head query {@code (?, r, t)} is answered as the tail query {@code (t, r + baseRelations, ?)} of the reciprocal
 * relation. This is how LibKGE's {@code reciprocal_relations_model} and Lacroix et al. (2018) score head queries, so
 * the model never scores a head query through the original relation it was not trained to answer that way.
 *
 * <p>Dot-product models keep the matrix-product evaluation path: the head query's vector is the reciprocal tail
 * query's.
 */
public final class ReciprocalScorer implements DotProductScorer {
    private final DotProductScorer model;
    private final int baseRelations;

    /**
     * @param model         a model over {@code 2 * baseRelations} relations, the reciprocal of {@code r} at
     *                      {@code r + baseRelations}
     * @param baseRelations the number of original relations
     */
    public ReciprocalScorer(DotProductScorer model, int baseRelations) {
        this.model = Objects.requireNonNull(model, "model");
        if (baseRelations < 1) {
            throw new IllegalArgumentException("baseRelations must be >= 1, got " + baseRelations);
        }
        this.baseRelations = baseRelations;
    }

    /** The number of original relations; relation ids passed to this scorer are below it. */
    public int baseRelations() {
        return baseRelations;
    }

    private int checked(int relation) {
        if (relation < 0 || relation >= baseRelations) {
            throw new IllegalArgumentException("relation " + relation + " is not one of the " + baseRelations
                    + " original relations");
        }
        return relation;
    }

    @Override
    public int entityCount() {
        return model.entityCount();
    }

    @Override
    public void scoreTails(int head, int relation, float[] out) {
        model.scoreTails(head, checked(relation), out);
    }

    @Override
    public void scoreHeads(int relation, int tail, float[] out) {
        model.scoreTails(tail, checked(relation) + baseRelations, out);
    }

    @Override
    public boolean dotProducts() {
        return model.dotProducts();
    }

    @Override
    public boolean complexModuli() {
        return model.complexModuli();
    }

    @Override
    public int vectorLength() {
        return model.vectorLength();
    }

    @Override
    public float[] candidateVectors() {
        return model.candidateVectors();
    }

    @Override
    public void tailQuery(int head, int relation, float[] q, int off) {
        model.tailQuery(head, checked(relation), q, off);
    }

    @Override
    public void headQuery(int relation, int tail, float[] q, int off) {
        model.tailQuery(tail, checked(relation) + baseRelations, q, off);
    }
}
