package org.rhizome.agent.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits a document's text into chunks of at most {@code maxChars} characters that overlap by about
 * {@code overlapChars}, cutting at the last paragraph break in the second half of the window, else the last
 * sentence end, else the last space, else hard. Each chunk after the first starts {@code overlapChars} before the
 * previous one ended (moved forward to a word start), so a statement split by a cut is whole in one of the two.
 */
public final class Chunker {
    private final int maxChars;
    private final int overlapChars;

    public Chunker(int maxChars, int overlapChars) {
        if (maxChars < 100) {
            throw new IllegalArgumentException("chunks must be at least 100 characters, got " + maxChars);
        }
        if (overlapChars < 0 || overlapChars >= maxChars / 2) {
            throw new IllegalArgumentException("overlap must be in [0, maxChars/2), got " + overlapChars);
        }
        this.maxChars = maxChars;
        this.overlapChars = overlapChars;
    }

    /** One chunk: its index, its span {@code [start, end)} in the text, and its text. */
    public record Chunk(int index, int start, int end, String text) {
        public Chunk {
            Objects.requireNonNull(text, "text");
        }
    }

    /** The chunks of {@code text}, in order; blank chunks are skipped (indices stay dense). */
    public List<Chunk> split(String text) {
        List<Chunk> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        while (start < n) {
            int end = Math.min(n, start + maxChars);
            if (end < n) {
                end = cut(text, start, end);
            }
            String t = text.substring(start, end).strip();
            if (!t.isEmpty()) {
                out.add(new Chunk(out.size(), start, end, t));
            }
            if (end >= n) {
                break;
            }
            int next = Math.max(end - overlapChars, start + 1);
            while (next < end && !Character.isWhitespace(text.charAt(next - 1))) {
                next++;
            }
            start = next;
        }
        return out;
    }

    private static int cut(String text, int start, int end) {
        int half = start + (end - start) / 2;
        int p = text.lastIndexOf("\n\n", end - 2);
        if (p >= half) {
            return p + 2;
        }
        for (int i = end - 1; i >= half; i--) {
            char c = text.charAt(i);
            if ((c == '.' || c == '!' || c == '?' || c == '\n') && i + 1 < text.length()
                    && Character.isWhitespace(text.charAt(i + 1))) {
                return i + 1;
            }
        }
        int sp = text.lastIndexOf(' ', end - 1);
        return sp > half ? sp + 1 : end;
    }
}
