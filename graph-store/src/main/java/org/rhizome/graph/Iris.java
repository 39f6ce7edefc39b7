package org.rhizome.graph;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;

/**
 * How Rhizome turns labels and tokens into IRIs.
 *
 * <p>A concept's IRI is {@code <base>concept/<slug(label)>}, a relation type's {@code <base>relation/<slug(label)>},
 * a class's {@code <base>class/<slug(label)>}. {@link #slug(String)}: Unicode NFKC, lower case (root locale),
 * letters and digits kept, every run of whitespace or of {@code - _ . , ; : / ( ) ' " ` ! ? &} becomes one
 * underscore, leading and trailing underscores dropped, any other character percent-encoded as UTF-8 (so "C" and
 * "C++" stay apart). Two labels with the same slug name the same concept: "Sherlock Holmes" and "sherlock-holmes"
 * are one node.
 *
 * <p>Tokens of TSV files (identifiers such as {@code /m/027rn}) are not labels: they are kept verbatim, percent-encoded
 * by {@link #encodeToken(String)} (unreserved characters kept) so that export can decode them back exactly.
 */
public final class Iris {
    private static final String SEPARATORS = "-_.,;:/()'\"`!?&";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Iris() {}

    /**
     * The normalised form of a label used for minting and matching.
     *
     * @throws IllegalArgumentException if the label has no letter, digit or symbol left after normalisation
     */
    public static String slug(String label) {
        Objects.requireNonNull(label, "label");
        String s = Normalizer.normalize(label, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(s.length() + 8);
        boolean pendingSeparator = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                if (pendingSeparator && out.length() > 0) {
                    out.append('_');
                }
                pendingSeparator = false;
                out.appendCodePoint(cp);
            } else if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                    || (cp < 128 && SEPARATORS.indexOf(cp) >= 0)) {
                pendingSeparator = true;
            } else {
                if (pendingSeparator && out.length() > 0) {
                    out.append('_');
                }
                pendingSeparator = false;
                percentEncode(cp, out);
            }
        }
        if (out.length() == 0) {
            throw new IllegalArgumentException("label '" + label + "' has nothing to name a node by "
                    + "(only whitespace or separators)");
        }
        return out.toString();
    }

    /** Percent-encodes a TSV token: RFC 3986 unreserved characters are kept, everything else becomes %XX (UTF-8). */
    public static String encodeToken(String token) {
        Objects.requireNonNull(token, "token");
        StringBuilder out = new StringBuilder(token.length() + 16);
        for (int i = 0; i < token.length(); ) {
            int cp = token.codePointAt(i);
            i += Character.charCount(cp);
            if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')
                    || cp == '-' || cp == '.' || cp == '_' || cp == '~') {
                out.append((char) cp);
            } else {
                percentEncode(cp, out);
            }
        }
        return out.toString();
    }

    /** Inverse of {@link #encodeToken(String)}. */
    public static String decodeToken(String encoded) {
        if (encoded.indexOf('%') < 0) {
            return encoded;
        }
        byte[] bytes = new byte[encoded.length()];
        int n = 0;
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length()) {
                bytes[n++] = (byte) Integer.parseInt(encoded.substring(i + 1, i + 3), 16);
                i += 2;
            } else {
                // Non-ASCII characters cannot appear in an encoded token; ASCII passes through.
                bytes[n++] = (byte) c;
            }
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    private static void percentEncode(int codePoint, StringBuilder out) {
        byte[] utf8 = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
        for (byte b : utf8) {
            out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
    }
}
