package org.rhizome.gnn.kernel;

/**
 * The kernels' formulas written out directly in double, with complex numbers as explicit real and imaginary parts.
 * Each returns {@code {value, scale}}: the scale is the magnitude of the summed terms (the sum of their absolute
 * values, or an upper bound of it), which float rounding error is proportional to. Tests compare float results to
 * {@code value} within {@code 1e-4 * scale}; for sums of non-negative terms the scale is the value itself, so the
 * tolerance is plainly relative.
 */
final class KernelReference {
    private KernelReference() {
    }

    static double[] dot(float[] a, int aOff, float[] b, int bOff, int n) {
        double s = 0;
        double scale = 0;
        for (int i = 0; i < n; i++) {
            double p = (double) a[aOff + i] * b[bOff + i];
            s += p;
            scale += Math.abs(p);
        }
        return new double[] {s, scale};
    }

    static double[] l1(float[] a, int aOff, float[] b, int bOff, int n) {
        double s = 0;
        double scale = 0;
        for (int i = 0; i < n; i++) {
            s += Math.abs((double) a[aOff + i] - b[bOff + i]);
            scale += Math.abs(a[aOff + i]) + Math.abs(b[bOff + i]);
        }
        return new double[] {s, scale};
    }

    static double[] l2Squared(float[] a, int aOff, float[] b, int bOff, int n) {
        double s = 0;
        double scale = 0;
        for (int i = 0; i < n; i++) {
            double d = (double) a[aOff + i] - b[bOff + i];
            double m = Math.abs(a[aOff + i]) + Math.abs(b[bOff + i]);
            s += d * d;
            scale += m * m;
        }
        return new double[] {s, scale};
    }

    static double[] cosine(float[] a, int aOff, float[] b, int bOff, int n) {
        double ab = 0;
        double abs = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < n; i++) {
            double x = a[aOff + i];
            double y = b[bOff + i];
            ab += x * y;
            abs += Math.abs(x * y);
            aa += x * x;
            bb += y * y;
        }
        if (aa == 0 || bb == 0) {
            return new double[] {0, 0};
        }
        double norms = Math.sqrt(aa) * Math.sqrt(bb);
        return new double[] {ab / norms, abs / norms};
    }

    static double[] transE(float[] ent, int h, float[] rel, int r, int t, int dim, boolean l1) {
        double s = 0;
        double scale = 0;
        for (int i = 0; i < dim; i++) {
            double d = (double) ent[h + i] + rel[r + i] - ent[t + i];
            double m = Math.abs(ent[h + i]) + Math.abs(rel[r + i]) + Math.abs(ent[t + i]);
            s += l1 ? Math.abs(d) : d * d;
            scale += l1 ? m : m * m;
        }
        return l1 ? new double[] {-s, scale} : new double[] {-Math.sqrt(s), Math.sqrt(scale)};
    }

    static double[] distMult(float[] ent, int h, float[] rel, int r, int t, int dim) {
        double s = 0;
        double scale = 0;
        for (int i = 0; i < dim; i++) {
            double p = (double) ent[h + i] * rel[r + i] * ent[t + i];
            s += p;
            scale += Math.abs(p);
        }
        return new double[] {s, scale};
    }

    /** Re(sum_k h_k r_k conj(t_k)), multiplying out the complex numbers step by step. */
    static double[] complEx(float[] ent, int h, float[] rel, int r, int t, int rank) {
        double s = 0;
        double scale = 0;
        for (int k = 0; k < rank; k++) {
            double hRe = ent[h + k];
            double hIm = ent[h + rank + k];
            double rRe = rel[r + k];
            double rIm = rel[r + rank + k];
            double tRe = ent[t + k];
            double tIm = -ent[t + rank + k]; // conj(t)
            // (h * r)
            double hrRe = hRe * rRe - hIm * rIm;
            double hrIm = hRe * rIm + hIm * rRe;
            // (h * r) * conj(t), real part
            s += hrRe * tRe - hrIm * tIm;
            scale += (Math.abs(hRe) + Math.abs(hIm)) * (Math.abs(rRe) + Math.abs(rIm))
                    * (Math.abs(tRe) + Math.abs(tIm));
        }
        return new double[] {s, scale};
    }

    /** sum_k |h_k * e^{i theta_k} - t_k|. */
    static double[] rotatE(float[] ent, int h, float[] phase, int r, int t, int rank) {
        double s = 0;
        double scale = 0;
        for (int k = 0; k < rank; k++) {
            double hRe = ent[h + k];
            double hIm = ent[h + rank + k];
            double cos = Math.cos(phase[r + k]);
            double sin = Math.sin(phase[r + k]);
            double rotRe = hRe * cos - hIm * sin;
            double rotIm = hRe * sin + hIm * cos;
            double dRe = rotRe - ent[t + k];
            double dIm = rotIm - ent[t + rank + k];
            s += Math.hypot(dRe, dIm);
            scale += Math.abs(hRe) + Math.abs(hIm) + Math.abs(ent[t + k]) + Math.abs(ent[t + rank + k]);
        }
        return new double[] {s, scale};
    }

    /** sum_k |q_k - e_k| for complex vectors [re(rank), im(rank)]. */
    static double[] complexModulus(float[] q, int qOff, float[] e, int eOff, int rank) {
        double s = 0;
        double scale = 0;
        for (int k = 0; k < rank; k++) {
            double dRe = (double) q[qOff + k] - e[eOff + k];
            double dIm = (double) q[qOff + rank + k] - e[eOff + rank + k];
            s += Math.hypot(dRe, dIm);
            scale += Math.hypot(Math.abs(q[qOff + k]) + Math.abs(e[eOff + k]),
                    Math.abs(q[qOff + rank + k]) + Math.abs(e[eOff + rank + k]));
        }
        return new double[] {s, scale};
    }
}
