package org.rhizome.retrieval.resolution;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normal forms of concept labels for matching: the key under which two labels count as "the same name", the
 * parenthetical qualifier that tells homonyms apart, and the word tokens.
 *
 * <p>{@link #key(String)}: Unicode NFKD with accents removed, lower case, every run of characters that are not
 * letters or digits turned into one space, trimmed. So {@code "SHERLOCK  Holmes."}, {@code "sherlock holmes"} and
 * {@code "Sherlock-Holmes"} share the key {@code "sherlock holmes"}. The qualifier stays in the key:
 * {@code "Java (island)"} has key {@code "java island"}.
 */
public final class LabelNormalizer {
    private static final Pattern QUALIFIER = Pattern.compile("^(.*?)\\s*\\(([^()]*)\\)\\s*$");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private LabelNormalizer() {
    }

    /** The matching key of a label (see the class comment). */
    public static String key(String label) {
        String s = Normalizer.normalize(label, Normalizer.Form.NFKD);
        s = MARKS.matcher(s).replaceAll("");
        s = s.toLowerCase(Locale.ROOT);
        s = NON_WORD.matcher(s).replaceAll(" ").strip();
        return s;
    }

    /** The label without a trailing parenthetical qualifier: {@code "Java (island)"} gives {@code "Java"}. */
    public static String base(String label) {
        Matcher m = QUALIFIER.matcher(label.strip());
        return m.matches() && !m.group(1).isBlank() ? m.group(1) : label.strip();
    }

    /** The key of a trailing parenthetical qualifier, if any: {@code "Java (Island)"} gives {@code "island"}. */
    public static Optional<String> qualifier(String label) {
        Matcher m = QUALIFIER.matcher(label.strip());
        if (m.matches() && !m.group(1).isBlank()) {
            String q = key(m.group(2));
            return q.isEmpty() ? Optional.empty() : Optional.of(q);
        }
        return Optional.empty();
    }

    /** The words of the key. */
    public static List<String> tokens(String label) {
        String k = key(label);
        return k.isEmpty() ? List.of() : List.of(k.split(" "));
    }

    /** The key with its words sorted: {@code "Holmes, Sherlock"} and {@code "Sherlock Holmes"} agree. */
    public static String sortedKey(String label) {
        List<String> t = new ArrayList<>(tokens(label));
        t.sort(null);
        return String.join(" ", t);
    }

    /** The first letters of the words of the label's base, skipping English function words ("of", "the", ...). */
    public static String initials(String label) {
        StringBuilder sb = new StringBuilder();
        for (String t : tokens(base(label))) {
            if (!FUNCTION_WORDS.contains(t)) {
                sb.append(t.charAt(0));
            }
        }
        return sb.toString();
    }

    private static final List<String> FUNCTION_WORDS = Arrays.asList("of", "the", "and", "for", "in", "on", "a",
            "an", "to", "de", "la", "le", "von", "van", "der");
}
