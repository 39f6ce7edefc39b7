package org.rhizome.gnn.reader;

import java.util.Arrays;
import java.util.Random;

import org.rhizome.gnn.tensor.Nn;
import org.rhizome.gnn.tensor.Parameters;
import org.rhizome.gnn.tensor.Tensor;

/**
 * A pre-layer-norm multi-head attention sub-layer with its residual: {@code x + dropout(O(attend(Q(norm(x)),
 * K(m), V(m))))}, where the keys and values {@code m} are {@code norm(x)} itself (self-attention) or another
 * sequence's states (cross-attention, not normalised here: they come out of their own encoder).
 *
 * <p>Registers {@code prefix.q, .k, .v, .o} {@code [d, d]} (Xavier-uniform, drawn in that order) with
 * {@code .bias} vectors, and the layer norm {@code norm} with {@code norm.bias}.
 */
final class AttentionBlock {
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
    private final Tensor gain;
    private final Tensor shift;

    AttentionBlock(Parameters ps, String prefix, String norm, int model, int heads, Random random) {
        if (model < 1 || heads < 1 || model % heads != 0) {
            throw new IllegalArgumentException("attention needs a width divisible by its heads, got d " + model
                    + ", " + heads + " heads");
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
        gain = ps.add(norm, Tensor.full(1f, model));
        shift = ps.add(norm + ".bias", Tensor.zeros(model));
    }

    static Tensor xavier(Random random, int in, int out) {
        return Tensor.uniform(random, (float) Math.sqrt(6.0 / (in + out)), in, out);
    }

    /**
     * @param x the attending tokens {@code [B, Lq, d]}
     * @param memory the attended tokens {@code [B, Lk, d]}, or {@code null} to attend to {@code x} itself
     * @param mask {@code B * Lq * Lk} flags: may token i of entry b attend to token j ({@code null}: all)
     * @param attention when not {@code null}, receives the probabilities averaged over heads, {@code [B, Lq, Lk]}
     * @return {@code [B, Lq, d]}
     */
    Tensor forward(Tensor x, Tensor memory, boolean[] mask, float dropout, boolean training, Random random,
            float[] attention) {
        if (x.rank() != 3 || x.dim(2) != model || memory != null
                && (memory.rank() != 3 || memory.dim(0) != x.dim(0) || memory.dim(2) != model)) {
            throw new IllegalArgumentException("tokens of shape " + Arrays.toString(x.shape()) + " attending to "
                    + (memory == null ? "themselves" : Arrays.toString(memory.shape())) + " in a layer of width "
                    + model);
        }
        int batch = x.dim(0);
        int lq = x.dim(1);
        Tensor h = Nn.layerNorm(x, gain, shift, 1e-5f);
        Tensor m = memory == null ? h : memory;
        int lk = m.dim(1);
        Tensor q = h.matmul(wq).add(bq);
        Tensor k = m.matmul(wk).add(bk);
        Tensor v = m.matmul(wv).add(bv);
        float[] perHead = attention == null ? null : new float[batch * heads * lq * lk];
        Tensor attended = Nn.attention(q, k, v, heads, mask, perHead);
        if (attention != null) {
            int block = lq * lk;
            Arrays.fill(attention, 0, batch * block, 0f);
            for (int b = 0; b < batch; b++) {
                for (int hh = 0; hh < heads; hh++) {
                    for (int i = 0; i < block; i++) {
                        attention[b * block + i] += perHead[(b * heads + hh) * block + i] / heads;
                    }
                }
            }
        }
        return x.add(Nn.dropout(attended.matmul(wo).add(bo), dropout, training, random));
    }
}
