package org.rhizome.agent.ingest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What ingesting one document did.
 *
 * @param document       the document's name (absolute path)
 * @param iri            its record in the catalogue
 * @param outcome        what happened
 * @param chunks         chunks the document was split into
 * @param chunksWritten  chunks extracted and written now
 * @param chunksSkipped  chunks already written by an earlier, interrupted ingestion of the same content
 * @param chunksRefused  chunks whose answers stayed unusable after the repairs (nothing written for them)
 * @param newConcepts    concepts created
 * @param reused         concepts resolved to existing ones
 * @param edges          relation statements written
 * @param inputTokens    prompt tokens
 * @param outputTokens   completion tokens
 * @param cost           USD
 * @param failure        why ingestion stopped early, for {@link Outcome#FAILED}
 * @param problems       the problems of refused chunks, each prefixed by its chunk number
 */
public record IngestReport(String document, String iri, Outcome outcome, int chunks, int chunksWritten,
        int chunksSkipped, int chunksRefused, int newConcepts, int reused, int edges, long inputTokens,
        long outputTokens, double cost, Optional<String> failure, List<String> problems) {

    /** What happened to a document. */
    public enum Outcome {
        /** Extracted and written (some chunks may have been refused: see {@link #chunksRefused()}). */
        INGESTED,
        /** Already ingested with the same content: nothing done. */
        UNCHANGED,
        /** Changed since it was ingested: its old statements were removed and it was ingested again. */
        REPLACED,
        /** The model failed for good part-way; the chunks written stay, and ingesting again continues. */
        FAILED
    }

    public IngestReport {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(failure, "failure");
        problems = List.copyOf(problems);
    }
}
