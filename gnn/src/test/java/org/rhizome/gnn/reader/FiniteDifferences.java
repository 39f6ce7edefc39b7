package org.rhizome.gnn.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.DoubleSupplier;

import org.rhizome.gnn.tensor.Tensor;

/** Central differences against the gradients autograd left in the tensors, for the reader's layers and models. */
final class FiniteDifferences {
    private FiniteDifferences() {}

    /**
     * Perturbs every element of every tensor by {@code +-h}, evaluates {@code loss} (without gradients) and asserts
     * the difference quotient matches the tensor's gradient within {@code atol + rtol * |numeric|}; returns how many
     * elements were checked. The caller has run the backward pass of the same loss first.
     */
    static int check(List<Tensor> tensors, DoubleSupplier loss, float h, double atol, double rtol, String label) {
        int checked = 0;
        for (Tensor p : tensors) {
            float[] analytic = p.grad().clone();
            for (int i = 0; i < p.size(); i++) {
                float saved = p.data()[i];
                p.data()[i] = saved + h;
                double plus = loss.getAsDouble();
                p.data()[i] = saved - h;
                double minus = loss.getAsDouble();
                p.data()[i] = saved;
                double numeric = (plus - minus) / (2 * h);
                assertThat(Math.abs(analytic[i] - numeric))
                        .as("%s: d/d %s[%d]: autograd %s, finite difference %s", label, p.name(), i, analytic[i],
                                numeric)
                        .isLessThanOrEqualTo(atol + rtol * Math.abs(numeric));
                checked++;
            }
        }
        return checked;
    }

    /** {@code sum(out * w)} in double, computed without gradients. */
    static double weightedSum(java.util.function.Supplier<Tensor> out, Tensor w) {
        Tensor o = Tensor.noGrad(out);
        double s = 0;
        for (int i = 0; i < o.size(); i++) {
            s += (double) o.data()[i] * w.data()[i];
        }
        return s;
    }
}
