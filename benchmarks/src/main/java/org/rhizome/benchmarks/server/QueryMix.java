package org.rhizome.benchmarks.server;

import java.util.SplittableRandom;

/**
 * The benchmark's query mix over a {@link SyntheticKg}: the same SPARQL text for both servers, drawn from a caller's
 * seeded generator, so a seed gives the same sequence of queries wherever it runs. Every pattern is inside
 * {@code GRAPH ?g { ... }} (Rhizome keeps imported statements in named graphs and its catalogue in the default
 * graph, and standalone Fuseki serves the same store as it is), and every result is bounded well under Rhizome's
 * default cap of 10,000 rows. Shares, by kind:
 *
 * <ul>
 *   <li>30% {@link Kind#POINT}: every statement of a random entity (as subject);</li>
 *   <li>25% {@link Kind#ONE_HOP}: a random entity's out-neighbours with their labels;</li>
 *   <li>15% {@link Kind#TWO_HOP}: statements of its out-neighbours, {@code LIMIT 1000};</li>
 *   <li>10% {@link Kind#AGGREGATE}: counts per predicate of the statements of its in- and out-neighbours,
 *       {@code GROUP BY}, ordered;</li>
 *   <li>20% {@link Kind#TEXT}: members of a random class (about 2,000 at 10^6 statements) whose label starts with a
 *       two-letter prefix taken from a member's label, so at least one matches, {@code ORDER BY}, {@code LIMIT 50}.</li>
 * </ul>
 * Entities are drawn uniformly, so hubs are as rare in the queries as in the entity list.
 *
 * <p>The light mix, a diagnostic, is only {@link Kind#LABEL}: the label of a random entity, one
 * row from one index look-up, so that the per-request cost of the server around the query weighs as much as it can.
 */
public final class QueryMix {
    /** Query kinds, in the order of the shares above. */
    public enum Kind {
        POINT(0.30), ONE_HOP(0.25), TWO_HOP(0.15), AGGREGATE(0.10), TEXT(0.20), LABEL(0);

        final double share;

        Kind(double share) {
            this.share = share;
        }
    }

    /** One query of the mix. */
    public record Query(Kind kind, String sparql) {}

    private static final String PREFIX = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n";
    private final SyntheticKg kg;
    private final boolean light;

    /** The mix described above, or with {@code light} the label look-ups only. */
    public QueryMix(SyntheticKg kg, boolean light) {
        this.kg = kg;
        this.light = light;
    }

    /** The next query, drawn from {@code rng}. */
    public Query next(SplittableRandom rng) {
        if (light) {
            return new Query(Kind.LABEL, PREFIX + "SELECT ?label WHERE { GRAPH ?g { <"
                    + SyntheticKg.entityIri(rng.nextInt(kg.shape().entities())) + "> rdfs:label ?label } }");
        }
        double u = rng.nextDouble();
        Kind kind = Kind.TEXT;
        double acc = 0;
        for (Kind k : Kind.values()) {
            acc += k.share;
            if (u < acc) {
                kind = k;
                break;
            }
        }
        int e = rng.nextInt(kg.shape().entities());
        String iri = "<" + SyntheticKg.entityIri(e) + ">";
        String q = switch (kind) {
            case POINT -> "SELECT ?p ?o WHERE { GRAPH ?g { " + iri + " ?p ?o } }";
            case ONE_HOP -> PREFIX + "SELECT ?p ?x ?label WHERE { GRAPH ?g { " + iri
                    + " ?p ?x . ?x rdfs:label ?label } }";
            case TWO_HOP -> "SELECT ?p ?x ?q ?y WHERE { GRAPH ?g { " + iri + " ?p ?x . ?x ?q ?y } } LIMIT 1000";
            case AGGREGATE -> "SELECT ?q (COUNT(*) AS ?n) WHERE { GRAPH ?g { { " + iri + " ?p ?x } UNION { ?x ?p "
                    + iri + " } ?x ?q ?y } } GROUP BY ?q ORDER BY DESC(?n) ?q";
            case TEXT -> PREFIX + "SELECT ?x ?label WHERE { GRAPH ?g { ?x a <"
                    + SyntheticKg.classIri(kg.classOf(e)) + "> ; rdfs:label ?label . FILTER(STRSTARTS(?label, \""
                    + kg.label(e).substring(0, 2) + "\")) } } ORDER BY ?label ?x LIMIT 50";
            case LABEL -> PREFIX + "SELECT ?label WHERE { GRAPH ?g { " + iri + " rdfs:label ?label } }";
        };
        return new Query(kind, q);
    }
}
