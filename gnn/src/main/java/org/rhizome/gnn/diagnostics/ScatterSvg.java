package org.rhizome.gnn.diagnostics;

import java.util.Locale;

/**
 * A scatter plot with binned means, written as a small hand-made SVG document: points of {@code (x, y)}, and the
 * mean {@code y} of ten equal-width bins of {@code x} joined by a line. Pairs with a NaN are left out. The x axis
 * spans the data and 0, widened to whole steps of 1, 2, 2.5 or 5 times a power of ten; the y axis is
 * {@code [0, 1]}, the range of an MRR. No fonts are embedded: text
 * uses the viewer's sans-serif.
 *
 * <p>(The analytics report's XChart helpers in graph-store are package-private to that report; a plain SVG keeps
 * this module free of a chart library.)
 */
final class ScatterSvg {
    static final int WIDTH = 640;
    static final int HEIGHT = 420;
    static final int BINS = 10;
    private static final int LEFT = 64;
    private static final int RIGHT = 24;
    private static final int TOP = 56;
    private static final int BOTTOM = 52;
    private static final String POINT = "#1f5fa8";
    private static final String MEAN = "#c0392b";

    private ScatterSvg() {}

    /**
     * The plot as an SVG document.
     *
     * @param x      abscissae [n]
     * @param y      ordinates in {@code [0, 1]} (values outside are clipped to the frame) [n]
     * @param title  first heading line
     * @param subtitle second heading line
     */
    static String render(double[] x, double[] y, String title, String subtitle, String xLabel, String yLabel) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y must be paired, got " + x.length + " and " + y.length);
        }
        double lo = 0;
        double hi = 0;
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i]) && Double.isFinite(x[i])) {
                lo = Math.min(lo, x[i]);
                hi = Math.max(hi, x[i]);
                n++;
            }
        }
        if (hi - lo < 1e-12) {
            hi = lo + 1;
        }
        double xStep = niceStep(hi - lo);
        double xLo = Math.floor(lo / xStep + 1e-9) * xStep;
        double xHi = Math.ceil(hi / xStep - 1e-9) * xStep;
        int xTicks = (int) Math.round((xHi - xLo) / xStep);
        double yStep = 0.2;
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder b = new StringBuilder(256 + 96 * n);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH,
                HEIGHT));
        b.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
                LEFT, xml(title)));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"40\" fill=\"#444\">%s</text>%n", LEFT,
                xml(subtitle)));
        // grid at the ticks
        b.append("<g stroke=\"#e4e4e4\">\n");
        for (int t = 0; t <= xTicks; t++) {
            double px = LEFT + plotW * t / xTicks;
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\"/>%n", px, TOP,
                    px, TOP + plotH));
        }
        for (int t = 0; t <= 5; t++) {
            double py = TOP + plotH * t / 5;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>%n", LEFT, py,
                    LEFT + plotW, py));
        }
        b.append("</g>\n");
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" "
                + "stroke=\"#bbb\"/>%n", LEFT, TOP, plotW, plotH));
        b.append("<g fill=\"#222\" font-size=\"11\">\n");
        for (int t = 0; t <= xTicks; t++) {
            double px = LEFT + plotW * t / xTicks;
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n", px,
                    TOP + plotH + 16, tick(xLo + t * xStep, xStep)));
        }
        for (int t = 0; t <= 5; t++) {
            double py = TOP + plotH * t / 5;
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 6, py + 4, tick(1 - t * yStep, yStep)));
        }
        b.append("</g>\n");
        b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                LEFT + plotW / 2, HEIGHT - 14, xml(xLabel)));
        b.append(String.format(Locale.ROOT, "<text transform=\"translate(16 %.1f) rotate(-90)\" "
                + "text-anchor=\"middle\">%s</text>%n", TOP + plotH / 2, xml(yLabel)));
        // points
        double[] binSum = new double[BINS];
        int[] binCount = new int[BINS];
        b.append(String.format(Locale.ROOT, "<g fill=\"%s\" fill-opacity=\"0.35\">%n", POINT));
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i]) || Double.isNaN(y[i]) || !Double.isFinite(x[i])) {
                continue;
            }
            double fx = (x[i] - xLo) / (xHi - xLo);
            double fy = Math.max(0, Math.min(1, y[i]));
            b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\"/>%n", LEFT + plotW * fx,
                    TOP + plotH * (1 - fy)));
            int bin = Math.min(BINS - 1, (int) Math.floor(fx * BINS));
            binSum[bin] += y[i];
            binCount[bin]++;
        }
        b.append("</g>\n");
        // binned means
        StringBuilder line = new StringBuilder();
        StringBuilder marks = new StringBuilder();
        for (int k = 0; k < BINS; k++) {
            if (binCount[k] == 0) {
                continue;
            }
            double px = LEFT + plotW * (k + 0.5) / BINS;
            double py = TOP + plotH * (1 - Math.max(0, Math.min(1, binSum[k] / binCount[k])));
            line.append(line.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", px, py));
            marks.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\"/>%n", px, py));
        }
        if (line.length() > 0) {
            b.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" "
                    + "stroke-width=\"2\"/>%n", line, MEAN));
            b.append(String.format(Locale.ROOT, "<g fill=\"%s\">%n", MEAN)).append(marks).append("</g>\n");
        }
        // legend in the heading band, right-aligned, clear of the data
        double lx = WIDTH - RIGHT - 150;
        b.append(String.format(Locale.ROOT, "<g font-size=\"11\"><circle cx=\"%.1f\" cy=\"14\" r=\"3\" "
                + "fill=\"%s\"/><text x=\"%.1f\" y=\"18\">entity (%,d)</text>%n", lx + 6, POINT, lx + 16, n));
        b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"32\" x2=\"%.1f\" y2=\"32\" stroke=\"%s\" "
                + "stroke-width=\"2\"/><text x=\"%.1f\" y=\"36\">mean MRR, %d bins of x</text></g>%n", lx,
                lx + 12, MEAN, lx + 16, BINS));
        b.append("</svg>\n");
        return b.toString();
    }

    /** The smallest step of 1, 2, 2.5 or 5 times a power of ten that covers {@code span} in at most 5 steps. */
    static double niceStep(double span) {
        double raw = span / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * magnitude >= raw * (1 - 1e-9)) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** {@code v} with as many decimals as {@code step} needs. */
    private static String tick(double v, double step) {
        int decimals = 0;
        while (decimals < 6 && Math.abs(step * Math.pow(10, decimals) - Math.rint(step * Math.pow(10, decimals)))
                > 1e-6) {
            decimals++;
        }
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return s.matches("-0(\\.0*)?") ? s.substring(1) : s;
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
