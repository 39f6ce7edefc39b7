package org.rhizome.gnn.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

import org.rhizome.gnn.data.IdMap;
import org.rhizome.gnn.data.KgDataset;
import org.rhizome.gnn.evaluation.LinkScorer;
import org.rhizome.gnn.evaluation.ReciprocalScorer;
import org.rhizome.gnn.model.KgeModel;

/**
 * A model with the names of its entities and relations (IRIs, or the benchmark files' identifiers) and the
 * configuration it was trained with: what a model file holds and what prediction needs.
 *
 * @param model     the model
 * @param entities  entity names by id
 * @param relations relation names by id
 * @param config    the training configuration, as text (JSON), for the record
 */
public record TrainedModel(KgeModel model, IdMap entities, IdMap relations, String config) {
    public TrainedModel {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(entities, "entities");
        Objects.requireNonNull(relations, "relations");
        Objects.requireNonNull(config, "config");
        if (entities.size() != model.entityCount() || relations.size() != model.relationCount()) {
            throw new IllegalArgumentException("the id maps do not match the model's tables");
        }
    }

    /**
     * The number of original relations when the model was trained with reciprocal relations
     * ({@link org.rhizome.gnn.data.KgDataset#withReciprocals()}: relations {@code R..2R-1} named as relations
     * {@code 0..R-1} with {@code ^-1} appended), or 0.
     */
    public int reciprocalBase() {
        int n = relations.size();
        if (n == 0 || n % 2 != 0) {
            return 0;
        }
        int base = n / 2;
        for (int i = 0; i < base; i++) {
            if (!relations.name(base + i).equals(relations.name(i) + KgDataset.RECIPROCAL_SUFFIX)) {
                return 0;
            }
        }
        return base;
    }

    /**
     * How this model answers queries over its original relations: through the reciprocal relations when it was
     * trained with them ({@link ReciprocalScorer}; {@link #reciprocalBase()}), else the model itself.
     */
    public LinkScorer scorer() {
        int base = reciprocalBase();
        return base > 0 ? new ReciprocalScorer(model, base) : model;
    }

    /** A predicted entity and its score. */
    public record Prediction(String name, double score) {}

    /** The {@code k} best tails for {@code (head, relation, ?)} by name, or empty if either is unknown. */
    public List<Prediction> predictTails(String head, String relation, int k) {
        OptionalInt h = entities.find(head);
        OptionalInt r = relations.find(relation);
        if (h.isEmpty() || r.isEmpty()) {
            return List.of();
        }
        float[] s = new float[model.entityCount()];
        model.scoreTails(h.getAsInt(), r.getAsInt(), s);
        return top(s, k, h.getAsInt());
    }

    /** The {@code k} best heads for {@code (?, relation, tail)} by name, or empty if either is unknown. */
    public List<Prediction> predictHeads(String relation, String tail, int k) {
        OptionalInt t = entities.find(tail);
        OptionalInt r = relations.find(relation);
        if (t.isEmpty() || r.isEmpty()) {
            return List.of();
        }
        float[] s = new float[model.entityCount()];
        int base = reciprocalBase();
        if (base > 0 && r.getAsInt() < base) { // (?, r, t) as (t, r^-1, ?), as the model was trained to answer it
            model.scoreTails(t.getAsInt(), r.getAsInt() + base, s);
        } else {
            model.scoreHeads(r.getAsInt(), t.getAsInt(), s);
        }
        return top(s, k, t.getAsInt());
    }

    /**
     * The percentile of entity {@code tail} among all entities as the tail of {@code (head, relation, ?)}:
     * {@code 1 - (rank - 1) / (n - 1)} with the realistic rank (ties counted half), raw (known tails compete); 1 is
     * the model's first choice, 0 its last. Empty if a name is unknown.
     */
    public java.util.OptionalDouble tailPercentile(String head, String relation, String tail) {
        OptionalInt h = entities.find(head);
        OptionalInt r = relations.find(relation);
        OptionalInt t = entities.find(tail);
        if (h.isEmpty() || r.isEmpty() || t.isEmpty() || model.entityCount() < 2) {
            return java.util.OptionalDouble.empty();
        }
        float[] s = new float[model.entityCount()];
        model.scoreTails(h.getAsInt(), r.getAsInt(), s);
        return java.util.OptionalDouble.of(percentile(s, t.getAsInt()));
    }

    /** The realistic-rank percentile of {@code target} in {@code scores} (NaN scores rank last). */
    public static double percentile(float[] scores, int target) {
        int greater = 0;
        int equal = 0;
        float ts = scores[target];
        for (int e = 0; e < scores.length; e++) {
            if (e == target) {
                continue;
            }
            if (scores[e] > ts || Float.isNaN(ts)) {
                greater++;
            } else if (scores[e] == ts) {
                equal++;
            }
        }
        return scores.length < 2 ? 1 : 1 - (greater + equal / 2.0) / (scores.length - 1);
    }

    private List<Prediction> top(float[] s, int k, int exclude) {
        List<Integer> ids = new ArrayList<>();
        for (int e = 0; e < s.length; e++) {
            if (e != exclude) {
                ids.add(e);
            }
        }
        ids.sort((a, b) -> Float.compare(s[b], s[a]) != 0 ? Float.compare(s[b], s[a]) : Integer.compare(a, b));
        List<Prediction> out = new ArrayList<>();
        for (int i = 0; i < Math.min(k, ids.size()); i++) {
            out.add(new Prediction(entities.name(ids.get(i)), s[ids.get(i)]));
        }
        return out;
    }
}
