package org.rhizome.agent.growth;

import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.rhizome.agent.extract.LocalGraph;
import org.rhizome.graph.Concept;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.retrieval.Retrieval;
import org.rhizome.retrieval.resolution.Candidate;
import org.rhizome.retrieval.resolution.EntityResolver.NewConcept;
import org.rhizome.retrieval.resolution.Resolution;

/**
 * Decides, for each concept of an answer, whether the graph already has it: the growth loop's entity resolution.
 */
public interface ConceptMatcher {
    /** What the matcher decided for one concept. */
    enum Kind {
        /** The graph has it: reuse {@link Match#iri()}. */
        EXISTING,
        /** Written as new, but possibly a duplicate of {@link Match#iri()}: listed for review. */
        REVIEW,
        /** New. */
        NEW
    }

    /**
     * A decision.
     *
     * @param kind  the decision
     * @param iri   the existing concept (for {@code EXISTING} and {@code REVIEW})
     * @param label its label
     * @param score the resolver's score (1 for an exact label)
     */
    record Match(Kind kind, Optional<String> iri, Optional<String> label, double score) {
        static final Match NEW = new Match(Kind.NEW, Optional.empty(), Optional.empty(), 0);
    }

    /** The decision for {@code node}. */
    Match match(LocalGraph.Node node);

    /**
     * Exact keys only: the concept minted from the label, or one whose label or alias is the label exactly
     * ({@link KnowledgeGraph#findConceptByLabel}).
     */
    static ConceptMatcher exactLabels(KnowledgeGraph kg) {
        return node -> exact(kg, node).orElse(Match.NEW);
    }

    /**
     * Exact keys first, then the calibrated entity resolver of the retrieval services (lexical and embedding
     * features; its merge and review thresholds).
     */
    static ConceptMatcher resolver(KnowledgeGraph kg, Retrieval retrieval) {
        Objects.requireNonNull(retrieval, "retrieval");
        return node -> {
            Optional<Match> e = exact(kg, node);
            if (e.isPresent()) {
                return e.get();
            }
            Set<String> types = new HashSet<>();
            for (String t : node.types()) {
                types.add(kg.classIri(t));
            }
            Resolution r = retrieval.resolver().resolve(new NewConcept(node.label(), node.description(), types));
            if (r.best().isEmpty() || r.decision() == Resolution.Decision.NEW) {
                return Match.NEW;
            }
            Candidate c = r.best().get();
            return new Match(r.decision() == Resolution.Decision.MERGE ? Kind.EXISTING : Kind.REVIEW,
                    Optional.of(c.iri()), Optional.of(c.label()), c.score());
        };
    }

    private static Optional<Match> exact(KnowledgeGraph kg, LocalGraph.Node node) {
        Optional<Concept> c = kg.findConceptByLabel(node.label());
        return c.map(x -> new Match(Kind.EXISTING, Optional.of(x.iri()), Optional.of(x.label()), 1.0));
    }
}
