package org.rhizome.graph.analytics.powerlaw;

import java.util.function.DoubleUnaryOperator;

/**
 * Derivative-free minimisers used by the fits: Brent's one-dimensional method (golden section with parabolic
 * steps, R. P. Brent, "Algorithms for Minimization without Derivatives", 1973, ch. 5) and a two-dimensional
 * Nelder–Mead simplex (J. A. Nelder and R. Mead, Computer Journal 7, 1965, with the standard coefficients 1, 2,
 * 1/2, 1/2). Both are deterministic and allocate nothing per step.
 */
final class Minimizers {

    private Minimizers() {}

    private static final double GOLDEN = 0.5 * (3 - Math.sqrt(5));

    /** A function of two variables; a primitive interface so that the simplex search does not box. */
    @FunctionalInterface
    interface Function2 {
        double value(double x, double y);
    }

    /**
     * Minimises f on [lo, hi] by Brent's method. For a unimodal f (the power-law objective is convex) the result is
     * within about {@code tolerance} of the minimiser, the end point if the minimum is on the boundary. Typically
     * 10 to 30 evaluations of f.
     *
     * @param f         the function; must be finite on [lo, hi]
     * @param lo        left end
     * @param hi        right end, &gt; lo
     * @param tolerance absolute tolerance on the argument
     * @return the argument of the minimum found
     */
    static double brent(DoubleUnaryOperator f, double lo, double hi, double tolerance) {
        double a = lo;
        double b = hi;
        double x = a + GOLDEN * (b - a);
        double w = x;
        double v = x;
        double fx = f.applyAsDouble(x);
        double fw = fx;
        double fv = fx;
        double d = 0;
        double e = 0;
        for (int iteration = 0; iteration < 200; iteration++) {
            double middle = 0.5 * (a + b);
            double tol1 = 1e-12 * Math.abs(x) + tolerance / 3;
            double tol2 = 2 * tol1;
            if (Math.abs(x - middle) <= tol2 - 0.5 * (b - a)) {
                break;
            }
            boolean golden = true;
            if (Math.abs(e) > tol1) {
                // Parabola through (v, fv), (w, fw), (x, fx); its vertex is x + p / q.
                double r = (x - w) * (fx - fv);
                double q = (x - v) * (fx - fw);
                double p = (x - v) * q - (x - w) * r;
                q = 2 * (q - r);
                if (q > 0) {
                    p = -p;
                } else {
                    q = -q;
                }
                double previousStep = e;
                if (Math.abs(p) < Math.abs(0.5 * q * previousStep) && p > q * (a - x) && p < q * (b - x)) {
                    e = d;
                    d = p / q;
                    double u = x + d;
                    if (u - a < tol2 || b - u < tol2) {
                        d = x < middle ? tol1 : -tol1;
                    }
                    golden = false;
                }
            }
            if (golden) {
                e = (x < middle ? b : a) - x;
                d = GOLDEN * e;
            }
            double u = x + (Math.abs(d) >= tol1 ? d : (d > 0 ? tol1 : -tol1));
            double fu = f.applyAsDouble(u);
            if (fu <= fx) {
                if (u < x) {
                    b = x;
                } else {
                    a = x;
                }
                v = w;
                fv = fw;
                w = x;
                fw = fx;
                x = u;
                fx = fu;
            } else {
                if (u < x) {
                    a = u;
                } else {
                    b = u;
                }
                if (fu <= fw || w == x) {
                    v = w;
                    fv = fw;
                    w = u;
                    fw = fu;
                } else if (fu <= fv || v == x || v == w) {
                    v = u;
                    fv = fu;
                }
            }
        }
        // The loop keeps the best point in x; an end point can only be approached, so check the ends.
        double flo = f.applyAsDouble(lo);
        double fhi = f.applyAsDouble(hi);
        if (flo < fx && flo <= fhi) {
            return lo;
        }
        if (fhi < fx) {
            return hi;
        }
        return x;
    }

