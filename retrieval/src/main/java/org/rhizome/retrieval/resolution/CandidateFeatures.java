package org.rhizome.retrieval.resolution;

/**
 * The evidence that a new label names an existing concept, each in [0, 1]. Over the concept's label and aliases, the
 * best value is kept.
 *
 * @param exactName         1 if the normalised keys are equal ({@link LabelNormalizer#key})
 * @param sameWords         1 if the keys have the same words in another order ("Holmes, Sherlock")
 * @param lexical           normalised Levenshtein similarity of the keys (best of as-is, words sorted, and without
 *                          qualifiers)
 * @param stemOverlap       Jaccard overlap of the analysed (stemmed, stop words removed) terms
 * @param acronym           1 if one is a single word equal to the initials of the other ("UN", "United Nations")
 * @param labelCosine       cosine of the label embeddings (labels without qualifiers)
 * @param textCosine        cosine of the full text embeddings (label and description, the index's vectors)
 * @param qualifierConflict 1 if both labels carry a parenthetical qualifier and the qualifiers share no word
 *                          ("Java (island)" vs "Java (coffee)")
 * @param typeConflict      1 if both sides have types and they share none
 * @param unmatchedWords    share of the words of both names (qualifiers and function words aside) that find no
 *                          counterpart on the other side: not equal, not the same stem or singular, not within a
 *                          small edit distance, not an initial ("C." for "Charles"); "Napoleon III" vs "Napoleon" leaves
 *                          "iii", "Francis Darwin" vs "Charles Darwin" leaves two of four
 * @param qualifierUnsupported 1 if the new label has a qualifier, the candidate's label has none, and no word of the
 *                          qualifier appears in the candidate's description, aliases or types ("Mars (mythology)"
 *                          vs the planet Mars)
 */
public record CandidateFeatures(double exactName, double sameWords, double lexical, double stemOverlap,
        double acronym, double labelCosine, double textCosine, double qualifierConflict, double typeConflict,
        double unmatchedWords, double qualifierUnsupported) {

    /** Number of features, the length of {@link #vector()}. */
    public static final int SIZE = 11;

    /** Names of the features in {@link #vector()} order. */
    public static final String[] NAMES = {"exactName", "sameWords", "lexical", "stemOverlap", "acronym",
        "labelCosine", "textCosine", "qualifierConflict", "typeConflict", "unmatchedWords", "qualifierUnsupported"};

    /** The features as a vector, in the order of the record components. */
    public double[] vector() {
        return new double[] {exactName, sameWords, lexical, stemOverlap, acronym, labelCosine, textCosine,
            qualifierConflict, typeConflict, unmatchedWords, qualifierUnsupported};
    }
}
