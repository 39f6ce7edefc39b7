package org.rhizome.graph.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.rhizome.graph.analytics.centrality.Betweenness;
import org.rhizome.graph.analytics.centrality.Closeness;
import org.rhizome.graph.analytics.centrality.EigenvectorCentrality;
import org.rhizome.graph.analytics.centrality.PageRank;
import org.rhizome.graph.analytics.community.LabelPropagation;
import org.rhizome.graph.analytics.community.Leiden;
import org.rhizome.graph.analytics.community.Partition;
import org.rhizome.graph.analytics.paths.PathAnalysis;
import org.rhizome.graph.analytics.paths.PathLengths;
import org.rhizome.graph.analytics.powerlaw.PowerLawFit;
import org.rhizome.graph.analytics.powerlaw.PowerLawResult;
import org.rhizome.graph.analytics.structure.ArticulationPoints;
import org.rhizome.graph.analytics.structure.Assortativity;
import org.rhizome.graph.analytics.structure.Clustering;
import org.rhizome.graph.analytics.structure.Components;
import org.rhizome.graph.analytics.structure.KCore;
import org.rhizome.graph.snapshot.GraphSnapshot;

/**
 * Runs a chosen set of measures over one graph and gathers them in an {@link AnalysisReport}, timing each. The
 * undirected measures read the {@link UndirectedGraph} (simple: parallel statements collapsed, self-loops
 * dropped); strong components read the directed statements. Above {@link AnalysisOptions#exactNodeLimit()} nodes,
 * betweenness, closeness and path lengths are sampled; the report's notes say so.
 */
public final class GraphAnalysis {
    private final AnalysisOptions options;
    private final Consumer<String> progress;

