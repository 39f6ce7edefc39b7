package org.rhizome.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code key=value} arguments of the benchmark programs. */
public final class BenchArgs {
    private BenchArgs() {}

    /**
     * The options: {@code defaults} (key, value, key, value, ...) overridden by {@code args}; a key that is not among
     * the defaults is refused, naming the known ones.
     */
    public static Map<String, String> parse(String[] args, String... defaults) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < defaults.length; i += 2) {
            o.put(defaults[i], defaults[i + 1]);
        }
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq < 0 || !o.containsKey(a.substring(0, eq))) {
                throw new IllegalArgumentException("expected key=value with a key among " + o.keySet() + ", got " + a);
            }
            o.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return o;
    }
}
