package org.rhizome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    private static final long MIB = 1L << 20;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void plainLineWithKnownTotalShowsAmountsPercentRateAndEta() {
        long done = (long) (12.3 * MIB);
        long total = (long) (40.1 * MIB);
        // 12.3 MiB in 3 s = 4.1 MiB/s; 27.8 MiB left = 6.8 s, rounded up.
        String line = ConsoleProgress.plainLine("import train.txt", done, total, "bytes", 3 * SECOND);
        assertThat(line).isEqualTo("import train.txt: 12.3 MiB of 40.1 MiB (30%), 4.1 MiB/s, ETA 7s");
    }

    @Test
    void plainLineWithoutTotalHasNoPercentOrEta() {
        String line = ConsoleProgress.plainLine("snapshot", 1_234_567, -1, "statements", 2 * SECOND);
        assertThat(line).isEqualTo("snapshot: 1,234,567 statements, 617,284 statements/s");
    }

    @Test
    void plainLineBeforeAnyTimeHasPassedOmitsTheRate() {
        assertThat(ConsoleProgress.plainLine("export turtle", 10, 100, "statements", 0))
                .isEqualTo("export turtle: 10 of 100 statements (10%)");
    }

    @Test
    void barLineWithKnownTotalHasPercentBarAmountsRateAndEta() {
        String line = ConsoleProgress.barLine("import a.nt", 50, 200, "statements", SECOND);
        assertThat(line).isEqualTo("import a.nt  25% [" + "=".repeat(7) + ">" + " ".repeat(22)
                + "] 50 / 200 statements  50 statements/s  ETA 3s");
    }

    @Test
    void barLineWithoutTotalShowsAMovingMarkerAndNoEta() {
        String line = ConsoleProgress.barLine("snapshot", 5000, -1, "statements", SECOND);
        assertThat(line).startsWith("snapshot [").contains("] 5,000 statements  5,000 statements/s")
                .doesNotContain("%").doesNotContain("ETA");
        assertThat(ConsoleProgress.marker(0)).isEqualTo("[===" + " ".repeat(27) + "]");
        assertThat(ConsoleProgress.marker(SECOND)).isEqualTo("[" + " ".repeat(10) + "===" + " ".repeat(17) + "]");
    }

    @Test
    void barIsThirtyCharactersAndClampsItsFraction() {
        assertThat(ConsoleProgress.bar(0)).isEqualTo("[" + " ".repeat(30) + "]");
        assertThat(ConsoleProgress.bar(0.5)).isEqualTo("[" + "=".repeat(15) + ">" + " ".repeat(14) + "]");
        assertThat(ConsoleProgress.bar(1)).isEqualTo("[" + "=".repeat(30) + "]");
        assertThat(ConsoleProgress.bar(7)).isEqualTo(ConsoleProgress.bar(1));
        assertThat(ConsoleProgress.bar(-1)).isEqualTo(ConsoleProgress.bar(0));
        assertThat(ConsoleProgress.bar(Double.NaN)).isEqualTo(ConsoleProgress.bar(0));
    }

    @Test
    void percentIsClampedWhenDoneOvershootsTheTotal() {
        assertThat(ConsoleProgress.percent(150, 100)).isEqualTo(100);
        assertThat(ConsoleProgress.percent(299, 1000)).isEqualTo(29);
    }

    @Test
    void plainModePrintsAtMostOneLineEveryFiveSeconds() {
        AtomicLong clock = new AtomicLong();
        StringWriter buf = new StringWriter();
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(buf), false, clock::get);
        p.begin("import x.nt", 100 * MIB, "bytes");
        clock.set(SECOND);
        p.progress(10 * MIB);
        assertThat(buf.toString()).isEmpty();
        clock.set(5 * SECOND);
        p.progress(50 * MIB);
        clock.set(7 * SECOND);
        p.progress(60 * MIB);
        clock.set(10 * SECOND);
        p.progress(80 * MIB);
        assertThat(buf.toString().lines()).containsExactly(
                "import x.nt: 50.0 MiB of 100.0 MiB (50%), 10.0 MiB/s, ETA 5s",
                "import x.nt: 80.0 MiB of 100.0 MiB (80%), 8.0 MiB/s, ETA 3s");
    }

    @Test
    void terminalModeRedrawsInPlaceAtMostEvery200MillisAndEndReplacesTheBarWithTheSummary() {
        AtomicLong clock = new AtomicLong();
        StringWriter buf = new StringWriter();
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(buf), true, clock::get);
        p.begin("import y.ttl", 1000, "statements");
        clock.set(100_000_000L);
        p.progress(100);
        assertThat(buf.toString()).isEmpty();
        clock.set(SECOND);
        p.progress(500);
        clock.set(SECOND + 100_000_000L);
        p.progress(550);
        String afterTwoCalls = buf.toString();
        assertThat(afterTwoCalls).startsWith("\rimport y.ttl  50% [").doesNotContain("\n");
        assertThat(afterTwoCalls.chars().filter(c -> c == '\r').count()).isEqualTo(1);
        clock.set(2 * SECOND);
        p.end("imported 1,000 statements");
        String all = buf.toString();
        int width = ConsoleProgress.barLine("import y.ttl", 500, 1000, "statements", SECOND).length();
        assertThat(all).endsWith("\r" + " ".repeat(width) + "\rimported 1,000 statements" + System.lineSeparator());
    }

    @Test
    void quickTasksPrintNothingNotEvenTheSummary() {
        AtomicLong clock = new AtomicLong();
        StringWriter buf = new StringWriter();
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(buf), true, clock::get);
        p.begin("import tiny.ttl", 10, "bytes");
        clock.set(50_000_000L);
        p.progress(10);
        p.end("imported 1 statement");
        assertThat(buf.toString()).isEmpty();
    }

    @Test
    void quietGivesTheSilentListener() {
        StringWriter buf = new StringWriter();
        assertThat(ConsoleProgress.forConsole(new PrintWriter(buf), true))
                .isSameAs(org.rhizome.graph.ProgressListener.NONE);
    }
}
