package org.rhizome.graph.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.Rz;
import org.rhizome.graph.Source;
import org.rhizome.graph.SourceKind;
import org.rhizome.graph.analytics.community.Partition;

/**
 * Analysis results kept in the store, so SPARQL can read them and a growth run's history survives restarts. Both
 * live in named graphs of kind {@code rz:analysis} with status {@code rz:derived}, which snapshots, analyses and
 * default exports leave out:
 *
 * <ul>
 *   <li>{@code <base>analytics/scores}: per node, {@code rz:degree}, {@code rz:pageRank}, {@code rz:betweenness},
 *       {@code rz:community}, {@code rz:participation} and {@code rz:coreNumber} from the last stored analysis,
 *       replaced as a whole by {@link #storeScores}. Nodes that are blank nodes in the store are skipped.
 *       Query: {@code SELECT ?c ?pr WHERE { GRAPH <base>analytics/scores { ?c rz:pageRank ?pr } } ORDER BY DESC(?pr)}.
 *       The scores describe the graph when it was analysed: a later merge rewrites a duplicate's scores onto the
 *       kept concept (as it rewrites every quad naming it), so that concept carries two values of a score until the
 *       next stored analysis.</li>
 *   <li>{@code <base>analytics/history}: one {@code rz:MetricsPoint} per recorded iteration
 *       ({@code <base>analytics/history/<iteration>}, with {@code rz:iteration}, {@code rz:recordedAt},
 *       {@code rdfs:label} and one {@code rz:measure [ rz:name ; rz:value ; rz:exact ]} per scalar metric).
 *       Recording an iteration again replaces its point, so a resumed run that repeats an iteration leaves one.</li>
 * </ul>
 */
public final class StoredAnalytics {
    private StoredAnalytics() {}

    /** One recorded point of the metrics history. */
    public record MetricsPoint(long iteration, Instant recordedAt, String label,
            Map<String, AnalysisReport.Measure> measures) {
        public MetricsPoint {
            measures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(measures));
        }

