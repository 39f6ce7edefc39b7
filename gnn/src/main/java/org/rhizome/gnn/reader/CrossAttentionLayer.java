package org.rhizome.gnn.reader;

import java.util.Random;

import org.rhizome.gnn.tensor.Parameters;
import org.rhizome.gnn.tensor.Tensor;

/**
 * One Transformer decoder layer without causal masking, the query side of the KG-R3 reader's cross-attention: the
 * query tokens attend to each other, then to the encoded subgraph, then go through a feed-forward; each sub-layer
 * pre-layer-norm with a residual and dropout, as in {@link TransformerLayer}.
 *
 * <p>Weights under {@code prefix}: self-attention {@code .q, .k, .v, .o} with norm {@code .norm1}, cross-attention
 * {@code .cross.q, .cross.k, .cross.v, .cross.o} with norm {@code .norm.cross}, feed-forward {@code .ffn1, .ffn2}
 * with norm {@code .norm2}.
 */
public final class CrossAttentionLayer {
    private final AttentionBlock self;
    private final AttentionBlock cross;
    private final FeedForwardBlock feedForward;

    public CrossAttentionLayer(Parameters ps, String prefix, int model, int heads, int ffn, Random random) {
        self = new AttentionBlock(ps, prefix, prefix + ".norm1", model, heads, random);
        cross = new AttentionBlock(ps, prefix + ".cross", prefix + ".norm.cross", model, heads, random);
        feedForward = new FeedForwardBlock(ps, prefix, prefix + ".norm2", model, ffn, random);
    }

    /**
     * @param x the query tokens {@code [B, Lq, d]}; they all see each other
     * @param memory the encoded subgraph {@code [B, Lk, d]}
     * @param memoryMask {@code B * Lq * Lk} flags: which subgraph tokens each query token may attend to (padding
     *     closed)
     * @param probabilities when not {@code null}, receives the cross-attention probabilities averaged over heads,
     *     {@code [B, Lq, Lk]}
     * @return {@code [B, Lq, d]}
     */
    public Tensor forward(Tensor x, Tensor memory, boolean[] memoryMask, float dropout, boolean training,
            Random random, float[] probabilities) {
        Tensor y = self.forward(x, null, null, dropout, training, random, null);
        y = cross.forward(y, memory, memoryMask, dropout, training, random, probabilities);
        return feedForward.forward(y, dropout, training, random);
    }
}
