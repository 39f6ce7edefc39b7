package org.rhizome.gnn.reader;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.rhizome.gnn.tensor.Index;
import org.rhizome.gnn.tensor.LinAlg;
import org.rhizome.gnn.tensor.Nn;
import org.rhizome.gnn.tensor.Parameters;
import org.rhizome.gnn.tensor.Tensor;

/**
 * A first version of KG-R3's reader (Pahuja et al., CIKM 2023): it reads a query {@code (h, r, ?)} with the subgraph
 * retrieved around {@code h} and scores every entity as the answer.
 *
 * <p>Tokens: one query token (the head's and the relation's embeddings plus a type embedding), one token per
 * subgraph entity (its embedding plus a type embedding) and one per subgraph edge (its relation's embedding plus a
 * type embedding). Attention follows the graph: an entity token attends to itself, the edges it takes part in and the
 * query; an edge token to itself, its two ends and the query; the query token to everything. {@code layers}
 * {@link TransformerLayer}s read the tokens; the query token's final state, layer-normalised, is scored against every
 * entity embedding (plus a per-entity bias); training is cross-entropy over all entities with label smoothing.
 *
 * <p>Simplifications against the paper, said plainly: the query attends to the subgraph through the same masked
 * self-attention (the paper has a separate cross-attention), no positional or hop encodings, and scoring against all
 * entities rather than the retrieved candidates.
 */
public final class GraphReader {
    private final int entities;
    private final int relations;
    private final int model;
    private final Parameters parameters = new Parameters();
    private final Tensor entityEmb;
    private final Tensor relationEmb;
    private final Tensor typeEmb;
    private final Tensor outGain;
    private final Tensor outBias;
    private final Tensor entityBias;
    private final List<TransformerLayer> layers = new ArrayList<>();

    /** A reader over {@code entities} entities and {@code relations} relation ids (reciprocals included). */
    public GraphReader(int entities, int relations, int model, int heads, int layerCount, long seed) {
        this.entities = entities;
        this.relations = relations;
        this.model = model;
        Random random = new Random(seed);
        entityEmb = parameters.add("entities", Tensor.normal(random, 0.1f, entities, model));
        relationEmb = parameters.add("relations", Tensor.normal(random, 0.1f, relations, model));
        typeEmb = parameters.add("types", Tensor.normal(random, 0.1f, 3, model));
        for (int l = 0; l < layerCount; l++) {
            layers.add(new TransformerLayer(parameters, "layer" + l, model, heads, 2 * model, random));
        }
        outGain = parameters.add("out.norm", Tensor.full(1f, model));
        outBias = parameters.add("out.norm.bias", Tensor.zeros(model));
        entityBias = parameters.add("entities.bias", Tensor.zeros(entities));
    }

    public Parameters parameters() {
        return parameters;
    }

    /** One query with its subgraph. */
    public record Query(int head, int relation, Subgraph subgraph) {}

    /**
     * Scores of every entity for each query, {@code [B, entities]}.
     *
     * @param dropout residual dropout while {@code training}
     */
    public Tensor scores(List<Query> batch, float dropout, boolean training, Random random) {
        return scores(batch, dropout, training, random, null);
    }

    /**
     * How much the query token attends to each edge of its subgraph in the last layer (averaged over heads): the
     * evidence the reader leaned on. One weight per edge of {@code q}'s subgraph, in its order.
     */
    public float[] edgeAttention(Query q) {
        int length = 1 + q.subgraph().entities().length + q.subgraph().src().length;
        float[] attention = new float[length * length];
        Tensor.noGrad(() -> scores(List.of(q), 0f, false, null, attention));
        float[] out = new float[q.subgraph().src().length];
        int firstEdge = 1 + q.subgraph().entities().length;
        for (int e = 0; e < out.length; e++) {
            out[e] = attention[firstEdge + e]; // row 0: the query token
        }
        return out;
    }

    private Tensor scores(List<Query> batch, float dropout, boolean training, Random random, float[] lastAttention) {
        int b = batch.size();
        int length = 0;
        for (Query q : batch) {
            length = Math.max(length, 1 + q.subgraph().entities().length + q.subgraph().src().length);
        }
        // each token's entity (or -1) and relation (or -1); the query token has both
        int[] entity = new int[b * length];
        int[] rel = new int[b * length];
        int[] type = new int[b * length];
        boolean[] mask = new boolean[b * length * length];
        java.util.Arrays.fill(entity, -1);
        java.util.Arrays.fill(rel, -1);
        for (int x = 0; x < b; x++) {
            Query q = batch.get(x);
            Subgraph s = q.subgraph();
            int n = s.entities().length;
            int e = s.src().length;
            int base = x * length;
            entity[base] = q.head();
            rel[base] = q.relation();
            type[base] = 0;
            for (int i = 0; i < n; i++) {
                entity[base + 1 + i] = s.entities()[i];
                type[base + 1 + i] = 1;
            }
            for (int j = 0; j < e; j++) {
                rel[base + 1 + n + j] = s.relation()[j];
                type[base + 1 + n + j] = 2;
            }
            int used = 1 + n + e;
            int m = x * length * length;
            for (int t = 0; t < length; t++) {
                mask[m + t * length + t] = true; // every token, padding included, sees itself
            }
            for (int t = 1; t < used; t++) {
                mask[m + t] = true; // query sees everything
                mask[m + t * length] = true; // everything sees the query
            }
            for (int j = 0; j < e; j++) {
                int edge = 1 + n + j;
                int u = 1 + s.src()[j];
                int v = 1 + s.dst()[j];
                mask[m + edge * length + u] = true;
                mask[m + edge * length + v] = true;
                mask[m + u * length + edge] = true;
                mask[m + v * length + edge] = true;
            }
        }
        Tensor tokens = place(entityEmb, entity).add(place(relationEmb, rel)).add(Index.gather(typeEmb, type))
                .reshape(b, length, model);
        for (int l = 0; l < layers.size(); l++) {
            tokens = layers.get(l).forward(tokens, mask, dropout, training, random,
                    l == layers.size() - 1 ? lastAttention : null);
        }
        int[] queryRows = new int[b];
        for (int x = 0; x < b; x++) {
            queryRows[x] = x * length;
        }
        Tensor query = Nn.layerNorm(Index.gather(tokens.reshape(b * length, model), queryRows), outGain, outBias,
                1e-5f);
        return LinAlg.matmulTransposed(query, entityEmb).add(entityBias);
    }

    /**
     * The rows {@code table[ids[t]]} at positions {@code t}, zero where {@code ids[t] < 0}: gathers only the rows
     * the batch uses (no copy of the whole table per batch).
     */
    private Tensor place(Tensor table, int[] ids) {
        int used = 0;
        for (int id : ids) {
            used += id >= 0 ? 1 : 0;
        }
        int[] rows = new int[used];
        int[] at = new int[used];
        for (int t = 0, u = 0; t < ids.length; t++) {
            if (ids[t] >= 0) {
                rows[u] = ids[t];
                at[u++] = t;
            }
        }
        return Index.scatterAdd(Index.gather(table, rows), at, ids.length);
    }

    /** Mean cross-entropy of the queries' answers {@code tails}, with label smoothing. */
    public Tensor loss(List<Query> batch, int[] tails, float labelSmoothing, float dropout, Random random) {
        return Nn.crossEntropy(scores(batch, dropout, true, random), tails, labelSmoothing);
    }
}
