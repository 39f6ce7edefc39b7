package org.rhizome.gnn.tensor;

import java.util.List;

/**
 * Adam (Kingma & Ba 2015) with bias correction, and AdamW (Loshchilov & Hutter 2019) when weight decay is
 * decoupled: {@code p -= lr * weightDecay * p} is applied directly instead of being added to the gradient. The update
 * is PyTorch's {@code torch.optim.Adam} / {@code AdamW} with {@code amsgrad=False}.
 */
public final class Adam {
    private final List<Tensor> params;
    private final float lr;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;
    private final boolean decoupled;
    private final float[][] m;
    private final float[][] v;
    private int step;

    /**
     * @param lr learning rate
     * @param weightDecay L2 coefficient (0 for none)
     * @param decoupled AdamW when true, Adam with L2 added to the gradient when false
     */
    public Adam(Parameters parameters, float lr, float weightDecay, boolean decoupled) {
        this(parameters, lr, 0.9f, 0.999f, 1e-8f, weightDecay, decoupled);
    }

    public Adam(Parameters parameters, float lr, float beta1, float beta2, float eps, float weightDecay,
            boolean decoupled) {
        this.params = parameters.all();
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
        this.m = new float[params.size()][];
        this.v = new float[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            m[i] = new float[params.get(i).data.length];
            v[i] = new float[params.get(i).data.length];
        }
    }

    /** One update from the accumulated gradients (parameters without a gradient are left alone). */
    public void step() {
        step++;
        double c1 = 1 - Math.pow(beta1, step);
        double c2 = 1 - Math.pow(beta2, step);
        float stepSize = (float) (lr / c1);
        float sqrtC2 = (float) Math.sqrt(c2);
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (p.grad == null) {
                continue;
            }
            float[] w = p.data;
            float[] g = p.grad;
            float[] mi = m[i];
            float[] vi = v[i];
            // element-wise, so large tables (a reader's entity embeddings) are split across threads
            int chunk = 1 << 14;
            LinAlg.forEach((w.length + chunk - 1) / chunk, 8L * chunk, c -> {
                for (int j = c * chunk, end = Math.min(w.length, j + chunk); j < end; j++) {
                    float gj = g[j];
                    if (weightDecay != 0f) {
                        if (decoupled) {
                            w[j] -= lr * weightDecay * w[j];
                        } else {
                            gj += weightDecay * w[j];
                        }
                    }
                    mi[j] = beta1 * mi[j] + (1 - beta1) * gj;
                    vi[j] = beta2 * vi[j] + (1 - beta2) * gj * gj;
                    w[j] -= stepSize * mi[j] / ((float) Math.sqrt(vi[j]) / sqrtC2 + eps);
                }
            });
        }
    }

    /** The number of steps taken. */
    public int steps() {
        return step;
    }
}