    /** @param progress receives a short message as each measure starts (e.g. for a console) */
    public GraphAnalysis(AnalysisOptions options, Consumer<String> progress) {
        this.options = Objects.requireNonNull(options, "options");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    public GraphAnalysis(AnalysisOptions options) {
        this(options, m -> { });
    }

    /** Analyses the snapshot. */
    public AnalysisReport run(GraphSnapshot snapshot) {
        return run(UndirectedGraph.of(snapshot));
    }

    /** Analyses the graph. */
    public AnalysisReport run(UndirectedGraph g) {
        return run(g, null);
    }

    /**
     * Analyses the snapshot incrementally after {@code previous}, the report of an earlier state of the same graph
     * (the previous growth iteration or import batch; null for none): Leiden starts from the previous best partition
     * carried over by IRI ({@link Leiden#carryOver}) instead of from singletons. Everything else is recomputed.
     */
    public AnalysisReport run(GraphSnapshot snapshot, AnalysisReport previous) {
        return run(UndirectedGraph.of(snapshot), previous);
    }

    /** As {@link #run(GraphSnapshot, AnalysisReport)}, over the undirected reading. */
    public AnalysisReport run(UndirectedGraph g, AnalysisReport previous) {
        Objects.requireNonNull(g, "g");
        Partition warmFrom = previous == null ? null : previous.leiden();
        Instant started = Instant.now();
        Set<Metric> m = options.metrics();
        Map<String, Double> seconds = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        int n = g.nodeCount();
        boolean exact = n <= options.exactNodeLimit();

        DegreeStatistics degrees = timed("degrees", seconds, () -> DegreeStatistics.of(g));
        PowerLawResult powerLaw = null;
        if (m.contains(Metric.POWER_LAW)) {
            powerLaw = fitPowerLaw(g, seconds, notes);
        }
        Components.Result weak = null;
        Components.Result strong = null;
        if (m.contains(Metric.COMPONENTS)) {
            weak = timed("components.weak", seconds, () -> Components.weak(g));
            strong = timed("components.strong", seconds, () -> Components.strong(g.snapshot()));
        }
        int[] cores = m.contains(Metric.CORES) ? timed("cores", seconds, () -> KCore.coreNumbers(g)) : null;
        int[] articulation = m.contains(Metric.ARTICULATION)
                ? timed("articulationPoints", seconds, () -> ArticulationPoints.of(g)) : null;
        Clustering clustering = null;
        Double assortativity = null;
        if (m.contains(Metric.CLUSTERING)) {
            clustering = timed("clustering", seconds, () -> Clustering.of(g));
            assortativity = timed("assortativity", seconds, () -> Assortativity.degree(g));
        }
        NodeScores pageRank = m.contains(Metric.PAGERANK) || m.contains(Metric.HUBS_AND_BRIDGES)
                ? timed("pagerank", seconds, () -> new PageRank(g).scores()) : null;
        NodeScores betweenness = null;
        double[] betweennessSe = null;
        if (m.contains(Metric.BETWEENNESS) || m.contains(Metric.HUBS_AND_BRIDGES)) {
            Betweenness b = new Betweenness(g, new Betweenness.Options(exact ? 0 : Math.min(options.pivots(), n),
                    options.seed(), options.threads()));
            betweenness = timed("betweenness", seconds, b::scores);
            betweennessSe = b.standardErrors();
            if (!b.exact()) {
                notes.add("betweenness sampled from " + Math.min(options.pivots(), n) + " pivots of " + n
                        + " nodes (seed " + options.seed() + "); per-node standard errors are in the Java API");
            }
        }
        NodeScores closeness = null;
        NodeScores harmonic = null;
        if (m.contains(Metric.CLOSENESS)) {
            Closeness c = new Closeness(g, new Closeness.Options(exact ? 0 : Math.min(options.pivots(), n),
                    options.seed(), options.threads()));
            closeness = timed("closeness", seconds, c::closeness);
            harmonic = c.harmonic();
            if (!c.exact()) {
                notes.add("closeness and harmonic centrality estimated from " + c.pivotsUsed() + " pivots of " + n
                        + " nodes, drawn per component (seed " + options.seed() + "); per-node standard errors are "
                        + "in the Java API");
            }
        }
        NodeScores eigenvector = null;
        if (m.contains(Metric.EIGENVECTOR)) {
            try {
                eigenvector = timed("eigenvector", seconds, () -> new EigenvectorCentrality(g).scores());
            } catch (IllegalStateException e) {
                notes.add("eigenvector centrality skipped: " + e.getMessage());
            }
        }
        Partition leiden = null;
        Partition louvain = null;
        Partition lpa = null;
        if (m.contains(Metric.COMMUNITIES) || m.contains(Metric.HUBS_AND_BRIDGES)) {
            Leiden.Options lo = Leiden.Options.leiden().withSeed(options.seed()).withResolution(options.resolution())
                    .withStarts(options.communityStarts());
            if (warmFrom != null) {
                int[] carried = Leiden.carryOver(warmFrom, g);
                long kept = java.util.Arrays.stream(carried).filter(l -> l >= 0).count();
                leiden = timed("leiden", seconds, () -> new Leiden(g, lo, carried).partition());
                notes.add("Leiden warm-started from the previous analysis's partition (" + kept + " of " + n
                        + " nodes carried over by IRI; new nodes started alone)");
            } else {
                leiden = timed("leiden", seconds, () -> new Leiden(g, lo).partition());
            }
            if (m.contains(Metric.COMMUNITIES) && options.allCommunityAlgorithms()) {
                louvain = timed("louvain", seconds, () -> new Leiden(g, Leiden.Options.louvain()
                        .withSeed(options.seed()).withResolution(options.resolution())
                        .withStarts(options.communityStarts())).partition());
                lpa = timed("labelPropagation", seconds, () -> new LabelPropagation(g, options.seed()).partition());
            }
        }
        PathLengths.Result paths = null;
        if (m.contains(Metric.PATHS)) {
            PathAnalysis pl = new PathLengths(g, new PathLengths.Options(exact ? 0 : Math.min(options.pivots(), n),
                    options.seed(), options.threads()));
            paths = timed("paths", seconds, pl::lengths);
            if (!exact) {
                notes.add("path lengths sampled from " + Math.min(options.pivots(), n)
                        + " source nodes; the diameter is a lower bound");
            }
        }
        HubsAndBridges hubs = null;
        if (m.contains(Metric.HUBS_AND_BRIDGES)) {
            NodeScores pr = pageRank;
            NodeScores bc = betweenness;
            Partition part = leiden;
            hubs = timed("hubsAndBridges", seconds,
                    () -> HubsAndBridges.of(g, pr, bc, part, options.topK(), 4));
        }
        return new AnalysisReport(g, options, started, degrees, powerLaw, weak, strong, cores, articulation,
                clustering, assortativity, pageRank, betweenness, betweennessSe, closeness, harmonic, eigenvector,
                leiden, louvain, lpa, paths, hubs, seconds, notes);
    }

    private PowerLawResult fitPowerLaw(UndirectedGraph g, Map<String, Double> seconds, List<String> notes) {
        int[] degrees = DegreeStatistics.simpleDegrees(g);
        try {
            PowerLawFit.Options o = PowerLawFit.Options.defaults().withBootstrapCount(options.bootstrap())
                    .withSeed(options.seed());
            return timed("powerLaw", seconds, () -> PowerLawFit.fit(degrees, o));
        } catch (IllegalArgumentException e) {
            notes.add("power-law fit skipped: " + e.getMessage());
            return null;
        }
    }

    private <T> T timed(String name, Map<String, Double> seconds, Supplier<T> work) {
        progress.accept(name);
        long t0 = System.nanoTime();
        T result = work.get();
        seconds.put(name, (System.nanoTime() - t0) / 1e9);
        return result;
    }
}
