package org.rhizome.gnn.reader;

import java.util.Random;

import org.rhizome.gnn.tensor.LinAlg;
import org.rhizome.gnn.tensor.Nn;
import org.rhizome.gnn.tensor.Ops;
import org.rhizome.gnn.tensor.Parameters;
import org.rhizome.gnn.tensor.Tensor;

/**
 * One Transformer encoder layer with masked multi-head self-attention, the building block of the KG-R3 graph reader:
 * pre-layer-norm (normalise, attend, add; normalise, feed forward, add), GELU in the feed-forward, dropout on both
 * residual branches. The attention mask is the reader's graph: token {@code i} may attend to token {@code j} only
 * where the mask allows it, so a node token sees its neighbours in the retrieved subgraph and the query tokens.
 *
 * <p>Weights are registered in a {@link Parameters} under {@code prefix}: {@code q, k, v, o} projections
 * {@code [d, d]} with biases, feed-forward {@code [d, ffn]} and {@code [ffn, d]} with biases, and the two layer norms'
 * gain and bias. Projections start Xavier-uniform, biases at 0, gains at 1.
 */
public final class TransformerLayer {
    private final int model;
    private final int heads;
    private final Tensor wq;
    private final Tensor bq;
    private final Tensor wk;
    private final Tensor bk;
    private final Tensor wv;
    private final Tensor bv;
    private final Tensor wo;
    private final Tensor bo;
    private final Tensor w1;
    private final Tensor b1;
    private final Tensor w2;
    private final Tensor b2;
    private final Tensor g1;
    private final Tensor n1;
    private final Tensor g2;
    private final Tensor n2;

    /**
     * @param model the token width d (a multiple of {@code heads})
     * @param heads attention heads
     * @param ffn the feed-forward width
     */
    public TransformerLayer(Parameters ps, String prefix, int model, int heads, int ffn, Random random) {
        if (model < 1 || heads < 1 || model % heads != 0 || ffn < 1) {
            throw new IllegalArgumentException("a Transformer layer needs d divisible by heads and ffn >= 1, got d "
                    + model + ", " + heads + " heads, ffn " + ffn);
        }
        this.model = model;
        this.heads = heads;
        wq = ps.add(prefix + ".q", xavier(random, model, model));
        bq = ps.add(prefix + ".q.bias", Tensor.zeros(model));
        wk = ps.add(prefix + ".k", xavier(random, model, model));
        bk = ps.add(prefix + ".k.bias", Tensor.zeros(model));
        wv = ps.add(prefix + ".v", xavier(random, model, model));
        bv = ps.add(prefix + ".v.bias", Tensor.zeros(model));
        wo = ps.add(prefix + ".o", xavier(random, model, model));
        bo = ps.add(prefix + ".o.bias", Tensor.zeros(model));
        w1 = ps.add(prefix + ".ffn1", xavier(random, model, ffn));
        b1 = ps.add(prefix + ".ffn1.bias", Tensor.zeros(ffn));
        w2 = ps.add(prefix + ".ffn2", xavier(random, ffn, model));
        b2 = ps.add(prefix + ".ffn2.bias", Tensor.zeros(model));
        g1 = ps.add(prefix + ".norm1", Tensor.full(1f, model));
        n1 = ps.add(prefix + ".norm1.bias", Tensor.zeros(model));
        g2 = ps.add(prefix + ".norm2", Tensor.full(1f, model));
        n2 = ps.add(prefix + ".norm2.bias", Tensor.zeros(model));
    }

    static Tensor xavier(Random random, int in, int out) {
        return Tensor.uniform(random, (float) Math.sqrt(6.0 / (in + out)), in, out);
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
     * averaged over heads, {@code [B, L, L]}, into {@code attention} when it is not {@code null}.
     */
    public Tensor forward(Tensor x, boolean[] mask, float dropout, boolean training, Random random,
            float[] attention) {
        int batch = x.dim(0);
        int length = x.dim(1);
        if (x.rank() != 3 || x.dim(2) != model) {
            throw new IllegalArgumentException("tokens of shape " + java.util.Arrays.toString(x.shape())
                    + " for a layer of width " + model);
        }
        Tensor h = Nn.layerNorm(x, g1, n1, 1e-5f);
        Tensor q = split(h.matmul(wq).add(bq), batch, length);
        Tensor k = split(h.matmul(wk).add(bk), batch, length);
        Tensor v = split(h.matmul(wv).add(bv), batch, length);
        float[] perHeadProbabilities = attention == null ? null : new float[batch * heads * length * length];
        Tensor attended = merge(Nn.attention(q, k, v, perHead(mask, batch, length), perHeadProbabilities), batch,
                length);
        if (attention != null) {
            int square = length * length;
            java.util.Arrays.fill(attention, 0, batch * square, 0f);
            for (int b = 0; b < batch; b++) {
                for (int hh = 0; hh < heads; hh++) {
                    for (int i = 0; i < square; i++) {
                        attention[b * square + i] += perHeadProbabilities[(b * heads + hh) * square + i] / heads;
                    }
                }
            }
        }
        Tensor y = x.add(Nn.dropout(attended.matmul(wo).add(bo), dropout, training, random));
        Tensor f = Ops.gelu(Nn.layerNorm(y, g2, n2, 1e-5f).matmul(w1).add(b1)).matmul(w2).add(b2);
        return y.add(Nn.dropout(f, dropout, training, random));
    }

    /** {@code [B, L, d] -> [B * H, L, d / H]}. */
    private Tensor split(Tensor t, int batch, int length) {
        int dh = model / heads;
        return LinAlg.swapAxes(t.reshape(batch, length, heads, dh), 1, 2).reshape(batch * heads, length, dh);
    }

    /** {@code [B * H, L, d / H] -> [B, L, d]}. */
    private Tensor merge(Tensor t, int batch, int length) {
        int dh = model / heads;
        return LinAlg.swapAxes(t.reshape(batch, heads, length, dh), 1, 2).reshape(batch, length, model);
    }

    /** The mask repeated for every head, in the order {@link #split} folds heads into the batch. */
    private boolean[] perHead(boolean[] mask, int batch, int length) {
        if (mask == null) {
            return null;
        }
        int square = length * length;
        if (mask.length != batch * square) {
            throw new IllegalArgumentException("a mask of " + mask.length + " flags for " + batch + " x " + length
                    + " x " + length);
        }
        boolean[] out = new boolean[batch * heads * square];
        for (int b = 0; b < batch; b++) {
            for (int hh = 0; hh < heads; hh++) {
                System.arraycopy(mask, b * square, out, (b * heads + hh) * square, square);
            }
        }
        return out;
    }
}
