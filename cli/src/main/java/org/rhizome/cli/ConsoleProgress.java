package org.rhizome.cli;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

import org.rhizome.graph.ProgressListener;

/**
 * Renders a library's {@link ProgressListener} reports on standard error.
 *
 * <ul>
 *   <li>On a terminal ({@link #onTerminal()}: {@code System.console() != null} and standard error a terminal):
 *       one line redrawn in place with {@code \r} at most every {@value #TERMINAL_INTERVAL_MILLIS} ms, for example
 *       {@code import train.txt  30% [========>                     ] 12.3 MiB / 40.1 MiB  4.1 MiB/s  ETA 7s}.
 *       Without a known total the bar shows a moving marker and the line has no percentage or ETA.</li>
 *   <li>Otherwise (a pipe, a file, a CI log): a plain line at most every {@value #PLAIN_INTERVAL_MILLIS} ms, for
 *       example {@code import train.txt: 12.3 MiB of 40.1 MiB (30%), 4.1 MiB/s, ETA 7s}.</li>
 * </ul>
 * Nothing is shown for work that ends before the first interval has passed, so quick tasks stay silent (the command
 * prints its own result). {@link #end(String)} clears the bar and, if anything was shown for the task, prints the
 * summary line in its place.
 *
 * <p>Byte amounts are shown in binary units, other units as counts with thousands separators (see {@link Units}).
 * The line formats are pure static methods ({@link #barLine}, {@link #plainLine}, {@link #bar}) so they can be
 * tested without a terminal. Instances are used from one working thread at a time.
 */
public final class ConsoleProgress implements ProgressListener {
    /** Minimum time between redraws of the terminal bar. */
    public static final long TERMINAL_INTERVAL_MILLIS = 200;
    /** Minimum time between plain progress lines when standard error is not a terminal. */
    public static final long PLAIN_INTERVAL_MILLIS = 5_000;
    /** Width of the bar between the brackets, in characters. */
    public static final int BAR_WIDTH = 30;

    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier nanoClock;
    private final long intervalNanos;

    private String task = "";
    private long total = -1;
    private String unit = "";
    private long startNanos;
    private long lastShownNanos;
    private long done;
    private int drawnWidth;
    private boolean shown;
    private boolean active;

    /**
     * A renderer writing to {@code err}.
     *
     * @param err       where progress goes (standard error)
     * @param terminal  true to redraw a bar in place, false for plain lines
     * @param nanoClock the time source ({@code System::nanoTime}; injectable for tests)
     */
    public ConsoleProgress(PrintWriter err, boolean terminal, LongSupplier nanoClock) {
        this.err = Objects.requireNonNull(err, "err");
        this.terminal = terminal;
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.intervalNanos = (terminal ? TERMINAL_INTERVAL_MILLIS : PLAIN_INTERVAL_MILLIS) * 1_000_000L;
    }

    /**
     * The listener for a command: {@link ProgressListener#NONE} when {@code quiet}, else a renderer on {@code err}
     * that draws a bar when the JVM runs on a terminal ({@link #onTerminal()}) and plain lines otherwise.
     */
    public static ProgressListener forConsole(PrintWriter err, boolean quiet) {
        return quiet ? ProgressListener.NONE : new ConsoleProgress(err, onTerminal(), System::nanoTime);
    }

