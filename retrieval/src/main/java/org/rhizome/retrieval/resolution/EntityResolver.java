package org.rhizome.retrieval.resolution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.rhizome.embeddings.ConceptText;
import org.rhizome.embeddings.TextEmbedder;
import org.rhizome.embeddings.vector.VectorKernels;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.MergeRecord;
import org.rhizome.retrieval.index.ConceptIndex;
import org.rhizome.retrieval.index.IndexException;
import org.rhizome.retrieval.index.IndexedConcept;

/**
 * Entity resolution against the concepts of a {@link ConceptIndex}: given a new label (and optionally a description
 * and types), which existing concept does it name, if any?
 *
 * <p>Candidates come from three lists of {@code candidatesPerList} each: equal normalised keys (label or alias, with
 * and without qualifier), BM25 over labels and aliases with fuzzy terms (edit distance 1 for words of 4-7
 * characters, 2 from 8) for typos, and the nearest text embeddings. Each candidate gets the
 * {@link CandidateFeatures} (lexical, acronym, embedding, qualifier and type conflicts) and a score from the
 * {@link ResolutionPolicy}'s logistic model; the policy's thresholds and margin make the decision.
 *
 * <p>Cost per label: three index searches, one embedding of the label text and one of the label alone, plus one
 * label embedding per new candidate label (cached by the embedder when it is a {@code CachingEmbedder}). Deterministic
 * for a given index and embedder.
 *
 * <p>Simplification, stated: the resolver compares a label with each candidate independently; it does not use the
 * graph neighbourhood (shared neighbours) as evidence, which collective entity resolution methods do.
 */
public final class EntityResolver {
    private final ConceptIndex index;
    private final TextEmbedder embedder;
    private final ResolutionPolicy policy;
    private final VectorKernels kernels = VectorKernels.get();

    /** A new label to resolve. */
    public record NewConcept(String label, Optional<String> description, Set<String> typeIris) {
        public NewConcept {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(description, "description");
            typeIris = Set.copyOf(typeIris);
            if (label.isBlank()) {
                throw new IllegalArgumentException("label must not be blank");
            }
        }

        /** A label alone. */
        public static NewConcept of(String label) {
            return new NewConcept(label, Optional.empty(), Set.of());
        }
    }

    public EntityResolver(ConceptIndex index, TextEmbedder embedder, ResolutionPolicy policy) {
        this.index = Objects.requireNonNull(index, "index");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.policy = Objects.requireNonNull(policy, "policy");
        if (!embedder.modelId().equals(index.modelId())) {
            throw new IllegalArgumentException("embedder " + embedder.modelId() + " does not match the index's "
                    + index.modelId());
        }
    }

    /** The policy in use. */
    public ResolutionPolicy policy() {
        return policy;
    }

    /** Resolves a new label against every indexed concept. */
    public Resolution resolve(NewConcept query) {
        return resolve(query, Set.of());
    }

    /**
     * Resolves an existing concept of the index against the others (itself excluded): is it a duplicate?
     *
     * @throws IllegalArgumentException if it is not indexed
     */
    public Resolution resolveExisting(String iri) {
        IndexedConcept c = index.get(iri).orElseThrow(() -> new IllegalArgumentException(
                "concept " + iri + " is not in the search index"));
        return resolve(new NewConcept(c.label(), c.description(), Set.copyOf(c.types())), Set.of(iri));
    }

    /**
     * If the policy says the existing concept {@code iri} duplicates another, merges it into that one through the
     * store (recorded and undoable, {@link KnowledgeGraph#undoMerge}) with the score recorded.
     *
     * @return the merge, or empty if the decision was not {@link Resolution.Decision#MERGE}
     */
    public Optional<MergeRecord> mergeIfDuplicate(KnowledgeGraph kg, String iri) {
        Resolution r = resolveExisting(iri);
        if (r.decision() != Resolution.Decision.MERGE) {
            return Optional.empty();
        }
        Candidate best = r.best().orElseThrow();
        return Optional.of(kg.merge(best.iri(), iri, best.score()));
    }