    /**
     * Minimises f(x, y) by the Nelder–Mead simplex from the start point with initial steps (dx, dy), restarting
     * once from the best point (a standard guard against a collapsed simplex). Non-finite values of f count as
     * +infinity. Stops when the simplex's values differ by less than {@code relTolerance} relative, or after
     * {@code maxEvaluations} evaluations per run.
     *
     * @param out receives the minimiser, [2]
     * @return the minimum value found
     */
    static double nelderMead(Function2 f, double x0, double y0, double dx, double dy, double relTolerance,
            int maxEvaluations, double[] out) {
        double[] px = new double[3];
        double[] py = new double[3];
        double[] pf = new double[3];
        double startX = x0;
        double startY = y0;
        double best = Double.POSITIVE_INFINITY;
        for (int run = 0; run < 2; run++) {
            px[0] = startX;
            py[0] = startY;
            px[1] = startX + dx;
            py[1] = startY;
            px[2] = startX;
            py[2] = startY + dy;
            for (int i = 0; i < 3; i++) {
                pf[i] = safe(f.value(px[i], py[i]));
            }
            int evaluations = 3;
            while (evaluations < maxEvaluations) {
                sort3(px, py, pf);
                double spread = pf[2] - pf[0];
                if (spread <= relTolerance * (Math.abs(pf[0]) + relTolerance)) {
                    break;
                }
                double cx = 0.5 * (px[0] + px[1]);
                double cy = 0.5 * (py[0] + py[1]);
                double rx = 2 * cx - px[2];
                double ry = 2 * cy - py[2];
                double fr = safe(f.value(rx, ry));
                evaluations++;
                if (fr < pf[0]) {
                    double ex = 3 * cx - 2 * px[2];
                    double ey = 3 * cy - 2 * py[2];
                    double fe = safe(f.value(ex, ey));
                    evaluations++;
                    if (fe < fr) {
                        set(px, py, pf, 2, ex, ey, fe);
                    } else {
                        set(px, py, pf, 2, rx, ry, fr);
                    }
                } else if (fr < pf[1]) {
                    set(px, py, pf, 2, rx, ry, fr);
                } else {
                    boolean outside = fr < pf[2];
                    double kx = outside ? cx + 0.5 * (rx - cx) : cx + 0.5 * (px[2] - cx);
                    double ky = outside ? cy + 0.5 * (ry - cy) : cy + 0.5 * (py[2] - cy);
                    double fk = safe(f.value(kx, ky));
                    evaluations++;
                    if (outside ? fk <= fr : fk < pf[2]) {
                        set(px, py, pf, 2, kx, ky, fk);
                    } else {
                        for (int i = 1; i < 3; i++) {
                            px[i] = px[0] + 0.5 * (px[i] - px[0]);
                            py[i] = py[0] + 0.5 * (py[i] - py[0]);
                            pf[i] = safe(f.value(px[i], py[i]));
                        }
                        evaluations += 2;
                    }
                }
            }
            sort3(px, py, pf);
            if (pf[0] <= best) {
                best = pf[0];
                out[0] = px[0];
                out[1] = py[0];
            }
            startX = out[0];
            startY = out[1];
        }
        return best;
    }

    private static double safe(double value) {
        return Double.isNaN(value) ? Double.POSITIVE_INFINITY : value;
    }

    private static void set(double[] px, double[] py, double[] pf, int i, double x, double y, double value) {
        px[i] = x;
        py[i] = y;
        pf[i] = value;
    }

    /** Orders the three vertices by value, best first (stable for ties). */
    private static void sort3(double[] px, double[] py, double[] pf) {
        for (int i = 1; i < 3; i++) {
            for (int j = i; j > 0 && pf[j] < pf[j - 1]; j--) {
                swap(px, j, j - 1);
                swap(py, j, j - 1);
                swap(pf, j, j - 1);
            }
        }
    }

    private static void swap(double[] array, int i, int j) {
        double t = array[i];
        array[i] = array[j];
        array[j] = t;
    }
}