    /**
     * True when the JVM has an interactive console: {@code System.console() != null} and, on JDK 22 and later
     * (whose console exists even when redirected), {@code Console.isTerminal()}. On Linux, standard error must also
     * be a terminal device, so {@code 2> log.txt} gets plain lines rather than carriage returns.
     */
    public static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            if (!Boolean.TRUE.equals(isTerminal.invoke(console))) {
                return false;
            }
        } catch (NoSuchMethodException e) {
            // JDK 17-21: a console exists only when standard input and output are a terminal.
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
        try {
            Path fd2 = Path.of("/proc/self/fd/2");
            if (Files.isSymbolicLink(fd2)) {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc unreadable: trust the console.
        }
        return true;
    }

    @Override
    public void begin(String task, long total, String unit) {
        if (active) {
            clearBar();
        }
        this.task = task == null ? "" : task;
        this.total = total;
        this.unit = unit == null ? "" : unit;
        this.startNanos = nanoClock.getAsLong();
        this.lastShownNanos = startNanos;
        this.done = 0;
        this.shown = false;
        this.active = true;
    }

    @Override
    public void progress(long done) {
        if (!active) {
            return;
        }
        this.done = done;
        long now = nanoClock.getAsLong();
        if (now - lastShownNanos < intervalNanos) {
            return;
        }
        lastShownNanos = now;
        long elapsed = now - startNanos;
        if (terminal) {
            String line = barLine(task, done, total, unit, elapsed);
            StringBuilder sb = new StringBuilder(line.length() + drawnWidth + 1).append('\r').append(line);
            for (int i = line.length(); i < drawnWidth; i++) {
                sb.append(' ');
            }
            err.print(sb);
            drawnWidth = line.length();
        } else {
            err.println(plainLine(task, done, total, unit, elapsed));
        }
        err.flush();
        shown = true;
    }

    @Override
    public void end(String summary) {
        if (!active) {
            return;
        }
        clearBar();
        if (shown && summary != null && !summary.isBlank()) {
            err.println(summary);
        }
        err.flush();
        active = false;
        shown = false;
    }

    private void clearBar() {
        if (terminal && drawnWidth > 0) {
            err.print('\r' + " ".repeat(drawnWidth) + '\r');
            drawnWidth = 0;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Pure formatting

    /**
     * The terminal line: task, percentage (known total), bar, amounts, rate and ETA (known total).
     *
     * @param task         what is being done
     * @param done         units done
     * @param total        units expected, or negative when unknown
     * @param unit         {@code bytes} or a count unit such as {@code statements}
     * @param elapsedNanos time since the task began
     */
    public static String barLine(String task, long done, long total, String unit, long elapsedNanos) {
        StringBuilder sb = new StringBuilder(task);
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        if (total > 0) {
            sb.append(String.format(Locale.ROOT, " %3d%% ", percent(done, total)));
            sb.append(bar(fraction(done, total)));
            sb.append(' ').append(amountOf(done, total, unit, " / "));
        } else {
            sb.append(' ').append(marker(elapsedNanos));
            sb.append(' ').append(Units.amount(done, unit));
        }
        if (rate > 0) {
            sb.append("  ").append(Units.rate(rate, unit));
            if (total > 0) {
                sb.append("  ETA ").append(Units.eta(Math.max(0, total - done) / rate));
            }
        }
        return sb.toString();
    }

    /**
     * The plain line for logs: {@code import train.txt: 12.3 MiB of 40.1 MiB (30%), 4.1 MiB/s, ETA 7s}; without a
     * known total {@code snapshot: 1,234,567 statements, 85,000 statements/s}.
     *
     * @param task         what is being done
     * @param done         units done
     * @param total        units expected, or negative when unknown
     * @param unit         {@code bytes} or a count unit such as {@code statements}
     * @param elapsedNanos time since the task began
     */
    public static String plainLine(String task, long done, long total, String unit, long elapsedNanos) {
        StringBuilder sb = new StringBuilder(task).append(": ");
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        if (total > 0) {
            sb.append(amountOf(done, total, unit, " of "));
            sb.append(" (").append(percent(done, total)).append("%)");
        } else {
            sb.append(Units.amount(done, unit));
        }
        if (rate > 0) {
            sb.append(", ").append(Units.rate(rate, unit));
            if (total > 0) {
                sb.append(", ETA ").append(Units.eta(Math.max(0, total - done) / rate));
            }
        }
        return sb.toString();
    }

    /** A {@value #BAR_WIDTH}-character bar in brackets, filled to {@code fraction} (clamped to [0, 1]). */
    public static String bar(double fraction) {
        double f = Double.isNaN(fraction) ? 0 : Math.max(0, Math.min(1, fraction));
        int filled = (int) Math.floor(f * BAR_WIDTH);
        StringBuilder sb = new StringBuilder(BAR_WIDTH + 2).append('[');
        for (int i = 0; i < BAR_WIDTH; i++) {
            if (i < filled) {
                sb.append('=');
            } else if (i == filled && filled > 0) {
                sb.append('>');
            } else {
                sb.append(' ');
            }
        }
        return sb.append(']').toString();
    }

    /** A bar with a 3-character marker that moves back and forth (one cell per 100 ms), for unknown totals. */
    static String marker(long elapsedNanos) {
        int travel = BAR_WIDTH - 3;
        int step = (int) ((Math.max(0, elapsedNanos) / 100_000_000L) % (2L * travel));
        int at = step <= travel ? step : 2 * travel - step;
        StringBuilder sb = new StringBuilder(BAR_WIDTH + 2).append('[');
        for (int i = 0; i < BAR_WIDTH; i++) {
            sb.append(i >= at && i < at + 3 ? '=' : ' ');
        }
        return sb.append(']').toString();
    }

    /** Percent done, rounded down and clamped to [0, 100]. */
    static int percent(long done, long total) {
        return (int) Math.floor(100 * fraction(done, total));
    }

    private static double fraction(long done, long total) {
        return total > 0 ? Math.max(0, Math.min(1, (double) done / total)) : 0;
    }

    private static String amountOf(long done, long total, String unit, String between) {
        if (Units.isBytes(unit)) {
            return Units.bytes(done) + between + Units.bytes(total);
        }
        return Units.count(done) + between + Units.amount(total, unit);
    }
}