        /** The value of metric {@code name}, or NaN if this point does not have it. */
        public double value(String name) {
            AnalysisReport.Measure m = measures.get(name);
            return m == null ? Double.NaN : m.value();
        }
    }

    /** The graph holding node scores. */
    public static Node scoresGraph(KnowledgeGraph kg) {
        return NodeFactory.createURI(kg.baseNamespace() + "analytics/scores");
    }

    /** The graph holding the metrics history. */
    public static Node historyGraph(KnowledgeGraph kg) {
        return NodeFactory.createURI(kg.baseNamespace() + "analytics/history");
    }

    /** Replaces the stored node scores with those of {@code report}; returns the number of nodes written. */
    public static int storeScores(KnowledgeGraph kg, AnalysisReport report) {
        Objects.requireNonNull(report, "report");
        UndirectedGraph g = report.graph();
        Partition part = report.bestPartition();
        double[] participation = part == null ? null : HubsAndBridges.participation(g, part);
        Source source = Source.builder(SourceKind.ANALYSIS, "scores").graphIri(scoresGraph(kg).getURI())
                .note(scoreNote(report)).build();
        int[] written = {0};
        kg.replace(source, w -> {
            for (int v = 0; v < g.nodeCount(); v++) {
                String iri = g.iri(v);
                if (iri.startsWith("_:")) {
                    continue;
                }
                Node node = NodeFactory.createURI(iri);
                w.add(node, Rz.degree, intLiteral(g.degree(v)));
                if (report.pageRank() != null) {
                    w.add(node, Rz.pageRank, doubleLiteral(report.pageRank().score(v)));
                }
                if (report.betweenness() != null) {
                    w.add(node, Rz.betweenness, doubleLiteral(report.betweenness().score(v)));
                }
                if (part != null) {
                    w.add(node, Rz.community, intLiteral(part.community(v)));
                    w.add(node, Rz.participation, doubleLiteral(participation[v]));
                }
                if (report.coreNumbers() != null) {
                    w.add(node, Rz.coreNumber, intLiteral(report.coreNumbers()[v]));
                }
                written[0]++;
            }
        });
        return written[0];
    }

    private static String scoreNote(AnalysisReport r) {
        StringBuilder b = new StringBuilder("scores of the analysis of ").append(r.createdAt());
        if (r.pageRank() != null) {
            b.append("; pageRank ").append(r.pageRank().parameters());
        }
        if (r.betweenness() != null) {
            b.append("; betweenness ").append(r.betweenness().parameters());
        }
        Partition p = r.bestPartition();
        if (p != null) {
            b.append("; community from ").append(p.algorithm()).append(' ').append(p.parameters());
        }
        return b.toString();
    }

    /**
     * Records the scalar metrics of {@code report} as iteration {@code iteration} of the history (replacing an
     * earlier record of the same iteration) in one transaction.
     */
    public static MetricsPoint record(KnowledgeGraph kg, long iteration, String label, AnalysisReport report) {
        Objects.requireNonNull(label, "label");
        Map<String, AnalysisReport.Measure> measures = report.scalars();
        for (Map.Entry<String, Double> e : report.seconds().entrySet()) {
            // Timings are recorded too: cost over iterations is part of what a growth run must watch.
            measures.put("seconds." + e.getKey(), new AnalysisReport.Measure(e.getValue(), true));
        }
        Instant at = Instant.now();
        Node graph = historyGraph(kg);
        Node point = NodeFactory.createURI(graph.getURI() + "/" + iteration);
        Source source = Source.builder(SourceKind.ANALYSIS, "history").graphIri(graph.getURI())
                .note("metrics per growth iteration or import batch").build();
        kg.write(source, w -> {
            DatasetGraph dsg = kg.datasetGraph();
            List<Triple> old = new ArrayList<>();
            Iterator<Quad> it = dsg.find(graph, point, Node.ANY, Node.ANY);
            while (it.hasNext()) {
                Quad q = it.next();
                old.add(q.asTriple());
                if (q.getPredicate().equals(Rz.measure)) {
                    Iterator<Quad> inner = dsg.find(graph, q.getObject(), Node.ANY, Node.ANY);
                    inner.forEachRemaining(x -> old.add(x.asTriple()));
                }
            }
            for (Triple t : old) {
                w.remove(t.getSubject(), t.getPredicate(), t.getObject());
            }
            w.add(point, RDF.type.asNode(), Rz.MetricsPoint);
            w.add(point, Rz.iteration, NodeFactory.createLiteralDT(Long.toString(iteration), XSDDatatype.XSDlong));
            w.add(point, Rz.recordedAt, NodeFactory.createLiteralDT(at.toString(), XSDDatatype.XSDdateTime));
            w.add(point, RDFS.label.asNode(), NodeFactory.createLiteralString(label));
            for (Map.Entry<String, AnalysisReport.Measure> e : measures.entrySet()) {
                if (!Double.isFinite(e.getValue().value())) {
                    continue;
                }
                Node m = NodeFactory.createURI(point.getURI() + "/" + e.getKey());
                w.add(point, Rz.measure, m);
                w.add(m, Rz.name, NodeFactory.createLiteralString(e.getKey()));
                w.add(m, Rz.value, doubleLiteral(e.getValue().value()));
                w.add(m, Rz.exact, NodeFactory.createLiteralDT(Boolean.toString(e.getValue().exact()),
                        XSDDatatype.XSDboolean));
            }
        });
        return new MetricsPoint(iteration, at, label, measures);
    }

    /** The recorded history, by iteration. */
    public static List<MetricsPoint> history(KnowledgeGraph kg) {
        Node graph = historyGraph(kg);
        return kg.read(() -> {
            DatasetGraph dsg = kg.datasetGraph();
            List<MetricsPoint> out = new ArrayList<>();
            Iterator<Quad> points = dsg.find(graph, Node.ANY, RDF.type.asNode(), Rz.MetricsPoint);
            while (points.hasNext()) {
                Node p = points.next().getSubject();
                long iteration = ((Number) one(dsg, graph, p, Rz.iteration).getLiteralValue()).longValue();
                Instant at = Instant.parse(one(dsg, graph, p, Rz.recordedAt).getLiteralLexicalForm());
                String label = one(dsg, graph, p, RDFS.label.asNode()).getLiteralLexicalForm();
                Map<String, AnalysisReport.Measure> measures = new LinkedHashMap<>();
                Iterator<Quad> ms = dsg.find(graph, p, Rz.measure, Node.ANY);
                List<Node> nodes = new ArrayList<>();
                ms.forEachRemaining(q -> nodes.add(q.getObject()));
                nodes.sort(Comparator.comparing(Node::getURI));
                for (Node m : nodes) {
                    String name = one(dsg, graph, m, Rz.name).getLiteralLexicalForm();
                    double value = ((Number) one(dsg, graph, m, Rz.value).getLiteralValue()).doubleValue();
                    boolean exact = Boolean.parseBoolean(one(dsg, graph, m, Rz.exact).getLiteralLexicalForm());
                    measures.put(name, new AnalysisReport.Measure(value, exact));
                }
                out.add(new MetricsPoint(iteration, at, label, measures));
            }
            out.sort(Comparator.comparingLong(MetricsPoint::iteration));
            return out;
        });
    }

    private static Node one(DatasetGraph dsg, Node g, Node s, Node p) {
        Iterator<Quad> it = dsg.find(g, s, p, Node.ANY);
        if (!it.hasNext()) {
            throw new IllegalStateException("metrics history is damaged: " + s + " has no " + p);
        }
        return it.next().getObject();
    }

    private static Node intLiteral(int v) {
        return NodeFactory.createLiteralDT(Integer.toString(v), XSDDatatype.XSDint);
    }

    private static Node doubleLiteral(double v) {
        return NodeFactory.createLiteralDT(Double.toString(v), XSDDatatype.XSDdouble);
    }
}
