package org.rhizome.graph.analytics;

import java.io.Writer;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rhizome.graph.analytics.community.Partition;
import org.rhizome.graph.analytics.export.NodeAttributes;
import org.rhizome.graph.analytics.internal.JsonWriter;
import org.rhizome.graph.analytics.paths.PathLengths;
import org.rhizome.graph.analytics.powerlaw.LikelihoodRatio;
import org.rhizome.graph.analytics.powerlaw.PowerLawResult;
import org.rhizome.graph.analytics.structure.Clustering;
import org.rhizome.graph.analytics.structure.Components;

/**
 * Everything one {@link GraphAnalysis} run measured. A field is {@code null} when its metric was not requested or
 * was skipped; {@link #notes()} says why something was skipped or sampled. {@link #writeJson(Writer)} writes every
 * number with the parameters that produced it.
 *
 * @param graph            the graph analysed
 * @param options          the options of the run
 * @param createdAt        when the run started
 * @param degrees          counts and degree statistics
 * @param powerLaw         power-law fit of the simple degrees
 * @param weak             weakly connected components
 * @param strong           strongly connected components of the directed statements
 * @param coreNumbers      k-core number per node
 * @param articulationPoints articulation points
 * @param clustering       clustering coefficients
 * @param assortativity    degree assortativity
 * @param pageRank         PageRank
 * @param betweenness      betweenness (exact or sampled, see its parameters)
 * @param betweennessStdErr per-node standard error of sampled betweenness (zeros when exact)
 * @param closeness        closeness
 * @param harmonic         harmonic centrality
 * @param eigenvector      eigenvector centrality
 * @param leiden           Leiden partition
 * @param louvain          Louvain partition
 * @param labelPropagation label propagation partition
 * @param paths            path-length distribution
 * @param hubsAndBridges   hubs and bridges
 * @param seconds          wall seconds per metric
 * @param notes            what was sampled or skipped, and why
 */
