package org.rhizome.gnn.reader;

import java.util.Random;

import org.rhizome.gnn.tensor.Nn;
import org.rhizome.gnn.tensor.Ops;
import org.rhizome.gnn.tensor.Parameters;
import org.rhizome.gnn.tensor.Tensor;

/**
 * A pre-layer-norm feed-forward sub-layer with its residual: {@code x + dropout(W2 gelu(W1 norm(x) + b1) + b2)}.
 * Registers {@code prefix.ffn1} {@code [d, ffn]} and {@code prefix.ffn2} {@code [ffn, d]} (Xavier-uniform, drawn in
 * that order) with {@code .bias} vectors, and the layer norm {@code norm} with {@code norm.bias}.
 */
final class FeedForwardBlock {
    private final Tensor w1;
    private final Tensor b1;
    private final Tensor w2;
    private final Tensor b2;
    private final Tensor gain;
    private final Tensor shift;

    FeedForwardBlock(Parameters ps, String prefix, String norm, int model, int ffn, Random random) {
        if (ffn < 1) {
            throw new IllegalArgumentException("a feed-forward width must be at least 1, got " + ffn);
        }
        w1 = ps.add(prefix + ".ffn1", AttentionBlock.xavier(random, model, ffn));
        b1 = ps.add(prefix + ".ffn1.bias", Tensor.zeros(ffn));
        w2 = ps.add(prefix + ".ffn2", AttentionBlock.xavier(random, ffn, model));
        b2 = ps.add(prefix + ".ffn2.bias", Tensor.zeros(model));
        gain = ps.add(norm, Tensor.full(1f, model));
        shift = ps.add(norm + ".bias", Tensor.zeros(model));
    }

    Tensor forward(Tensor x, float dropout, boolean training, Random random) {
        Tensor f = Ops.gelu(Nn.layerNorm(x, gain, shift, 1e-5f).matmul(w1).add(b1)).matmul(w2).add(b2);
        return x.add(Nn.dropout(f, dropout, training, random));
    }
}
