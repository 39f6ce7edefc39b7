package org.rhizome.gnn.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Central finite differences against the autograd gradient. The output of {@code f} is projected to a scalar with a
 * fixed random weight per element (so every output element's gradient path is exercised with a different weight),
 * and each input element is perturbed by {@code +-h} with the loss accumulated in double.
 */
final class GradCheck {
    private GradCheck() {}

    static void check(Supplier<Tensor> f, Tensor... inputs) {
        check(f, 1e-2f, 2e-3, 2e-2, inputs);
    }

    static void check(Supplier<Tensor> f, float h, double atol, double rtol, Tensor... inputs) {
        Tensor out = f.get();
        float[] w = new float[out.size()];
        Random random = new Random(99);
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.5f + random.nextFloat();
        }
        for (Tensor t : inputs) {
            t.zeroGrad();
        }
        Tensor loss = Ops.sum(Ops.mul(out, Tensor.of(w, out.shape())));
        loss.backward();
        int checked = 0;
        for (Tensor t : List.of(inputs)) {
            assertThat(t.grad()).as("gradient of %s", t.name()).isNotNull();
            float[] analytic = t.grad().clone();
            for (int i = 0; i < t.size(); i++) {
                float saved = t.data()[i];
                t.data()[i] = saved + h;
                double plus = projected(f, w);
                t.data()[i] = saved - h;
                double minus = projected(f, w);
                t.data()[i] = saved;
                double numeric = (plus - minus) / (2 * h);
                double tol = atol + rtol * Math.max(Math.abs(numeric), Math.abs(analytic[i]));
                assertThat(Math.abs(analytic[i] - numeric))
                        .as("d/d %s[%d]: autograd %s vs finite difference %s", t.name(), i, analytic[i], numeric)
                        .isLessThanOrEqualTo(tol);
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }

    private static double projected(Supplier<Tensor> f, float[] w) {
        Tensor out = Tensor.noGrad(f);
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += (double) out.data()[i] * w[i];
        }
        return s;
    }

    /** A named parameter of the given shape with values uniform in [lo, hi). */
    static Tensor param(String name, long seed, float lo, float hi, int... shape) {
        Random r = new Random(seed);
        float[] d = new float[Tensor.size(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = lo + (hi - lo) * r.nextFloat();
        }
        return Tensor.parameter(name, Tensor.of(d, shape));
    }
}