    /** The candidates and decision, excluding the IRIs in {@code exclude}. */
    public Resolution resolve(NewConcept query, Collection<String> exclude) {
        Objects.requireNonNull(query, "query");
        Set<String> skip = new HashSet<>(exclude);
        float[] textVec = embedder.embed(ConceptText.of(query.label(), query.description()));
        List<Candidate> scored = new ArrayList<>();
        Map<String, IndexedConcept> found = candidates(query, textVec, skip);
        for (IndexedConcept c : found.values()) {
            CandidateFeatures f = features(query, textVec, c);
            scored.add(policy.scored(c.iri(), c.label(), f));
        }
        scored.sort(Comparator.comparingDouble((Candidate c) -> -c.logit()).thenComparing(Candidate::iri));
        return decide(scored);
    }

    private Resolution decide(List<Candidate> scored) {
        if (scored.isEmpty()) {
            return new Resolution(Resolution.Decision.NEW, Optional.empty(), scored);
        }
        Candidate best = scored.get(0);
        double second = scored.size() > 1 ? scored.get(1).logit() : Double.NEGATIVE_INFINITY;
        Resolution.Decision d;
        if (policy.mayMerge(best, second)) {
            d = Resolution.Decision.MERGE;
        } else if (best.score() >= policy.reviewThreshold()) {
            d = Resolution.Decision.REVIEW;
        } else {
            d = Resolution.Decision.NEW;
        }
        return new Resolution(d, Optional.of(best), scored);
    }

    private Map<String, IndexedConcept> candidates(NewConcept q, float[] textVec, Set<String> skip) {
        int n = policy.candidatesPerList();
        String key = LabelNormalizer.key(q.label());
        String baseKey = LabelNormalizer.key(LabelNormalizer.base(q.label()));
        return index.withSearcher(s -> {
            Map<String, IndexedConcept> out = new LinkedHashMap<>();
            BooleanQuery.Builder keys = new BooleanQuery.Builder();
            if (!key.isEmpty()) {
                keys.add(new TermQuery(new Term(ConceptIndex.F_KEY, key)), BooleanClause.Occur.SHOULD);
                keys.add(new TermQuery(new Term(ConceptIndex.F_BASE_KEY, key)), BooleanClause.Occur.SHOULD);
            }
            if (!baseKey.isEmpty()) {
                keys.add(new TermQuery(new Term(ConceptIndex.F_BASE_KEY, baseKey)), BooleanClause.Occur.SHOULD);
                keys.add(new TermQuery(new Term(ConceptIndex.F_KEY, baseKey)), BooleanClause.Occur.SHOULD);
            }
            collect(s, keys.build(), n, out, skip);
            Query lexical = fuzzyQuery(q.label());
            if (lexical != null) {
                collect(s, lexical, n, out, skip);
            }
            collect(s, new KnnFloatVectorQuery(ConceptIndex.F_VECTOR, textVec, n + skip.size()), n + skip.size(),
                    out, skip);
            return out;
        });
    }

    private static void collect(IndexSearcher s, Query q, int n, Map<String, IndexedConcept> out, Set<String> skip) {
        try {
            for (ScoreDoc sd : s.search(q, n).scoreDocs) {
                IndexedConcept c = ConceptIndex.document(s, sd);
                if (!skip.contains(c.iri())) {
                    out.putIfAbsent(c.iri(), c);
                }
            }
        } catch (IOException e) {
            throw new IndexException("candidate search failed: " + e.getMessage(), e);
        }
    }

    private Query fuzzyQuery(String label) {
        List<String> terms = analyse(label);
        if (terms.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String t : terms) {
            for (String field : List.of(ConceptIndex.F_LABEL, ConceptIndex.F_ALIAS)) {
                Term term = new Term(field, t);
                b.add(new TermQuery(term), BooleanClause.Occur.SHOULD);
                if (t.length() >= 4) {
                    b.add(new FuzzyQuery(term, t.length() >= 8 ? 2 : 1, 1), BooleanClause.Occur.SHOULD);
                }
            }
        }
        return b.build();
    }

