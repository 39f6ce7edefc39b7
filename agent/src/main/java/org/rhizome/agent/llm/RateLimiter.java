package org.rhizome.agent.llm;

/**
 * Requests-per-minute and tokens-per-minute limits as two token buckets that refill continuously (a full minute's
 * allowance at most). A call takes one request and its estimated tokens before it is sent; once the server has said
 * how many tokens it really used, the difference is settled, so an underestimate slows the calls that follow.
 * A limit of 0 means none. Thread-safe; waiting callers sleep outside the lock.
 */
final class RateLimiter {
    private final double requestsPerNano;
    private final double tokensPerNano;
    private final double requestCapacity;
    private final double tokenCapacity;
    private double requests;
    private double tokens;
    private long last;

    RateLimiter(int requestsPerMinute, int tokensPerMinute) {
        this.requestCapacity = requestsPerMinute;
        this.tokenCapacity = tokensPerMinute;
        this.requestsPerNano = requestsPerMinute / 60e9;
        this.tokensPerNano = tokensPerMinute / 60e9;
        this.requests = requestCapacity;
        this.tokens = tokenCapacity;
        this.last = System.nanoTime();
    }

    /** Waits until one request and {@code estimatedTokens} fit, then takes them. */
    void acquire(long estimatedTokens) throws InterruptedException {
        if (requestCapacity == 0 && tokenCapacity == 0) {
            return;
        }
        long want = tokenCapacity == 0 ? 0 : Math.min(estimatedTokens, (long) tokenCapacity);
        while (true) {
            long waitNanos;
            synchronized (this) {
                refill();
                double needR = requestCapacity == 0 ? 0 : 1 - requests;
                double needT = tokenCapacity == 0 ? 0 : want - tokens;
                if (needR <= 0 && needT <= 0) {
                    if (requestCapacity > 0) {
                        requests -= 1;
                    }
                    if (tokenCapacity > 0) {
                        tokens -= want;
                    }
                    return;
                }
                waitNanos = Math.max(needR > 0 ? (long) Math.ceil(needR / requestsPerNano) : 0,
                        needT > 0 ? (long) Math.ceil(needT / tokensPerNano) : 0);
            }
            Thread.sleep(Math.max(1, waitNanos / 1_000_000), 0);
        }
    }

    /** Settles a call's real token count against its estimate (may leave the bucket in debt). */
    synchronized void settle(long estimatedTokens, long actualTokens) {
        if (tokenCapacity == 0) {
            return;
        }
        refill();
        tokens -= actualTokens - Math.min(estimatedTokens, (long) tokenCapacity);
    }

    private void refill() {
        long now = System.nanoTime();
        long dt = now - last;
        last = now;
        requests = Math.min(requestCapacity, requests + dt * requestsPerNano);
        tokens = Math.min(tokenCapacity, tokens + dt * tokensPerNano);
    }
}
