package org.rhizome.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rhizome.graph.analytics.StoredAnalytics;

class GrowthMetricsTest {
    @Test
    void recordsOnePointPerIterationAndWritesAReport(@TempDir Path dir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<StoredAnalytics.MetricsPoint> h = GrowthMetrics.run(dir.resolve("store"), 6,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(h).extracting(StoredAnalytics.MetricsPoint::iteration).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        // 20 new concepts per iteration, each linked to the graph.
        assertThat(h.get(5).value("nodes")).isEqualTo(120);
        assertThat(h.get(5).value("edges")).isGreaterThan(h.get(0).value("edges"));
        assertThat(h.get(5).value("components")).isEqualTo(1);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("report with the time series: ");
        assertThat(dir.resolve("store-report").resolve("index.html")).isNotEmptyFile();
    }
}
