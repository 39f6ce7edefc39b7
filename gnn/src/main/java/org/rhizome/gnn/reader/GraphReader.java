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
 * KG-R3's reader (Pahuja et al., CIKM 2023): it reads a query {@code (h, r, ?)} with the subgraph retrieved around
 * {@code h} and scores every entity as the answer. Two architectures ({@link Architecture}):
 *
 * <p><b>Cross</b> (the paper's design, with one change below): the subgraph is encoded alone, one token per entity
 * (its embedding plus a type embedding; the head has its own type) and one per edge (its relation's embedding plus a
 * type embedding), by {@code layers} {@link TransformerLayer}s whose attention follows the graph: an entity token
 * attends to itself and the edges it takes part in, an edge token to itself and its two ends. The query is two tokens,
 * a learned {@code [CLS]} and the relation's embedding (each plus a position embedding), read by {@code layers}
 * unmasked layers, then by {@code layers} {@link CrossAttentionLayer}s that attend to the encoded subgraph (padding
 * closed). The {@code [CLS]} state, layer-normalised, is scored against every entity embedding plus a per-entity bias.
 *
 * <p>The change: the paper's reference code also puts the head's embedding among the query tokens and adds the
 * subgraph's head-token state to the read-out. Both give the reader a path from the head's identity straight to the
 * answer that bypasses the subgraph. On the two-hop graph of the tests (answers reachable only along a path), with
 * two layers per stack, the reader with both paths, or either one, fitted the training queries as well but reached
 * .10-.18 filtered MRR on held-out ones (one layer per stack: .02-.49); without both, .97-1.0. Here the head is known
 * to the query only through the subgraph, where it is a token of its own type, so its identity still reaches the
 * answer, but through attention.
 *
 * <p><b>Joint</b> (this project's first reader, kept for its files): one query token (head plus relation plus a type
 * embedding) joins the subgraph's tokens in one masked self-attention, where the query sees everything and everything
 * sees the query; its final state, layer-normalised, is scored the same way.
 *
 * <p>Training is cross-entropy over all entities with label smoothing. Simplifications against the paper, said
 * plainly: no hop or positional encodings inside the subgraph, pre-layer-norm layers (the paper uses BERT's
 * post-layer-norm), dropout only on the residual branches (the reference code also drops 60% of the input embeddings
 * and of the entity table when scoring), and scoring against all entities rather than the retrieved candidates.
 */
public final class GraphReader {

    /** How the query meets the subgraph. */
    public enum Architecture {
        /** The query token is one of the subgraph's tokens in a single masked self-attention. */
        JOINT,
        /** Subgraph and query encoded apart, then the query cross-attends to the subgraph (the paper's design). */
        CROSS
    }

    private final Architecture architecture;
    private final int model;
    private final Parameters parameters = new Parameters();
    private final Tensor entityEmb;
    private final Tensor relationEmb;
    private final Tensor typeEmb;
    private final Tensor outGain;
    private final Tensor outBias;
    private final Tensor entityBias;
    private final List<TransformerLayer> layers = new ArrayList<>();
    // the cross architecture's query side and read-out (null in the joint one)
    private final Tensor queryCls;
    private final Tensor queryPositions;
    private final List<TransformerLayer> queryLayers = new ArrayList<>();
    private final List<CrossAttentionLayer> crossLayers = new ArrayList<>();
    private final Tensor memoryGain;
    private final Tensor memoryBias;
    /** The cross architecture's query tokens: a learned {@code [CLS]} and the relation. */
    private static final int QUERY_TOKENS = 2;

    /**
     * A reader over {@code entities} entities and {@code relations} relation ids (reciprocals included), of width
     * {@code model} with {@code heads} attention heads and {@code layerCount} layers per stack, initialised from
     * {@code seed}.
     */
    public GraphReader(Architecture architecture, int entities, int relations, int model, int heads, int layerCount,
            long seed) {
        this.architecture = architecture;
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
        if (architecture == Architecture.CROSS) {
            queryCls = parameters.add("query.cls", Tensor.normal(random, 0.1f, 1, model));
            queryPositions = parameters.add("query.positions", Tensor.normal(random, 0.1f, QUERY_TOKENS, model));
            for (int l = 0; l < layerCount; l++) {
                queryLayers.add(new TransformerLayer(parameters, "query" + l, model, heads, 2 * model, random));
            }
            for (int l = 0; l < layerCount; l++) {
                crossLayers.add(new CrossAttentionLayer(parameters, "cross" + l, model, heads, 2 * model, random));
            }
            memoryGain = parameters.add("memory.norm", Tensor.full(1f, model));
            memoryBias = parameters.add("memory.norm.bias", Tensor.zeros(model));
        } else {
            queryCls = null;
            queryPositions = null;
            memoryGain = null;
            memoryBias = null;
        }
    }

    public Architecture architecture() {
        return architecture;
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
     * How much the query attends to each edge of its subgraph in the last layer, averaged over heads (joint: the
     * query token's self-attention; cross: the {@code [CLS]} token's cross-attention): the evidence the reader leaned
     * on. One weight per edge of {@code q}'s subgraph, in its order.
     */
    public float[] edgeAttention(Query q) {
        int n = q.subgraph().entities().length;
        int e = q.subgraph().src().length;
        // joint: the last layer's [L, L] with the query token first; cross: the last cross-attention's [Q, n + e]
        int firstEdge = architecture == Architecture.CROSS ? n : 1 + n;
        float[] attention = new float[architecture == Architecture.CROSS ? QUERY_TOKENS * (n + e)
                : (1 + n + e) * (1 + n + e)];
        Tensor.noGrad(() -> scores(List.of(q), 0f, false, null, attention));
        float[] out = new float[e];
        for (int j = 0; j < e; j++) {
            out[j] = attention[firstEdge + j]; // row 0: the query token, or the [CLS] token
        }
        return out;
    }

    private Tensor scores(List<Query> batch, float dropout, boolean training, Random random, float[] lastAttention) {
        return architecture == Architecture.CROSS ? crossScores(batch, dropout, training, random, lastAttention)
                : jointScores(batch, dropout, training, random, lastAttention);
    }

    private Tensor crossScores(List<Query> batch, float dropout, boolean training, Random random,
            float[] lastAttention) {
        int b = batch.size();
        int length = 0;
        for (Query q : batch) {
            length = Math.max(length, q.subgraph().entities().length + q.subgraph().src().length);
        }
        int[] entity = new int[b * length];
        int[] rel = new int[b * length];
        int[] type = new int[b * length];
        boolean[] mask = new boolean[b * length * length];
        boolean[] memoryMask = new boolean[b * QUERY_TOKENS * length];
        int[] queryRelation = new int[QUERY_TOKENS * b];
        int[] cls = new int[QUERY_TOKENS * b];
        int[] position = new int[QUERY_TOKENS * b];
        java.util.Arrays.fill(entity, -1);
        java.util.Arrays.fill(rel, -1);
        java.util.Arrays.fill(queryRelation, -1);
        java.util.Arrays.fill(cls, -1);
        for (int x = 0; x < b; x++) {
            Query q = batch.get(x);
            Subgraph s = q.subgraph();
            int n = s.entities().length;
            int e = s.src().length;
            placeSubgraph(s, x * length, 0, entity, rel, type); // the head has its own type
            openSubgraph(mask, x * length * length, length, s, 0);
            for (int i = 0; i < QUERY_TOKENS; i++) {
                int row = (x * QUERY_TOKENS + i) * length;
                java.util.Arrays.fill(memoryMask, row, row + n + e, true);
                position[QUERY_TOKENS * x + i] = i;
            }
            cls[QUERY_TOKENS * x] = 0;
            queryRelation[QUERY_TOKENS * x + 1] = q.relation();
        }
        Tensor tokens = place(entityEmb, entity).add(place(relationEmb, rel)).add(Index.gather(typeEmb, type))
                .reshape(b, length, model);
        for (TransformerLayer layer : layers) {
            tokens = layer.forward(tokens, mask, dropout, training, random);
        }
        Tensor memory = Nn.layerNorm(tokens, memoryGain, memoryBias, 1e-5f);
        Tensor query = place(queryCls, cls).add(place(relationEmb, queryRelation))
                .add(Index.gather(queryPositions, position)).reshape(b, QUERY_TOKENS, model);
        for (TransformerLayer layer : queryLayers) {
            query = layer.forward(query, null, dropout, training, random);
        }
        for (int l = 0; l < crossLayers.size(); l++) {
            query = crossLayers.get(l).forward(query, memory, memoryMask, dropout, training, random,
                    l == crossLayers.size() - 1 ? lastAttention : null);
        }
        return readOut(query, QUERY_TOKENS, b);
    }

    private Tensor jointScores(List<Query> batch, float dropout, boolean training, Random random,
            float[] lastAttention) {
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
            placeSubgraph(s, base + 1, 1, entity, rel, type);
            int m = x * length * length;
            openSubgraph(mask, m, length, s, 1);
            for (int t = 1; t < 1 + n + e; t++) {
                mask[m + t] = true; // query sees everything
                mask[m + t * length] = true; // everything sees the query
            }
        }
        Tensor tokens = place(entityEmb, entity).add(place(relationEmb, rel)).add(Index.gather(typeEmb, type))
                .reshape(b, length, model);
        for (int l = 0; l < layers.size(); l++) {
            tokens = layers.get(l).forward(tokens, mask, dropout, training, random,
                    l == layers.size() - 1 ? lastAttention : null);
        }
        return readOut(tokens, length, b);
    }

    /**
     * Writes the subgraph's tokens from position {@code at}: its entities (type {@code headType} for the head, 1 for
     * the others), then its edges (type 2, by relation).
     */
    private static void placeSubgraph(Subgraph s, int at, int headType, int[] entity, int[] rel, int[] type) {
        int n = s.entities().length;
        for (int i = 0; i < n; i++) {
            entity[at + i] = s.entities()[i];
            type[at + i] = i == 0 ? headType : 1;
        }
        for (int j = 0; j < s.src().length; j++) {
            rel[at + n + j] = s.relation()[j];
            type[at + n + j] = 2;
        }
    }

    /**
     * Opens the subgraph's attention in the {@code length x length} block of {@code mask} at {@code m}: every token
     * (padding included) sees itself, and an edge token and its two entity tokens see each other; entity tokens
     * start at {@code first}, edge tokens follow them.
     */
    private static void openSubgraph(boolean[] mask, int m, int length, Subgraph s, int first) {
        for (int t = 0; t < length; t++) {
            mask[m + t * length + t] = true;
        }
        int n = s.entities().length;
        for (int j = 0; j < s.src().length; j++) {
            int edge = first + n + j;
            int u = first + s.src()[j];
            int v = first + s.dst()[j];
            mask[m + edge * length + u] = true;
            mask[m + edge * length + v] = true;
            mask[m + u * length + edge] = true;
            mask[m + v * length + edge] = true;
        }
    }

    /**
     * The scores of every entity from the answer tokens, the first of each entry's {@code stride} rows of
     * {@code states [b, stride, d]}: layer-normalised, against every entity embedding plus its bias.
     */
    private Tensor readOut(Tensor states, int stride, int b) {
        int[] rows = new int[b];
        for (int x = 0; x < b; x++) {
            rows[x] = x * stride;
        }
        Tensor answer = Nn.layerNorm(Index.gather(states.reshape(b * stride, model), rows), outGain, outBias, 1e-5f);
        return LinAlg.matmulTransposed(answer, entityEmb).add(entityBias);
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
