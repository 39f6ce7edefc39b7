package org.rhizome.graph.analytics.export;

import org.rhizome.graph.snapshot.GraphSnapshot;

/**
 * Text that can go into an XML 1.0 document. {@code javax.xml.stream} writers escape markup ({@code < & "}) but pass
 * every character through, so a label holding a control character or half a surrogate pair would make a file no
 * XML parser accepts; {@link #clean(String)} replaces each such UTF-16 unit with U+FFFD, the Unicode replacement
 * character, which every reader shows as "unknown character".
 */
final class XmlText {
    /** What replaces a character XML 1.0 cannot hold. */
    static final char REPLACEMENT = '\uFFFD';

    private XmlText() {}

    /**
     * {@code s} with every character outside XML 1.0's {@code Char} production replaced by U+FFFD: C0 controls other
     * than tab, LF and CR; unpaired surrogates; U+FFFE and U+FFFF. Returns {@code s} itself when it is clean (the
     * common case: one scan, no allocation).
     */
    static String clean(String s) {
        StringBuilder out = null;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            int width = 1;
            boolean legal;
            if (c >= 0x20 && c < 0xD800) {
                legal = true;
            } else if (c < 0x20) {
                legal = c == '\t' || c == '\n' || c == '\r';
            } else if (Character.isHighSurrogate(c)) {
                legal = i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1));
                width = legal ? 2 : 1;
            } else if (Character.isLowSurrogate(c)) {
                legal = false; // a low surrogate not preceded by a high one
            } else {
                legal = c <= 0xFFFD;
            }
            if (legal) {
                if (out != null) {
                    out.append(s, i, i + width);
                }
            } else {
                if (out == null) {
                    out = new StringBuilder(n).append(s, 0, i);
                }
                out.append(REPLACEMENT);
            }
            i += width - 1;
        }
        return out == null ? s : out.toString();
    }

    /** The XML-clean label of every relation, by relation id. */
    static String[] relationLabels(GraphSnapshot g) {
        String[] labels = new String[g.relationCount()];
        for (int r = 0; r < labels.length; r++) {
            labels[r] = clean(g.relationLabel(r));
        }
        return labels;
    }
}
