package org.rhizome.embeddings;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.rhizome.graph.snapshot.GraphSnapshot;

/**
 * Text vectors of a snapshot's relation types, aligned with its relation ids: row {@code r} is the embedding of
 * relation {@code r}'s label under the {@link ConceptText} recipe (the label alone, since relation types rarely carry
 * descriptions). For models and retrieval that want to know that "born in" and "place of birth" are close.
 *
 * <p>Cost: one embedding per relation type (cached when the embedder is a {@link CachingEmbedder}); memory
 * {@code relationCount * dimension} floats.
 *
 * @param modelId the embedder's model identity
 * @param recipe  the text recipe ({@link ConceptText#RECIPE})
 * @param vectors {@code [relationCount][dimension]}, unit length
 */
public record RelationEmbeddings(String modelId, String recipe, float[][] vectors) {
    public RelationEmbeddings {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(recipe, "recipe");
        Objects.requireNonNull(vectors, "vectors");
    }

    /** Embeds the label of every relation of {@code snapshot}. */
    public static RelationEmbeddings of(GraphSnapshot snapshot, TextEmbedder embedder) {
        List<String> texts = new ArrayList<>(snapshot.relationCount());
        for (int r = 0; r < snapshot.relationCount(); r++) {
            String label = snapshot.relationLabel(r);
            texts.add(ConceptText.of(label == null || label.isBlank() ? snapshot.relationIri(r) : label));
        }
        List<float[]> vs = embedder.embedAll(texts);
        return new RelationEmbeddings(embedder.modelId(), ConceptText.RECIPE, vs.toArray(new float[0][]));
    }

    /** The vector of relation {@code r}. */
    public float[] vector(int r) {
        return vectors[r];
    }
}
