package org.rhizome.gnn.reader;

import java.util.Random;

import org.rhizome.gnn.tensor.Parameters;
import org.rhizome.gnn.tensor.Tensor;

/**
 * One Transformer encoder layer with masked multi-head self-attention, the building block of the KG-R3 graph reader:
 * pre-layer-norm (normalise, attend, add; normalise, feed forward, add), GELU in the feed-forward, dropout on both
 * residual branches. The attention mask is the reader's graph: token {@code i} may attend to token {@code j} only
 * where the mask allows it, so a node token sees its neighbours in the retrieved subgraph (and, in the joint
 * architecture, the query token).
 *
 * <p>Weights are registered in a {@link Parameters} under {@code prefix}: {@code q, k, v, o} projections
 * {@code [d, d]} with biases, feed-forward {@code [d, ffn]} and {@code [ffn, d]} with biases, and the two layer norms'
 * gain and bias ({@code norm1}, {@code norm2}). Projections start Xavier-uniform, biases at 0, gains at 1.
 */
public final class TransformerLayer {
    private final AttentionBlock attention;
    private final FeedForwardBlock feedForward;

    /**
     * @param model the token width d (a multiple of {@code heads})
     * @param heads attention heads
     * @param ffn the feed-forward width
     */
    public TransformerLayer(Parameters ps, String prefix, int model, int heads, int ffn, Random random) {
        attention = new AttentionBlock(ps, prefix, prefix + ".norm1", model, heads, random);
        feedForward = new FeedForwardBlock(ps, prefix, prefix + ".norm2", model, ffn, random);
    }

    /**
     * @param x tokens {@code [B, L, d]}
     * @param mask {@code B * L * L} flags: may token i of entry b attend to token j ({@code null}: all)
     * @param dropout the residual dropout probability while {@code training}
     * @return {@code [B, L, d]}
     */
    public Tensor forward(Tensor x, boolean[] mask, float dropout, boolean training, Random random) {
        return forward(x, mask, dropout, training, random, null);
    }

    /**
     * As {@link #forward(Tensor, boolean[], float, boolean, Random)}, also writing the attention probabilities
     * averaged over heads, {@code [B, L, L]}, into {@code probabilities} when it is not {@code null}.
     */
    public Tensor forward(Tensor x, boolean[] mask, float dropout, boolean training, Random random,
            float[] probabilities) {
        Tensor y = attention.forward(x, null, mask, dropout, training, random, probabilities);
        return feedForward.forward(y, dropout, training, random);
    }
}
