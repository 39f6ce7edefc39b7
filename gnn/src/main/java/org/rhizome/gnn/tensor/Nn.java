package org.rhizome.gnn.tensor;

import java.util.Arrays;
import java.util.Random;

import org.rhizome.gnn.kernel.Kernels;

/**
 * Neural-network functions with fused, hand-derived backward passes: softmax and log-softmax over the last dimension,
 * layer normalisation, dropout, cross-entropy (with label smoothing), the margin ranking loss and masked scaled
 * dot-product attention.
 */
public final class Nn {
    private static final Kernels K = Kernels.get();

    private Nn() {}

    /** Softmax over the last dimension, computed stably (max subtracted). */
    public static Tensor softmax(Tensor x) {
        int len = x.shape[x.shape.length - 1];
        int rows = len == 0 ? 0 : x.data.length / len;
        float[] out = new float[x.data.length];
        for (int r = 0; r < rows; r++) {
            int o = r * len;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < len; j++) {
                max = Math.max(max, x.data[o + j]);
            }
            double sum = 0;
            for (int j = 0; j < len; j++) {
                float e = (float) Math.exp(x.data[o + j] - max);
                out[o + j] = e;
                sum += e;
            }
            float inv = (float) (1.0 / sum);
            for (int j = 0; j < len; j++) {
                out[o + j] *= inv;
            }
        }
        return Tensor.result(out, x.shape.clone(), t -> {
            // dx_j = y_j (g_j - sum_k g_k y_k)
            float[] gx = Tensor.gradOf(x);
            for (int r = 0; r < rows; r++) {
                int o = r * len;
                double dot = 0;
                for (int j = 0; j < len; j++) {
                    dot += t.grad[o + j] * out[o + j];
                }
                for (int j = 0; j < len; j++) {
                    gx[o + j] += out[o + j] * (float) (t.grad[o + j] - dot);
                }
            }
        }, x);
    }

    /** Log-softmax over the last dimension, computed stably. */
    public static Tensor logSoftmax(Tensor x) {
        int len = x.shape[x.shape.length - 1];
        int rows = len == 0 ? 0 : x.data.length / len;
        float[] out = new float[x.data.length];
        for (int r = 0; r < rows; r++) {
            int o = r * len;
            float lse = logSumExp(x.data, o, len);
            for (int j = 0; j < len; j++) {
                out[o + j] = x.data[o + j] - lse;
            }
        }
        return Tensor.result(out, x.shape.clone(), t -> {
            // dx_j = g_j - softmax_j * sum_k g_k
            float[] gx = Tensor.gradOf(x);
            for (int r = 0; r < rows; r++) {
                int o = r * len;
                double sum = 0;
                for (int j = 0; j < len; j++) {
                    sum += t.grad[o + j];
                }
                for (int j = 0; j < len; j++) {
                    gx[o + j] += t.grad[o + j] - (float) (Math.exp(out[o + j]) * sum);
                }
            }
        }, x);
    }

    static float logSumExp(float[] v, int off, int len) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < len; j++) {
            max = Math.max(max, v[off + j]);
        }
        if (max == Float.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (int j = 0; j < len; j++) {
            sum += Math.exp(v[off + j] - max);
        }
        return (float) (max + Math.log(sum));
    }

    /**
     * Layer normalisation over the last dimension: {@code (x - mean) / sqrt(var + eps) * gamma + beta}, the variance
     * biased (divided by the length), as PyTorch's {@code LayerNorm}. {@code gamma} and {@code beta} have the length
     * of the last dimension.
     */
    public static Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, float eps) {
        int len = x.shape[x.shape.length - 1];
        if (gamma.data.length != len || beta.data.length != len) {
            throw new IllegalArgumentException("layerNorm over " + len + " features with gamma "
                    + Arrays.toString(gamma.shape) + " and beta " + Arrays.toString(beta.shape));
        }
        int rows = len == 0 ? 0 : x.data.length / len;
        float[] xhat = new float[x.data.length];
        float[] invStd = new float[rows];
        float[] out = new float[x.data.length];
        LinAlg.forEach(rows, 6L * len, r -> {
            int o = r * len;
            double mean = 0;
            for (int j = 0; j < len; j++) {
                mean += x.data[o + j];
            }
            mean /= len;
            double var = 0;
            for (int j = 0; j < len; j++) {
                double d = x.data[o + j] - mean;
                var += d * d;
            }
            var /= len;
            invStd[r] = (float) (1.0 / Math.sqrt(var + eps));
            for (int j = 0; j < len; j++) {
                xhat[o + j] = (float) ((x.data[o + j] - mean) * invStd[r]);
                out[o + j] = xhat[o + j] * gamma.data[j] + beta.data[j];
            }
        });
        return Tensor.result(out, x.shape.clone(), t -> {
            float[] g = t.grad;
            if (Tensor.wants(gamma)) {
                float[] gg = Tensor.gradOf(gamma);
                for (int i = 0; i < g.length; i++) {
                    gg[i % len] += g[i] * xhat[i];
                }
            }
            if (Tensor.wants(beta)) {
                float[] gb = Tensor.gradOf(beta);
                for (int i = 0; i < g.length; i++) {
                    gb[i % len] += g[i];
                }
            }
            if (Tensor.wants(x)) {
                // dx = invStd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)), dxhat = g * gamma
                float[] gx = Tensor.gradOf(x);
                LinAlg.forEach(rows, 6L * len, r -> {
                    int o = r * len;
                    double m1 = 0;
                    double m2 = 0;
                    for (int j = 0; j < len; j++) {
                        double dh = g[o + j] * gamma.data[j];
                        m1 += dh;
                        m2 += dh * xhat[o + j];
                    }
                    double mean1 = m1 / len;
                    double mean2 = m2 / len;
                    for (int j = 0; j < len; j++) {
                        double dh = g[o + j] * gamma.data[j];
                        gx[o + j] += (float) (invStd[r] * (dh - mean1 - xhat[o + j] * mean2));
                    }
                });
            }
        }, x, gamma, beta);
    }

    /**
     * Inverted dropout: while {@code training}, each element is zeroed with probability {@code p} and the rest scaled
     * by {@code 1 / (1 - p)}; otherwise {@code x} itself.
     */
    public static Tensor dropout(Tensor x, float p, boolean training, Random random) {
        if (!training || p == 0f) {
            return x;
        }
        if (p < 0f || p >= 1f) {
            throw new IllegalArgumentException("dropout probability " + p + " outside [0, 1)");
        }
        float keep = 1f / (1f - p);
        float[] mask = new float[x.data.length];
        float[] out = new float[x.data.length];
        for (int i = 0; i < out.length; i++) {
            mask[i] = random.nextFloat() < p ? 0f : keep;
            out[i] = x.data[i] * mask[i];
        }
        return Tensor.result(out, x.shape.clone(), t -> {
            float[] gx = Tensor.gradOf(x);
            for (int i = 0; i < mask.length; i++) {
                gx[i] += t.grad[i] * mask[i];
            }
        }, x);
    }

    /**
     * Mean cross-entropy of {@code logits [B, C]} against class indices {@code targets[B]}, with label smoothing
     * {@code eps} (the target distribution puts {@code 1 - eps + eps / C} on the target and {@code eps / C}
     * elsewhere, as PyTorch's {@code label_smoothing}).
     */
    public static Tensor crossEntropy(Tensor logits, int[] targets, float eps) {
        if (logits.shape.length != 2 || logits.shape[0] != targets.length) {
            throw new IllegalArgumentException("crossEntropy of logits " + Arrays.toString(logits.shape) + " and "
                    + targets.length + " targets");
        }
        int batch = targets.length;
        int classes = logits.shape[1];
        for (int b = 0; b < batch; b++) {
            if (targets[b] < 0 || targets[b] >= classes) {
                throw new IndexOutOfBoundsException(
                        "crossEntropy: target[" + b + "] = " + targets[b] + " outside [0, " + classes + ")");
            }
        }
        // one exp per logit: the softmax is kept from the forward pass for the backward one; rows run in parallel
        float[] prob = new float[logits.data.length];
        double[] rowLoss = new double[batch];
        LinAlg.forEach(batch, 8L * classes, b -> {
            int o = b * classes;
            float max = Float.NEGATIVE_INFINITY;
            double total = 0;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits.data[o + c]);
                total += logits.data[o + c];
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                float e = (float) Math.exp(logits.data[o + c] - max);
                prob[o + c] = e;
                sum += e;
            }
            double lse = max + Math.log(sum);
            float inv = (float) (1.0 / sum);
            for (int c = 0; c < classes; c++) {
                prob[o + c] *= inv;
            }
            // -sum_c q_c log p_c with q = (1 - eps) one-hot + eps / C
            rowLoss[b] = -(1.0 - eps) * (logits.data[o + targets[b]] - lse) - eps * (total / classes - lse);
        });
        double loss = 0;
        for (double l : rowLoss) {
            loss += l;
        }
        return Tensor.result(new float[] {(float) (loss / batch)}, new int[0], t -> {
            float[] gl = Tensor.gradOf(logits);
            float g = t.grad[0] / batch;
            LinAlg.forEach(batch, 2L * classes, b -> {
                int o = b * classes;
                for (int c = 0; c < classes; c++) {
                    gl[o + c] += g * (float) (prob[o + c] - smoothed(c, targets[b], classes, eps));
                }
            });
        }, logits);
    }

    private static double smoothed(int c, int target, int classes, float eps) {
        return (c == target ? 1.0 - eps : 0.0) + (double) eps / classes;
    }

    /**
     * Mean margin ranking loss {@code max(0, margin - positive + negative)} over paired scores of equal shape: a
     * positive should score at least {@code margin} above its negative.
     */
    public static Tensor marginLoss(Tensor positive, Tensor negative, float margin) {
        return Ops.mean(Ops.relu(Ops.addScalar(Ops.sub(negative, positive), margin)));
    }

    /**
     * Masked scaled dot-product attention: {@code softmax(q k^T / sqrt(d) + mask) v} per batch entry, where
     * {@code mask[(b * lq + i) * lk + j]} says whether query position {@code i} may attend to key position {@code j}
     * (multi-head attention folds its heads into the batch). A query row whose mask allows nothing gets a zero output
     * (and no gradient), rather than the average of everything a large negative bias would give.
     *
     * @param q queries {@code [B, Lq, d]}
     * @param k keys {@code [B, Lk, d]}
     * @param v values {@code [B, Lk, dv]}
     * @param mask {@code B * Lq * Lk} flags, or {@code null} for no mask
     * @return {@code [B, Lq, dv]}
     */
    public static Tensor attention(Tensor q, Tensor k, Tensor v, boolean[] mask) {
        return attention(q, k, v, mask, null);
    }

    /**
     * As {@link #attention(Tensor, Tensor, Tensor, boolean[])}, also copying the attention probabilities
     * {@code [B, Lq, Lk]} into {@code probabilities} when it is not {@code null} (for explanations).
     */
    public static Tensor attention(Tensor q, Tensor k, Tensor v, boolean[] mask, float[] probabilities) {
        return attention(q, k, v, 1, mask, probabilities);
    }

    /**
     * Multi-head masked attention without moving heads into the batch: head {@code h} of {@code heads} reads columns
     * {@code [h * d / heads, (h + 1) * d / heads)} of {@code q} and {@code k} and writes the same slice of the
     * output from that slice of {@code v}, scaled by {@code 1 / sqrt(d / heads)}. The mask is shared by all heads.
     *
     * @param q queries {@code [B, Lq, d]}
     * @param k keys {@code [B, Lk, d]}
     * @param v values {@code [B, Lk, dv]}
     * @param heads divides {@code d} and {@code dv}
     * @param mask {@code B * Lq * Lk} flags, or {@code null} for no mask
     * @param probabilities when not {@code null}, receives each head's probabilities, {@code [B, heads, Lq, Lk]}
     * @return {@code [B, Lq, dv]}
     */
    public static Tensor attention(Tensor q, Tensor k, Tensor v, int heads, boolean[] mask, float[] probabilities) {
        if (q.shape.length != 3 || k.shape.length != 3 || v.shape.length != 3 || q.shape[0] != k.shape[0]
                || k.shape[0] != v.shape[0] || q.shape[2] != k.shape[2] || k.shape[1] != v.shape[1]) {
            throw new IllegalArgumentException("attention of q " + Arrays.toString(q.shape) + ", k "
                    + Arrays.toString(k.shape) + ", v " + Arrays.toString(v.shape));
        }
        int batch = q.shape[0];
        int lq = q.shape[1];
        int lk = k.shape[1];
        int width = q.shape[2];
        int vWidth = v.shape[2];
        if (heads < 1 || width % heads != 0 || vWidth % heads != 0) {
            throw new IllegalArgumentException(heads + " heads for widths " + width + " and " + vWidth);
        }
        if (mask != null && mask.length != batch * lq * lk) {
            throw new IllegalArgumentException("attention mask of " + mask.length + " flags for " + batch + " x " + lq
                    + " x " + lk);
        }
        int d = width / heads;
        int dv = vWidth / heads;
        float scale = (float) (1.0 / Math.sqrt(d));
        // p[((b * heads + h) * lq + i) * lk + j]
        float[] p = new float[batch * heads * lq * lk];
        float[] out = new float[batch * lq * vWidth];
        long work = (long) lq * lk * (d + dv);
        // (entry, head) pairs are independent: split them across threads
        LinAlg.forEach(batch * heads, work, bh -> {
            int b = bh / heads;
            int qc = bh % heads * d;
            int vc = bh % heads * dv;
            for (int i = 0; i < lq; i++) {
                int row = (bh * lq + i) * lk;
                int m = (b * lq + i) * lk;
                int qi = (b * lq + i) * width + qc;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < lk; j++) {
                    if (mask == null || mask[m + j]) {
                        p[row + j] = K.dot(q.data, qi, k.data, (b * lk + j) * width + qc, d) * scale;
                        max = Math.max(max, p[row + j]);
                    }
                }
                if (max == Float.NEGATIVE_INFINITY) {
                    continue; // nothing to attend to: probabilities and output stay 0
                }
                double sum = 0;
                for (int j = 0; j < lk; j++) {
                    if (mask == null || mask[m + j]) {
                        p[row + j] = (float) Math.exp(p[row + j] - max);
                        sum += p[row + j];
                    }
                }
                float inv = (float) (1.0 / sum);
                int o = (b * lq + i) * vWidth + vc;
                for (int j = 0; j < lk; j++) {
                    if (mask == null || mask[m + j]) {
                        p[row + j] *= inv;
                        K.axpy(p[row + j], v.data, (b * lk + j) * vWidth + vc, out, o, dv);
                    }
                }
            }
        });
        if (probabilities != null) {
            System.arraycopy(p, 0, probabilities, 0, p.length);
        }
        return Tensor.result(out, new int[] {batch, lq, vWidth}, t -> {
            float[] g = t.grad;
            float[] gq = Tensor.wants(q) ? Tensor.gradOf(q) : null;
            float[] gk = Tensor.wants(k) ? Tensor.gradOf(k) : null;
            float[] gv = Tensor.wants(v) ? Tensor.gradOf(v) : null;
            LinAlg.forEach(batch * heads, 2 * work, bh -> {
                int b = bh / heads;
                int qc = bh % heads * d;
                int vc = bh % heads * dv;
                float[] dp = new float[lk];
                for (int i = 0; i < lq; i++) {
                    int row = (bh * lq + i) * lk;
                    int gOff = (b * lq + i) * vWidth + vc;
                    int qi = (b * lq + i) * width + qc;
                    // dP_j = g . v_j ; dS_j = P_j (dP_j - sum_l P_l dP_l)
                    double dot = 0;
                    for (int j = 0; j < lk; j++) {
                        dp[j] = p[row + j] == 0f ? 0f : K.dot(g, gOff, v.data, (b * lk + j) * vWidth + vc, dv);
                        dot += p[row + j] * dp[j];
                    }
                    for (int j = 0; j < lk; j++) {
                        float pj = p[row + j];
                        if (pj == 0f) {
                            continue;
                        }
                        int kj = (b * lk + j) * width + qc;
                        if (gv != null) {
                            K.axpy(pj, g, gOff, gv, (b * lk + j) * vWidth + vc, dv);
                        }
                        float ds = (float) (pj * (dp[j] - dot)) * scale;
                        if (gq != null) {
                            K.axpy(ds, k.data, kj, gq, qi, d);
                        }
                        if (gk != null) {
                            K.axpy(ds, q.data, qi, gk, kj, d);
                        }
                    }
                }
            });
        }, q, k, v);
    }

    /** Cosine similarity of the vectors along the last dimension, {@code [..., d] -> [...]}; {@code eps} guards 0. */
    public static Tensor cosine(Tensor a, Tensor b, float eps) {
        Tensor dot = Ops.sum(Ops.mul(a, b), -1, false);
        Tensor na = Ops.sqrt(Ops.addScalar(Ops.sum(Ops.mul(a, a), -1, false), eps));
        Tensor nb = Ops.sqrt(Ops.addScalar(Ops.sum(Ops.mul(b, b), -1, false), eps));
        return Ops.div(dot, Ops.mul(na, nb));
    }
}
