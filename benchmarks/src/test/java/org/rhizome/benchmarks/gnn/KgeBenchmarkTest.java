package org.rhizome.benchmarks.gnn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KgeBenchmarkTest {
    /** The time left at the rate so far, by hand: 143 s for 1,000 steps, 99,000 to go = 14,157 s = 235.95 min. */
    @Test
    void progressLineEstimatesTheTimeLeft() {
        assertThat(KgeBenchmark.remaining(143, 1000, 99_000)).isEqualTo(", about 3 h 56 min left");
        assertThat(KgeBenchmark.remaining(600, 10, 10)).isEqualTo(", about 10 min left");
        assertThat(KgeBenchmark.remaining(3, 10, 10)).isEqualTo(", under a minute left");
        // 270 s = 4.5 min, rounded up
        assertThat(KgeBenchmark.remaining(90, 1000, 3000)).isEqualTo(", about 5 min left");
    }

    @Test
    void noEstimateBeforeTheFirstStepOrAfterTheLast() {
        assertThat(KgeBenchmark.remaining(0, 0, 100)).isEmpty();
        assertThat(KgeBenchmark.remaining(50, 100, 0)).isEmpty();
    }
}
