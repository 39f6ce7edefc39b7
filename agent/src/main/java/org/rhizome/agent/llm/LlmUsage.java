package org.rhizome.agent.llm;

/**
 * Totals of a client's calls so far.
 *
 * @param calls        successful calls
 * @param failedCalls  calls that failed for good
 * @param retries      attempts beyond the first, over all calls
 * @param inputTokens  prompt tokens
 * @param outputTokens completion tokens
 * @param cost         USD
 */
public record LlmUsage(long calls, long failedCalls, long retries, long inputTokens, long outputTokens, double cost) {
    /** No calls. */
    public static final LlmUsage NONE = new LlmUsage(0, 0, 0, 0, 0, 0);

    /** Prompt plus completion tokens. */
    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    /** The sum of two usages. */
    public LlmUsage plus(LlmUsage o) {
        return new LlmUsage(calls + o.calls, failedCalls + o.failedCalls, retries + o.retries,
                inputTokens + o.inputTokens, outputTokens + o.outputTokens, cost + o.cost);
    }
}
