package org.rhizome.cli;

import java.util.Locale;

/**
 * Human-readable numbers for the CLI's output: byte sizes in binary units (KiB, MiB, GiB, TiB), counts with
 * thousands separators, rates and durations. Pure functions; the output does not depend on the default locale
 * (always {@code 1,234,567} and {@code 12.3 MiB}), so scripts and tests see the same text everywhere.
 */
public final class Units {
    /** The unit name that {@link org.rhizome.graph.ProgressListener#begin} uses for byte counts. */
    public static final String BYTES = "bytes";

    private static final String[] BINARY = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Units() {}

    /** {@code 512 B}, {@code 1.0 KiB}, {@code 12.3 MiB}, {@code 4.0 GiB}: one decimal from KiB up. */
    public static String bytes(long n) {
        if (n < 0) {
            return "-" + bytes(n == Long.MIN_VALUE ? Long.MAX_VALUE : -n);
        }
        if (n < 1024) {
            return n + " B";
        }
        double v = n;
        int unit = -1;
        while (v >= 1024 && unit < BINARY.length - 1) {
            v /= 1024;
            unit++;
        }
        // 1023.95 MiB would print as "1024.0 MiB"; move up a unit instead.
        if (v >= 1023.95 && unit < BINARY.length - 1) {
            v /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, BINARY[unit]);
    }

    /** {@code 1,234,567}. */
    public static String count(long n) {
        return String.format(Locale.US, "%,d", n);
    }

    /** An amount of {@code unit}: {@link #bytes(long)} for {@value #BYTES}, else {@code 1,234 statements}. */
    public static String amount(long n, String unit) {
        return isBytes(unit) ? bytes(n) : unit.isEmpty() ? count(n) : count(n) + " " + unit;
    }

    /** A rate: {@code 4.1 MiB/s} for bytes, else {@code 85,000 statements/s}. */
    public static String rate(double perSecond, String unit) {
        if (isBytes(unit)) {
            return bytes(Math.round(perSecond)) + "/s";
        }
        return String.format(Locale.US, "%,.0f %s/s", perSecond, unit.isEmpty() ? "units" : unit).strip();
    }

    /** Seconds with one decimal: {@code 3.2 s}. */
    public static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** A short elapsed time: {@code 85 ms} under a second, else {@code 3.2 s}. */
    public static String duration(long nanos) {
        return nanos < 999_500_000L ? Math.round(nanos / 1e6) + " ms" : seconds(nanos);
    }

    /** A remaining time, rounded up to whole seconds: {@code 7s}, {@code 2m05s}, {@code 1h02m}. */
    public static String eta(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            return "?";
        }
        long s = (long) Math.ceil(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        long m = (s + 59) / 60;
        return String.format(Locale.ROOT, "%dh%02dm", m / 60, m % 60);
    }

    /** True when {@code unit} names bytes ({@value #BYTES} or {@code byte}). */
    public static boolean isBytes(String unit) {
        return BYTES.equalsIgnoreCase(unit) || "byte".equalsIgnoreCase(unit);
    }
}
