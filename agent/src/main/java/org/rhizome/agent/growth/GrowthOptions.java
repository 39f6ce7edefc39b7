package org.rhizome.agent.growth;

import java.time.Duration;
import java.util.Objects;

import org.rhizome.agent.extract.ExtractionRules;

/**
 * How a growth run proceeds and when it stops. A run stops at the first budget reached; 0 (or
 * {@link Duration#ZERO}) means no such budget.
 *
 * @param maxIterations         iterations in this run, counted over resumes (0: until another budget stops it)
 * @param maxTokens             prompt + completion tokens over the run
 * @param maxCost               USD over the run
 * @param maxWallTime           wall time of this invocation (a resume starts its own clock)
 * @param stopAfterNoNewConcepts stop after this many consecutive iterations that added no concept
 * @param maxRepairs            repair prompts per iteration after the first answer (0: refuse at once)
 * @param maxConsecutiveRejects stop after this many consecutive iterations whose answer could not be used
 * @param analyzeEvery          record the structural metrics (modularity, power-law fit, ...) every this many
 *                              iterations into the store's metrics history (0: never)
 * @param graphExcerpt          send the model an excerpt of what the graph holds around the question
 * @param rules                 what an answer may contain
 * @param branches              questions in flight at once: the model is asked up to this many questions in
 *                              parallel; resolution and writing stay one iteration at a time. The LLM client's
 *                              {@code max-concurrent} must allow as many calls (the CLI raises it to match)
 */
public record GrowthOptions(int maxIterations, long maxTokens, double maxCost, Duration maxWallTime,
        int stopAfterNoNewConcepts, int maxRepairs, int maxConsecutiveRejects, int analyzeEvery, boolean graphExcerpt,
        ExtractionRules rules, int branches) {

    public GrowthOptions {
        Objects.requireNonNull(maxWallTime, "maxWallTime");
        Objects.requireNonNull(rules, "rules");
        if (branches < 1) {
            throw new IllegalArgumentException("branches must be >= 1, got " + branches);
        }
        if (maxIterations < 0 || maxTokens < 0 || !(maxCost >= 0) || stopAfterNoNewConcepts < 0 || maxRepairs < 0
                || maxConsecutiveRejects < 1 || analyzeEvery < 0) {
            throw new IllegalArgumentException("growth budgets must be >= 0 (max-consecutive-rejects >= 1)");
        }
        if (maxIterations == 0 && maxTokens == 0 && maxCost == 0 && maxWallTime.isZero()
                && stopAfterNoNewConcepts == 0) {
            throw new IllegalArgumentException("a growth run needs at least one budget (iterations, tokens, cost, "
                    + "wall time or iterations without new concepts)");
        }
    }

    /**
     * 10 iterations, no other budget, stop after 5 iterations without new concepts, 2 repairs, stop after 3
     * unusable answers in a row, metrics every 10 iterations, no graph excerpt, default extraction rules, one branch.
     */
    public static GrowthOptions defaults() {
        return new GrowthOptions(10, 0, 0, Duration.ZERO, 5, 2, 3, 10, false, ExtractionRules.defaults(), 1);
    }

    public GrowthOptions withMaxIterations(int n) {
        return new GrowthOptions(n, maxTokens, maxCost, maxWallTime, stopAfterNoNewConcepts, maxRepairs,
                maxConsecutiveRejects, analyzeEvery, graphExcerpt, rules, branches);
    }

    public GrowthOptions withBudgets(long tokens, double cost, Duration wall) {
        return new GrowthOptions(maxIterations, tokens, cost, wall, stopAfterNoNewConcepts, maxRepairs,
                maxConsecutiveRejects, analyzeEvery, graphExcerpt, rules, branches);
    }

    public GrowthOptions withStopAfterNoNewConcepts(int n) {
        return new GrowthOptions(maxIterations, maxTokens, maxCost, maxWallTime, n, maxRepairs,
                maxConsecutiveRejects, analyzeEvery, graphExcerpt, rules, branches);
    }

    public GrowthOptions withRepairs(int repairs, int consecutiveRejects) {
        return new GrowthOptions(maxIterations, maxTokens, maxCost, maxWallTime, stopAfterNoNewConcepts, repairs,
                consecutiveRejects, analyzeEvery, graphExcerpt, rules, branches);
    }

    public GrowthOptions withAnalyzeEvery(int n) {
        return new GrowthOptions(maxIterations, maxTokens, maxCost, maxWallTime, stopAfterNoNewConcepts, maxRepairs,
                maxConsecutiveRejects, n, graphExcerpt, rules, branches);
    }

    public GrowthOptions withGraphExcerpt(boolean on) {
        return new GrowthOptions(maxIterations, maxTokens, maxCost, maxWallTime, stopAfterNoNewConcepts, maxRepairs,
                maxConsecutiveRejects, analyzeEvery, on, rules, branches);
    }

    public GrowthOptions withRules(ExtractionRules r) {
        return new GrowthOptions(maxIterations, maxTokens, maxCost, maxWallTime, stopAfterNoNewConcepts, maxRepairs,
                maxConsecutiveRejects, analyzeEvery, graphExcerpt, r, branches);
    }

    public GrowthOptions withBranches(int n) {
        return new GrowthOptions(maxIterations, maxTokens, maxCost, maxWallTime, stopAfterNoNewConcepts, maxRepairs,
                maxConsecutiveRejects, analyzeEvery, graphExcerpt, rules, n);
    }
}
