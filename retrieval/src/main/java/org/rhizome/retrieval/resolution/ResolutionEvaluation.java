package org.rhizome.retrieval.resolution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.rhizome.retrieval.resolution.EntityResolver.NewConcept;
import org.rhizome.retrieval.resolution.VariantSet.LabelledQuery;

/**
 * Precision and recall of a resolver's automatic merges on a labelled {@link VariantSet}, overall and by variant
 * kind. A merge into the expected concept is a true positive; a merge into another concept, or a merge of a label
 * that names none, is a false positive (the first is also a false negative); a label with an expected concept that
 * is not merged is a false negative. Reviews count as "not merged"; they are reported apart.
 */
public final class ResolutionEvaluation {
    private ResolutionEvaluation() {
    }

    /** Counts for one group of queries. */
    public record Counts(int queries, int positives, int truePositives, int wrongMerges, int falseMerges,
            int reviews) {
        /** TP / (TP + wrong + false merges); 1 when nothing was merged. */
        public double precision() {
            int merged = truePositives + wrongMerges + falseMerges;
            return merged == 0 ? 1.0 : (double) truePositives / merged;
        }

        /** TP / positives; 1 when there are no positives. */
        public double recall() {
            return positives == 0 ? 1.0 : (double) truePositives / positives;
        }

        /** Harmonic mean of precision and recall. */
        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        Counts plus(Counts o) {
            return new Counts(queries + o.queries, positives + o.positives, truePositives + o.truePositives,
                    wrongMerges + o.wrongMerges, falseMerges + o.falseMerges, reviews + o.reviews);
        }
    }

    /** The evaluation: overall counts and counts by kind (in the set's order of first appearance). */
    public record Result(Counts overall, Map<String, Counts> byKind) {
        /** A Markdown table of the result. */
        public String table() {
            StringBuilder sb = new StringBuilder(
                    "| kind | queries | expected matches | precision | recall | F1 | wrong merges | false merges | reviews |\n"
                            + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Map.Entry<String, Counts> e : byKind.entrySet()) {
                row(sb, e.getKey(), e.getValue());
            }
            row(sb, "**all**", overall);
            return sb.toString();
        }

        private static void row(StringBuilder sb, String name, Counts c) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %.3f | %.3f | %.3f | %d | %d | %d |%n", name,
                    c.queries(), c.positives(), c.precision(), c.recall(), c.f1(), c.wrongMerges(), c.falseMerges(),
                    c.reviews()));
        }
    }

    /**
     * Resolves every query of {@code set} accepted by {@code subset}.
     *
     * @param iris     the IRI of each concept id (from {@link VariantSet#writeTo})
     * @param typeIri  turns a type label into the IRI the index holds
     */
    public static Result evaluate(EntityResolver resolver, VariantSet set, Map<String, String> iris,
            Function<String, String> typeIri, Predicate<LabelledQuery> subset) {
        Map<String, Counts> byKind = new LinkedHashMap<>();
        for (LabelledQuery q : set.queries()) {
            if (!subset.test(q)) {
                continue;
            }
            Resolution r = resolver.resolve(toNewConcept(q, typeIri));
            Counts c = score(q, r, iris);
            byKind.merge(q.kind(), c, Counts::plus);
        }
        Counts all = new Counts(0, 0, 0, 0, 0, 0);
        for (Counts c : byKind.values()) {
            all = all.plus(c);
        }
        return new Result(all, byKind);
    }

    /** The query as the resolver sees it. */
    public static NewConcept toNewConcept(LabelledQuery q, Function<String, String> typeIri) {
        return new NewConcept(q.query(), q.description(), q.type().map(t -> Set.of(typeIri.apply(t)))
                .orElse(Set.of()));
    }

    static Counts score(LabelledQuery q, Resolution r, Map<String, String> iris) {
        Optional<String> want = q.expected().map(id -> {
            String iri = iris.get(id);
            if (iri == null) {
                throw new IllegalArgumentException("query '" + q.query() + "' expects unknown concept " + id);
            }
            return iri;
        });
        Optional<String> merged = r.mergeTarget();
        int positive = want.isPresent() ? 1 : 0;
        int tp = merged.isPresent() && merged.equals(want) ? 1 : 0;
        int wrong = merged.isPresent() && want.isPresent() && !merged.equals(want) ? 1 : 0;
        int falseMerge = merged.isPresent() && want.isEmpty() ? 1 : 0;
        int review = r.decision() == Resolution.Decision.REVIEW ? 1 : 0;
        return new Counts(1, positive, tp, wrong, falseMerge, review);
    }

    /** The wrong and false merges and the missed matches of a subset, one line each, for diagnosis. */
    public static List<String> errors(EntityResolver resolver, VariantSet set, Map<String, String> iris,
            Function<String, String> typeIri, Predicate<LabelledQuery> subset) {
        List<String> out = new ArrayList<>();
        for (LabelledQuery q : set.queries()) {
            if (!subset.test(q)) {
                continue;
            }
            Resolution r = resolver.resolve(toNewConcept(q, typeIri));
            Counts c = score(q, r, iris);
            if (c.truePositives() == c.positives() && c.falseMerges() == 0 && c.wrongMerges() == 0) {
                continue;
            }
            out.add(String.format(Locale.ROOT, "%s\t%s\texpected %s\tgot %s %s (%.3f)", q.kind(), q.query(),
                    q.expected().orElse("NONE"), r.decision(), r.best().map(Candidate::label).orElse("-"),
                    r.best().map(Candidate::score).orElse(0.0)));
        }
        return out;
    }
}
