package org.rhizome.graph.analytics;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The measures {@link GraphAnalysis} can run; names are the CLI's {@code --metrics} words. */
public enum Metric {
    /** Counts, density, degree statistics and distribution (always cheap). */
    DEGREES,
    /** Power-law fit of the degree distribution (Clauset–Shalizi–Newman) with bootstrap and likelihood ratios. */
    POWER_LAW,
    /** Weak and strong components, giant component share. */
    COMPONENTS,
    /** k-core numbers and max core. */
    CORES,
    /** Articulation points. */
    ARTICULATION,
    /** Local and average clustering, transitivity, degree assortativity. */
    CLUSTERING,
    /** PageRank. */
    PAGERANK,
    /** Betweenness (exact up to a size, sampled above). */
    BETWEENNESS,
    /** Closeness and harmonic centrality (exact up to a size, skipped above). */
    CLOSENESS,
    /** Eigenvector centrality. */
    EIGENVECTOR,
    /** Leiden, Louvain and label propagation, with modularity. */
    COMMUNITIES,
    /** Shortest-path length distribution, mean, diameter (exact up to a size, sampled above). */
    PATHS,
    /** Hubs (degree, PageRank) and bridges (betweenness, participation); needs PageRank, betweenness, communities. */
    HUBS_AND_BRIDGES;

    /** The CLI word, e.g. {@code power-law}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a comma-separated list of words ({@code all} for every metric). */
    public static Set<Metric> parse(String list) {
        EnumSet<Metric> out = EnumSet.noneOf(Metric.class);
        for (String w : list.split(",")) {
            String word = w.trim().toLowerCase(Locale.ROOT);
            if (word.isEmpty()) {
                continue;
            }
            if (word.equals("all")) {
                return EnumSet.allOf(Metric.class);
            }
            Metric found = null;
            for (Metric m : values()) {
                if (m.word().equals(word)) {
                    found = m;
                }
            }
            if (found == null) {
                StringBuilder known = new StringBuilder();
                for (Metric m : values()) {
                    known.append(known.length() == 0 ? "" : ", ").append(m.word());
                }
                throw new IllegalArgumentException("unknown metric '" + w.trim() + "'; known: all, " + known);
            }
            out.add(found);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no metric named in '" + list + "'");
        }
        return out;
    }
}
