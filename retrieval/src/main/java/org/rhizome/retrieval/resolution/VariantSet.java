package org.rhizome.retrieval.resolution;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.rhizome.graph.ConceptSpec;
import org.rhizome.graph.InputFormatException;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.Source;
import org.rhizome.graph.SourceKind;

/**
 * The project's labelled set of name variants for measuring entity resolution (written for Rhizome by hand; see the
 * README beside the files): 165 existing concepts with confusable homonyms and near-namesakes, and 458 new labels
 * of ten kinds (exact, case, alias, abbreviation, plural, word-order, synonym, typo, near-miss, unrelated), each
 * with the concept it names or none.
 *
 * <p>The set is split in two halves by a hash of the query text ({@link #isTuning}): the resolver's default weights
 * and thresholds are fitted on the tuning half only, and the held-out half measures them.
 */
public final class VariantSet {
    private static final String DIR = "/org/rhizome/retrieval/resolution/";

    /** An existing concept of the set. */
    public record LabelledConcept(String id, String label, Optional<String> description, Optional<String> type,
            List<String> aliases) {
    }

    /** A new label with the id of the concept it names, or empty when it names none. */
    public record LabelledQuery(String query, Optional<String> description, Optional<String> type, String kind,
            Optional<String> expected) {
    }

    private final List<LabelledConcept> concepts;
    private final List<LabelledQuery> queries;

    private VariantSet(List<LabelledConcept> concepts, List<LabelledQuery> queries) {
        this.concepts = List.copyOf(concepts);
        this.queries = List.copyOf(queries);
    }

    /** Loads the set shipped in this module's resources. */
    public static VariantSet load() {
        List<LabelledConcept> concepts = new ArrayList<>();
        for (String[] row : read("concepts.tsv", 5)) {
            concepts.add(new LabelledConcept(row[0], row[1], opt(row[2]), opt(row[3]),
                    row[4].isBlank() ? List.of() : Arrays.asList(row[4].split("\\|"))));
        }
        List<LabelledQuery> queries = new ArrayList<>();
        for (String[] row : read("queries.tsv", 5)) {
            queries.add(new LabelledQuery(row[0], opt(row[1]), opt(row[2]), row[3],
                    row[4].equals("NONE") ? Optional.empty() : Optional.of(row[4])));
        }
        return new VariantSet(concepts, queries);
    }

    private static Optional<String> opt(String s) {
        return s.isBlank() ? Optional.empty() : Optional.of(s);
    }

    private static List<String[]> read(String name, int columns) {
        InputStream in = VariantSet.class.getResourceAsStream(DIR + name);
        if (in == null) {
            throw new IllegalStateException("resource " + DIR + name + " is missing from the classpath");
        }
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line = r.readLine(); // header
            int n = 1;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cols = line.split("\t", -1);
                if (cols.length != columns) {
                    throw new InputFormatException(name, n, 1, columns + " tab-separated columns, found "
                            + cols.length);
                }
                rows.add(cols);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** The existing concepts. */
    public List<LabelledConcept> concepts() {
        return concepts;
    }

    /** The new labels. */
    public List<LabelledQuery> queries() {
        return queries;
    }

    /** True for the tuning half (a fixed hash of the query and its description), false for the held-out half. */
    public static boolean isTuning(LabelledQuery q) {
        String s = q.query() + "\t" + q.description().orElse("");
        int h = 0;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = 31 * h + (b & 0xff);
        }
        return (h & 1) == 0;
    }

    /**
     * Writes the concepts into {@code kg} (label, description, type, aliases) in one transaction.
     *
     * @return the IRI of each concept id
     */
    public Map<String, String> writeTo(KnowledgeGraph kg) {
        Objects.requireNonNull(kg, "kg");
        Map<String, String> iris = new LinkedHashMap<>();
        kg.write(Source.of(SourceKind.MANUAL, "name-variant-set"), w -> {
            for (LabelledConcept c : concepts) {
                ConceptSpec spec = new ConceptSpec(c.label(), c.description(), c.type().map(List::of)
                        .orElse(List.of()), c.aliases());
                String iri = w.concept(spec).getURI();
                if (iris.containsValue(iri)) {
                    throw new IllegalStateException("two concepts of the set mint the same IRI " + iri);
                }
                iris.put(c.id(), iri);
            }
        });
        return iris;
    }
}
