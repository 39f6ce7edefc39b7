package org.rhizome.graph.analytics.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Text and number formatting for {@code index.html}. Everything that goes into the page passes through
 * {@link #text(String)}, the data (labels, IRIs) and our own words alike, so no path leaves a label unescaped.
 */
final class Html {
    private Html() {}

    /**
     * {@code s} safe as HTML element content and as a double- or single-quoted attribute value: {@code & < > " '}
     * become character references, and characters that have no business in a page (C0 controls other than tab, LF
     * and CR; DEL; unpaired surrogates, which UTF-8 cannot encode) become U+FFFD. {@code null} becomes "".
     */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                        out.append('\uFFFD');
                    } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * A number for a table: integers as integers (up to 10^15), otherwise four significant digits, plain between
     * 10^-4 and 10^7 and in scientific notation outside; "n/a" for NaN, "∞" and "−∞" for the infinities.
     */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e7) {
            return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }

    /** Seconds with three decimals, e.g. "0.042". */
    static String seconds(double s) {
        return Double.isFinite(s) ? String.format(Locale.ROOT, "%.3f", s) : "n/a";
    }

    /** {@code part / whole} as a percentage with one decimal, e.g. "12.5%". */
    static String percent(double part, double whole) {
        return whole > 0 ? String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole) : "n/a";
    }
}