    private List<String> analyse(String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = index.analyzer().tokenStream(ConceptIndex.F_LABEL, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The features of one (new label, candidate) pair. Public for calibration and tests. */
    public CandidateFeatures features(NewConcept q, float[] queryTextVector, IndexedConcept c) {
        List<String> names = new ArrayList<>(1 + c.aliases().size());
        names.add(c.label());
        names.addAll(c.aliases());
        String qKey = LabelNormalizer.key(q.label());
        String qSorted = LabelNormalizer.sortedKey(q.label());
        String qBase = LabelNormalizer.key(LabelNormalizer.base(q.label()));
        Set<String> qTerms = new HashSet<>(analyse(q.label()));
        double exact = 0;
        double sameWords = 0;
        double lexical = 0;
        double stem = 0;
        double acronym = 0;
        for (String name : names) {
            String k = LabelNormalizer.key(name);
            if (k.equals(qKey)) {
                exact = 1;
            }
            String sorted = LabelNormalizer.sortedKey(name);
            if (sorted.equals(qSorted)) {
                sameWords = 1;
            }
            String base = LabelNormalizer.key(LabelNormalizer.base(name));
            lexical = Math.max(lexical, Math.max(similarity(qKey, k), Math.max(similarity(qSorted, sorted),
                    similarity(qBase, base))));
            Set<String> terms = new HashSet<>(analyse(name));
            stem = Math.max(stem, jaccard(qTerms, terms));
            if (isAcronymOf(q.label(), name) || isAcronymOf(name, q.label())) {
                acronym = 1;
            }
        }
        float[] qLabelVec = embedder.embed(ConceptText.of(LabelNormalizer.base(q.label())));
        float[] cLabelVec = embedder.embed(ConceptText.of(LabelNormalizer.base(c.label())));
        double labelCos = clamp01(kernels.dot(qLabelVec, cLabelVec));
        float[] cVec = index.vector(c.iri()).orElseGet(() -> embedder.embed(ConceptText.of(c.label(),
                c.description())));
        double textCos = clamp01(kernels.dot(queryTextVector, cVec));
        Optional<String> qq = LabelNormalizer.qualifier(q.label());
        Optional<String> cq = LabelNormalizer.qualifier(c.label());
        double qualifierConflict = qq.isPresent() && cq.isPresent() && disjointWords(qq.get(), cq.get()) ? 1 : 0;
        double typeConflict = !q.typeIris().isEmpty() && !c.types().isEmpty()
                && java.util.Collections.disjoint(q.typeIris(), c.types()) ? 1 : 0;
        double unmatched = 1;
        for (String name : names) {
            unmatched = Math.min(unmatched, unmatchedWords(q.label(), name));
        }
        double qualifierUnsupported = 0;
        if (qq.isPresent() && cq.isEmpty()) {
            StringBuilder context = new StringBuilder(c.label());
            c.description().ifPresent(d -> context.append(' ').append(d));
            c.aliases().forEach(a -> context.append(' ').append(a));
            c.types().forEach(t -> context.append(' ').append(t.substring(t.lastIndexOf('/') + 1)));
            Set<String> ctx = new HashSet<>(analyse(context.toString()));
            qualifierUnsupported = java.util.Collections.disjoint(ctx, analyse(qq.get())) ? 1 : 0;
        }
        return new CandidateFeatures(exact, sameWords, lexical, stem, acronym, labelCos, textCos, qualifierConflict,
                typeConflict, unmatched, qualifierUnsupported);
    }

    /**
     * Share of the content words of two names (bases, function words aside) with no counterpart on the other side;
     * a counterpart is an equal word, the same Porter stem, a word of 4+ letters within edit similarity 0.7 (typos), or, for a
     * one-letter word, a word with that initial, or a shared singular form ({@link #singulars}). When one name is
     * the acronym of the other, nothing is unmatched.
     */
    double unmatchedWords(String a, String b) {
        if (isAcronymOf(a, b) || isAcronymOf(b, a)) {
            return 0;
        }
        List<String> wa = contentWords(a);
        List<String> wb = contentWords(b);
        if (wa.isEmpty() || wb.isEmpty()) {
            return wa.isEmpty() && wb.isEmpty() ? 0 : 1;
        }
        int unmatched = 0;
        for (String x : wa) {
            if (!hasCounterpart(x, wb)) {
                unmatched++;
            }
        }
        for (String y : wb) {
            if (!hasCounterpart(y, wa)) {
                unmatched++;
            }
        }
        return (double) unmatched / (wa.size() + wb.size());
    }

    private static List<String> contentWords(String name) {
        List<String> out = new ArrayList<>();
        for (String t : LabelNormalizer.tokens(LabelNormalizer.base(name))) {
            if (!STOP.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    private static final Set<String> STOP = Set.of("of", "the", "and", "a", "an", "in", "on", "for", "to", "de");

    private boolean hasCounterpart(String w, List<String> others) {
        String ws = stem(w);
        for (String o : others) {
            if (o.equals(w) || stem(o).equals(ws) || (w.length() >= 4 && o.length() >= 4 && similarity(w, o) >= 0.7)
                    || (w.length() == 1 && o.charAt(0) == w.charAt(0))
                    || (o.length() == 1 && w.charAt(0) == o.charAt(0))
                    || !java.util.Collections.disjoint(singulars(w), singulars(o))) {
                return true;
            }
        }
        return false;
    }

    private String stem(String word) {
        List<String> t = analyse(word);
        return t.isEmpty() ? word : t.get(0);
    }

    private static double clamp01(double x) {
        return Math.max(0, Math.min(1, x));
    }

    private static boolean disjointWords(String a, String b) {
        return java.util.Collections.disjoint(List.of(a.split(" ")), List.of(b.split(" ")));
    }

    /** True if {@code shortForm} is one word of 2-8 letters equal to the initials of {@code longForm}'s words. */
    static boolean isAcronymOf(String shortForm, String longForm) {
        String s = LabelNormalizer.key(LabelNormalizer.base(shortForm)).replace(" ", "");
        List<String> shortTokens = LabelNormalizer.tokens(LabelNormalizer.base(shortForm));
        if (shortTokens.size() != 1 || s.length() < 2 || s.length() > 8) {
            // "U.N." has the tokens u, n: accept a run of single letters too
            if (shortTokens.size() < 2 || !shortTokens.stream().allMatch(t -> t.length() == 1)) {
                return false;
            }
        }
        String initials = LabelNormalizer.initials(longForm);
        return initials.length() >= 2 && initials.equals(s);
    }

    /**
     * Normalised edit similarity: 1 - distance / longer length (1 for two empty strings), where the distance is the
     * optimal string alignment distance (Levenshtein plus adjacent transpositions, so "Pyhton" is one edit from
     * "Python").
     */
    static double similarity(String a, String b) {
        int n = a.length();
        int m = b.length();
        if (n == 0 && m == 0) {
            return 1;
        }
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            char ca = a.charAt(i - 1);
            for (int j = 1; j <= m; j++) {
                char cb = b.charAt(j - 1);
                int v = Math.min(d[i - 1][j - 1] + (ca == cb ? 0 : 1), Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
                if (i > 1 && j > 1 && ca == b.charAt(j - 2) && a.charAt(i - 2) == cb) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return 1.0 - (double) d[n][m] / Math.max(n, m);
    }

    /**
     * Singular candidates of an English word by suffix rules (no dictionary): wolves -> wolf/wolfe, viruses ->
     * virus, bacteria -> bacterium, mitochondria -> mitochondrion, octopi -> octopus, cities -> city, cats -> cat.
     * Irregular plurals (mice, geese) are left to the embedding.
     */
    static List<String> singulars(String w) {
        List<String> out = new ArrayList<>(4);
        out.add(w);
        int n = w.length();
        if (n > 4 && w.endsWith("ies")) {
            out.add(w.substring(0, n - 3) + "y");
        }
        if (n > 4 && w.endsWith("ves")) {
            out.add(w.substring(0, n - 3) + "f");
            out.add(w.substring(0, n - 3) + "fe");
        }
        if (n > 3 && w.endsWith("es")) {
            out.add(w.substring(0, n - 2));
        }
        if (n > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us")) {
            out.add(w.substring(0, n - 1));
        }
        if (n > 3 && w.endsWith("i")) {
            out.add(w.substring(0, n - 1) + "us");
        }
        if (n > 3 && w.endsWith("a")) {
            out.add(w.substring(0, n - 1) + "um");
            out.add(w.substring(0, n - 1) + "on");
        }
        return out;
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 0;
        }
        int inter = 0;
        for (String x : a) {
            if (b.contains(x)) {
                inter++;
            }
        }
        return (double) inter / (a.size() + b.size() - inter);
    }
}
