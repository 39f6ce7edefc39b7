package org.rhizome.agent.growth;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one iteration did.
 *
 * @param iteration     its number in the run, from 1
 * @param question      the question asked
 * @param committed     whether its statements were written (false: the answer could not be used)
 * @param graph         the named graph holding its statements (empty when not committed)
 * @param newConcepts   concepts it created
 * @param reused        concepts of the answer resolved to concepts already in the graph (merges at write time)
 * @param review        concepts written as new although the resolver found a possible duplicate (for review)
 * @param edges         relation statements written
 * @param statements    statements added in all (concept descriptions included)
 * @param repairs       repair prompts sent
 * @param inputTokens   prompt tokens over its calls
 * @param outputTokens  completion tokens over its calls
 * @param cost          USD over its calls
 * @param elapsed       wall time from asking to the commit, the change listeners it fires included (with several
 *                      branches, iterations overlap: their elapsed times add up to more than the run's)
 * @param llmTime       of which waiting for the model
 * @param followUp      the model's suggested next question
 * @param problems      why the answer was refused (empty when committed)
 * @param warnings      what validation fixed
 * @param heldBack      statements the critic found implausible, written to the review graph instead
 */
public record IterationResult(int iteration, NextQuestion question, boolean committed, Optional<String> graph,
        int newConcepts, List<Resolved> reused, List<Resolved> review, int edges, long statements, int repairs,
        long inputTokens, long outputTokens, double cost, Duration elapsed, Duration llmTime,
        Optional<String> followUp, List<String> problems, List<String> warnings, List<HeldBack> heldBack) {

    public IterationResult {
        Objects.requireNonNull(question, "question");
        reused = List.copyOf(reused);
        review = List.copyOf(review);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
        heldBack = List.copyOf(heldBack);
    }

    /** A statement the critic held back: its labels and plausibility. */
    public record HeldBack(String head, String relation, String tail, double plausibility) {}

    /** A label of the answer and the existing concept it was resolved to, with the resolver's score. */
    public record Resolved(String label, String iri, double score) {}
}
