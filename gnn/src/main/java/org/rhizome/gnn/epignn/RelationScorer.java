package org.rhizome.gnn.epignn;

import java.util.List;

import org.rhizome.gnn.reasoning.ReasoningExample;
import org.rhizome.gnn.tensor.Tensor;

/** What answers relation queries on graphs: an {@link EpiGnn}, or several together ({@link EpiGnnEnsemble}). */
public interface RelationScorer {

    /** The number of relation labels (classes). */
    int relations();

    /** Class scores {@code [B, R]} for {@code examples} (higher is more likely), without recording gradients. */
    Tensor score(List<ReasoningExample> examples);

    /** The most likely relation label id of each example: the highest score, the lowest id on ties. */
    default int[] predict(List<ReasoningExample> examples) {
        Tensor s = score(examples);
        int classes = relations();
        int[] out = new int[examples.size()];
        for (int q = 0; q < out.length; q++) {
            int best = 0;
            for (int r = 1; r < classes; r++) {
                if (s.get(q, r) > s.get(q, best)) {
                    best = r;
                }
            }
            out[q] = best;
        }
        return out;
    }
}