public record AnalysisReport(UndirectedGraph graph, AnalysisOptions options, Instant createdAt,
        DegreeStatistics degrees, PowerLawResult powerLaw, Components.Result weak, Components.Result strong,
        int[] coreNumbers, int[] articulationPoints, Clustering clustering, Double assortativity, NodeScores pageRank,
        NodeScores betweenness, double[] betweennessStdErr, NodeScores closeness, NodeScores harmonic,
        NodeScores eigenvector, Partition leiden, Partition louvain, Partition labelPropagation,
        PathLengths.Result paths, HubsAndBridges hubsAndBridges, Map<String, Double> seconds, List<String> notes) {

    public AnalysisReport {
        seconds = Collections.unmodifiableMap(new LinkedHashMap<>(seconds));
        notes = List.copyOf(notes);
    }

    /** The best modularity partition found (Leiden, else Louvain, else label propagation), or null. */
    public Partition bestPartition() {
        Partition best = null;
        for (Partition p : new Partition[] {leiden, louvain, labelPropagation}) {
            if (p != null && (best == null || p.modularity() > best.modularity())) {
                best = p;
            }
        }
        return best;
    }

    /** Largest core number, or -1 when cores were not computed. */
    public int maxCore() {
        if (coreNumbers == null) {
            return -1;
        }
        int max = 0;
        for (int c : coreNumbers) {
            max = Math.max(max, c);
        }
        return max;
    }

    /**
     * The scalar metrics of this report by name (what the metrics history records each iteration), with whether each
     * is exact. Names are stable: {@code nodes, directedEdges (distinct
     * subject-relation-object statements between entities), edges (simple undirected), density, meanDegree, maxDegree, powerLawAlpha,
     * powerLawXmin, powerLawKs, powerLawP, components, giantShare, strongComponents, maxCore, articulationPoints,
     * averageClustering, transitivity, assortativity, modularity, communities, meanPathLength, diameter}.
     */
    public Map<String, Measure> scalars() {
        Map<String, Measure> m = new LinkedHashMap<>();
        if (degrees != null) {
            m.put("nodes", new Measure(degrees.nodes(), true));
            m.put("directedEdges", new Measure(degrees.statements(), true));
            m.put("edges", new Measure(degrees.simpleEdges(), true));
            m.put("density", new Measure(degrees.density(), true));
            m.put("meanDegree", new Measure(degrees.meanDegree(), true));
            m.put("maxDegree", new Measure(degrees.maxDegree(), true));
        }
        if (powerLaw != null) {
            m.put("powerLawAlpha", new Measure(powerLaw.alpha(), true));
            m.put("powerLawXmin", new Measure(powerLaw.xmin(), true));
            m.put("powerLawKs", new Measure(powerLaw.ks(), true));
            if (powerLaw.bootstrapCount() > 0) {
                m.put("powerLawP", new Measure(powerLaw.pValue(), false));
            }
        }
        if (weak != null) {
            m.put("components", new Measure(weak.count(), true));
            m.put("giantShare", new Measure(weak.largestShare(), true));
        }
        if (strong != null) {
            m.put("strongComponents", new Measure(strong.count(), true));
        }
        if (coreNumbers != null) {
            m.put("maxCore", new Measure(maxCore(), true));
        }
        if (articulationPoints != null) {
            m.put("articulationPoints", new Measure(articulationPoints.length, true));
        }
        if (clustering != null) {
            m.put("averageClustering", new Measure(clustering.average(), true));
            m.put("transitivity", new Measure(clustering.transitivity(), true));
        }
        if (assortativity != null) {
            m.put("assortativity", new Measure(assortativity, true));
        }
        Partition best = bestPartition();
        if (best != null) {
            m.put("modularity", new Measure(best.modularity(), true));
            m.put("communities", new Measure(best.count(), true));
        }
        if (paths != null) {
            m.put("meanPathLength", new Measure(paths.mean(), paths.exact()));
            m.put("diameter", new Measure(paths.diameter(), paths.exact()));
        }
        return m;
    }

    /**
     * The per-node results as attribute columns for GraphML/GEXF export: {@code degree}, then whichever of
     * {@code pagerank, betweenness, closeness, eigenvector, community, participation, core} this report has.
     */
    public NodeAttributes nodeAttributes() {
        int n = graph.nodeCount();
        NodeAttributes.Builder b = NodeAttributes.builder(n);
        b.addInt("degree", DegreeStatistics.simpleDegrees(graph));
        for (NodeScores s : new NodeScores[] {pageRank, betweenness, closeness, eigenvector}) {
            if (s != null) {
                b.addDouble(s.measure(), s.values());
            }
        }
        Partition best = bestPartition();
        if (best != null) {
            b.addInt("community", best.membership());
            b.addDouble("participation", HubsAndBridges.participation(graph, best));
        }
        if (coreNumbers != null) {
            b.addInt("core", coreNumbers);
        }
        return b.build();
    }

    /** A scalar value and whether it is exact (false: estimated by sampling, or a bound). */
    public record Measure(double value, boolean exact) {}

    /** Writes the report as JSON (the report folder's {@code metrics.json}). */
    public void writeJson(Writer out) {
        JsonWriter j = new JsonWriter(out);
        j.beginObject();
        j.field("format", "rhizome-analysis/1");
        j.field("createdAt", createdAt.toString());
        j.name("options").beginObject()
                .field("metrics", String.join(",", options.metrics().stream().map(Metric::word).sorted().toList()))
                .field("seed", options.seed()).field("threads", options.threads())
                .field("exactNodeLimit", options.exactNodeLimit()).field("pivots", options.pivots())
                .field("resolution", options.resolution()).field("communityStarts", options.communityStarts())
                .field("bootstrap", options.bootstrap()).field("topK", options.topK()).endObject();
        j.name("graphReading").beginObject()
                .field("undirected", "simple: parallel statements collapsed, self-loops dropped")
                .field("droppedSelfLoops", graph.droppedSelfLoops())
                .field("collapsedParallelStatements", graph.collapsedParallelEdges()).endObject();
        j.name("scalars").beginObject();
        for (Map.Entry<String, Measure> e : scalars().entrySet()) {
            j.name(e.getKey()).beginObject().field("value", e.getValue().value())
                    .field("exact", e.getValue().exact()).endObject();
        }
        j.endObject();
        if (degrees != null) {
            j.name("degrees").beginObject().field("nodes", degrees.nodes()).field("statements", degrees.statements())
                    .field("simpleEdges", degrees.simpleEdges()).field("selfLoops", degrees.selfLoops())
                    .field("density", degrees.density()).field("meanDegree", degrees.meanDegree())
                    .field("medianDegree", degrees.medianDegree()).field("maxDegree", degrees.maxDegree())
                    .field("maxInDegree", degrees.maxInDegree()).field("maxOutDegree", degrees.maxOutDegree())
                    .field("isolated", degrees.isolated()).array("distribution", degrees.distribution())
                    .endObject();
        }
        if (powerLaw != null) {
            j.name("powerLaw").beginObject().field("alpha", powerLaw.alpha())
                    .field("alphaStdErr", powerLaw.alphaStdErr()).field("xmin", powerLaw.xmin())
                    .field("nTail", powerLaw.nTail()).field("n", powerLaw.n()).field("ks", powerLaw.ks())
                    .field("pValue", powerLaw.pValue()).field("bootstrapCount", powerLaw.bootstrapCount())
                    .field("seed", powerLaw.seed()).field("alphaAtBound", powerLaw.alphaAtBound())
                    .field("verdict", powerLaw.verdict());
            j.name("likelihoodRatios").beginArray();
            for (LikelihoodRatio lr : powerLaw.comparisons()) {
                j.beginObject().field("alternative", lr.alternative()).name("parameters")
                        .valueObject(lr.parameters()).field("R", lr.r()).field("normalisedR", lr.normalisedR())
                        .field("pValue", lr.pValue()).field("favours", lr.favours()).endObject();
            }
            j.endArray().endObject();
        }
        if (weak != null) {
            j.name("components").beginObject().field("weak", weak.count()).field("giant", weak.largest())
                    .field("giantShare", weak.largestShare());
            if (strong != null) {
                j.field("strong", strong.count()).field("largestStrong", strong.largest());
            }
            j.endObject();
        }
        if (coreNumbers != null) {
            j.name("cores").beginObject().field("maxCore", maxCore()).endObject();
        }
        if (articulationPoints != null) {
            j.name("articulationPoints").beginObject().field("count", articulationPoints.length).endObject();
        }
        if (clustering != null) {
            j.name("clustering").beginObject().field("triangles", clustering.totalTriangles())
                    .field("average", clustering.average()).field("transitivity", clustering.transitivity())
                    .field("assortativity", assortativity == null ? Double.NaN : assortativity).endObject();
        }
        j.name("centralities").beginObject();
        for (NodeScores s : new NodeScores[] {pageRank, betweenness, closeness, harmonic, eigenvector}) {
            if (s != null) {
                double[] mmm = s.minMaxMean();
                j.name(s.measure()).beginObject().name("parameters").valueObject(s.parameters())
                        .field("min", mmm[0]).field("max", mmm[1]).field("mean", mmm[2]);
                writeTop(j, "top", s.top(options.topK()));
                j.endObject();
            }
        }
        j.endObject();
        j.name("communities").beginObject();
        for (Partition p : new Partition[] {leiden, louvain, labelPropagation}) {
            if (p != null) {
                j.name(p.algorithm()).beginObject().name("parameters").valueObject(p.parameters())
                        .field("count", p.count()).field("modularity", p.modularity())
                        .array("sizes", java.util.Arrays.copyOf(p.sizes(), Math.min(p.count(), 1000))).endObject();
            }
        }
        j.endObject();
        if (paths != null) {
            j.name("paths").beginObject().field("exact", paths.exact()).field("sources", paths.sourcesUsed())
                    .field("seed", paths.seed()).field("pairs", paths.pairs()).field("mean", paths.mean())
                    .field(paths.exact() ? "diameter" : "diameterLowerBound", paths.diameter())
                    .array("histogram", paths.histogram()).endObject();
        }
        if (hubsAndBridges != null) {
            j.name("hubsAndBridges").beginObject();
            writeTop(j, "hubsByDegree", hubsAndBridges.hubsByDegree());
            writeTop(j, "hubsByPageRank", hubsAndBridges.hubsByPageRank());
            writeTop(j, "bridgesByBetweenness", hubsAndBridges.bridgesByBetweenness());
            writeTop(j, "bridgesByParticipation", hubsAndBridges.bridgesByParticipation());
            j.field("participationMinDegree", hubsAndBridges.minDegree()).endObject();
        }
        j.name("seconds").valueObject(seconds);
        j.name("notes").beginArray();
        for (String n : notes) {
            j.value(n);
        }
        j.endArray();
        j.endObject();
        try {
            out.write("\n");
            out.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void writeTop(JsonWriter j, String name, List<RankedNode> top) {
        j.name(name).beginArray();
        for (RankedNode r : top) {
            j.beginObject().field("rank", r.rank()).field("iri", r.iri()).field("label", r.label())
                    .field("score", r.score()).endObject();
        }
        j.endArray();
    }
}
