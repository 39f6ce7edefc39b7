package org.rhizome.agent.growth;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.rhizome.agent.extract.LocalGraph;
import org.rhizome.graph.ConceptSpec;
import org.rhizome.graph.Rz;
import org.rhizome.graph.SourceWriter;

/**
 * The merge path shared by growth and ingestion: resolve a local graph's concepts against the global graph
 * ({@link #resolve}), then write it into one source ({@link #write}). Concepts resolved to existing ones are written
 * as those IRIs (with the answer's spelling as a {@code skos:altLabel} when it differs beyond case), others as new
 * concepts with their descriptions and types; edges as relation statements. Resolve on the thread that writes, just
 * before writing, so that concurrent extractions never both create the same concept.
 */
public final class LocalGraphWriter {
    private final ConceptMatcher matcher;

    public LocalGraphWriter(ConceptMatcher matcher) {
        this.matcher = Objects.requireNonNull(matcher, "matcher");
    }

    /**
     * The resolution of every concept of a local graph.
     *
     * @param matches one decision per node, in order
     * @param reused  the nodes resolved to existing concepts
     * @param review  the nodes written as new although possibly duplicates
     * @param created how many concepts writing will create
     */
    public record Plan(List<ConceptMatcher.Match> matches, List<IterationResult.Resolved> reused,
            List<IterationResult.Resolved> review, int created) {
        public Plan {
            matches = List.copyOf(matches);
            reused = List.copyOf(reused);
            review = List.copyOf(review);
        }
    }

    /** Resolves every concept of {@code g}. */
    public Plan resolve(LocalGraph g) {
        List<ConceptMatcher.Match> matches = new ArrayList<>(g.nodes().size());
        List<IterationResult.Resolved> reused = new ArrayList<>();
        List<IterationResult.Resolved> review = new ArrayList<>();
        int created = 0;
        for (LocalGraph.Node node : g.nodes()) {
            ConceptMatcher.Match m = matcher.match(node);
            matches.add(m);
            switch (m.kind()) {
                case EXISTING -> reused.add(new IterationResult.Resolved(node.label(), m.iri().orElseThrow(),
                        m.score()));
                case REVIEW -> {
                    review.add(new IterationResult.Resolved(node.label(), m.iri().orElseThrow(), m.score()));
                    created++;
                }
                case NEW -> created++;
            }
        }
        return new Plan(matches, reused, review, created);
    }

    /** Writes {@code g} as {@code plan} resolved it; returns the relation statements added. */
    public int write(SourceWriter w, LocalGraph g, Plan plan) {
        return write(w, null, g, plan, java.util.Map.of(), java.util.Set.of());
    }

    /**
     * Writes {@code g} as {@code plan} resolved it, with the critic's verdicts: edges (by index) in
     * {@code plausibility} carry it as their statement confidence; those in {@code heldBack} go to {@code review}
     * instead of {@code w}.
     *
     * @return the relation statements added to {@code w}
     */
    public int write(SourceWriter w, SourceWriter review, LocalGraph g, Plan plan,
            java.util.Map<Integer, Double> plausibility, java.util.Set<Integer> heldBack) {
        Node[] nodes = new Node[g.nodes().size()];
        for (int i = 0; i < nodes.length; i++) {
            LocalGraph.Node node = g.nodes().get(i);
            ConceptMatcher.Match m = plan.matches().get(i);
            if (m.kind() == ConceptMatcher.Kind.EXISTING) {
                Node c = NodeFactory.createURI(m.iri().orElseThrow());
                w.add(c, RDF.type.asNode(), Rz.Concept);
                if (!m.label().map(l -> l.equalsIgnoreCase(node.label())).orElse(false)) {
                    w.add(c, SKOS.altLabel.asNode(), NodeFactory.createLiteralString(node.label()));
                }
                nodes[i] = c;
            } else {
                nodes[i] = w.concept(new ConceptSpec(node.label(), node.description(), node.types(), List.of()));
            }
        }
        int edges = 0;
        for (int i = 0; i < g.edges().size(); i++) {
            LocalGraph.Edge e = g.edges().get(i);
            if (nodes[e.source()].equals(nodes[e.target()])) {
                continue;
            }
            Double p = plausibility.get(i);
            if (heldBack.contains(i) && review != null) {
                review.add(nodes[e.source()], review.relationType(e.relation()), nodes[e.target()], p);
                continue;
            }
            Node rel = w.relationType(e.relation());
            boolean added = p == null ? w.add(nodes[e.source()], rel, nodes[e.target()])
                    : w.add(nodes[e.source()], rel, nodes[e.target()], p);
            if (added) {
                edges++;
            }
        }
        return edges;
    }
}
