package org.rhizome.agent.growth;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.rhizome.agent.extract.LocalGraph;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.analytics.AnalysisOptions;
import org.rhizome.graph.analytics.AnalysisReport;
import org.rhizome.graph.analytics.GraphAnalysis;
import org.rhizome.graph.analytics.RankedNode;
import org.rhizome.graph.snapshot.GraphSnapshot;

/**
 * The built-in next-question strategies.
 *
 * <ul>
 *   <li>{@code follow-up}: the model's own follow-up question from the latest local graph (the agentic-growth papers'
 *       default); when there is none, or it was asked before, falls back to {@code low-degree}.</li>
 *   <li>{@code low-degree}: the least-connected concept not yet focused on (ties: the earliest in the snapshot's
 *       order), asked about in depth: under-explored corners get explored.</li>
 *   <li>{@code bridge}: the concept with the highest participation coefficient across Leiden communities (a bridge
 *       between areas) not yet focused on; one per-iteration analysis of the graph per question
 *       ({@link AnalysisOptions#perIteration()}: about 0.2 s at 10^4 nodes).</li>
 *   <li>{@code hypothesis}: two concepts far apart in the graph and the shortest path that links them, asked as a
 *       hypothesis to explain and test (Graph-PReFLexOR's path sampling between dissimilar concepts).
 *       <b>Simplification:</b> "dissimilar" is graph distance, not embedding distance: from the least-connected
 *       concept not yet focused on, a breadth-first search (edges taken both ways) picks the farthest concept of its
 *       component, whose first-found shortest path is the one shown.</li>
 * </ul>
 */
public final class Strategies {
    private Strategies() {}

    /** The strategy called {@code name}: follow-up, low-degree, bridge or hypothesis. */
    public static QuestionStrategy named(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "follow-up", "followup" -> followUp();
            case "low-degree", "lowdegree" -> lowDegree();
            case "bridge" -> bridge();
            case "hypothesis" -> hypothesis();
            default -> throw new IllegalArgumentException("unknown question strategy '" + name
                    + "'; expected follow-up, low-degree, bridge or hypothesis");
        };
    }

    /** The model's follow-up question, else {@link #lowDegree()}. */
    public static QuestionStrategy followUp() {
        QuestionStrategy fallback = lowDegree();
        return new QuestionStrategy() {
            @Override
            public String name() {
                return "follow-up";
            }

            @Override
            public Optional<NextQuestion> next(KnowledgeGraph kg, Optional<LocalGraph> last, Set<String> asked,
                    Set<String> focused) {
                Optional<String> f = last.flatMap(LocalGraph::followUp);
                if (f.isPresent() && !asked.contains(GrowthRun.normalise(f.get()))) {
                    return Optional.of(new NextQuestion(f.get(), "follow-up", Optional.empty()));
                }
                return fallback.next(kg, last, asked, focused);
            }
        };
    }

    /** The least-connected concept not yet focused on. */
    public static QuestionStrategy lowDegree() {
        return new QuestionStrategy() {
            @Override
            public String name() {
                return "low-degree";
            }

            @Override
            public Optional<NextQuestion> next(KnowledgeGraph kg, Optional<LocalGraph> last, Set<String> asked,
                    Set<String> focused) {
                GraphSnapshot s = GraphSnapshot.of(kg);
                int best = leastConnected(kg, s, focused, 0);
                if (best < 0) {
                    return Optional.empty();
                }
                String label = label(s, best);
                return Optional.of(new NextQuestion("What is " + label + ", and how does it connect to other ideas: "
                        + "what does it build on, what does it make possible, and what is it often confused with?",
                        "low-degree", Optional.of(s.entityIri(best))));
            }
        };
    }

    /** The strongest bridge between communities not yet focused on. */
    public static QuestionStrategy bridge() {
        return new QuestionStrategy() {
            @Override
            public String name() {
                return "bridge";
            }

            @Override
            public Optional<NextQuestion> next(KnowledgeGraph kg, Optional<LocalGraph> last, Set<String> asked,
                    Set<String> focused) {
                GraphSnapshot s = GraphSnapshot.of(kg);
                if (s.entityCount() == 0) {
                    return Optional.empty();
                }
                AnalysisReport r = new GraphAnalysis(AnalysisOptions.perIteration().withTopK(50)).run(s);
                if (r.hubsAndBridges() == null) {
                    return Optional.empty();
                }
                for (RankedNode n : r.hubsAndBridges().bridgesByParticipation()) {
                    if (n.iri() != null && !focused.contains(n.iri())) {
                        return Optional.of(new NextQuestion("How does " + n.label() + " connect the different areas "
                                + "it touches, and what would be lost if it were missing?", "bridge",
                                Optional.of(n.iri())));
                    }
                }
                return Optional.empty();
            }
        };
    }

    /** A hypothesis linking two far-apart concepts through the shortest path between them. */
    public static QuestionStrategy hypothesis() {
        return new QuestionStrategy() {
            @Override
            public String name() {
                return "hypothesis";
            }

            @Override
            public Optional<NextQuestion> next(KnowledgeGraph kg, Optional<LocalGraph> last, Set<String> asked,
                    Set<String> focused) {
                GraphSnapshot s = GraphSnapshot.of(kg);
                int start = leastConnected(kg, s, focused, 1);
                if (start < 0) {
                    return Optional.empty();
                }
                int[] parent = new int[s.entityCount()];
                java.util.Arrays.fill(parent, -2);
                parent[start] = -1;
                int[] queue = new int[s.entityCount()];
                int head = 0;
                int tail = 0;
                queue[tail++] = start;
                int far = start;
                while (head < tail) {
                    int u = queue[head++];
                    far = u;
                    for (int e = s.outStart(u); e < s.outEnd(u); e++) {
                        int w = s.target(e);
                        if (parent[w] == -2) {
                            parent[w] = u;
                            queue[tail++] = w;
                        }
                    }
                    for (int i = s.inStart(u); i < s.inEnd(u); i++) {
                        int w = s.inSource(i);
                        if (parent[w] == -2) {
                            parent[w] = u;
                            queue[tail++] = w;
                        }
                    }
                }
                if (far == start) {
                    return Optional.empty();
                }
                java.util.List<String> path = new java.util.ArrayList<>();
                for (int v = far; v != -1; v = parent[v]) {
                    path.add(0, label(s, v));
                }
                String a = path.get(0);
                String b = path.get(path.size() - 1);
                String via = path.size() > 2 ? " The graph links them only through " + String.join(" -> ",
                        path.subList(1, path.size() - 1)) + "." : "";
                return Optional.of(new NextQuestion("Propose a hypothesis: how could " + a + " be related to " + b
                        + "?" + via + " What mechanism would explain the link, and how could it be tested?",
                        "hypothesis", Optional.of(s.entityIri(start))));
            }
        };
    }

    /**
     * The concept of least degree (in + out) of at least {@code minDegree} not yet focused on, the earliest in the
     * snapshot's order on ties; -1 if none.
     */
    private static int leastConnected(KnowledgeGraph kg, GraphSnapshot s, Set<String> focused, int minDegree) {
        String conceptNs = kg.baseNamespace() + "concept/";
        int best = -1;
        int bestDegree = Integer.MAX_VALUE;
        for (int v = 0; v < s.entityCount(); v++) {
            String iri = s.entityIri(v);
            int d = s.outDegree(v) + s.inDegree(v);
            if (iri != null && iri.startsWith(conceptNs) && !focused.contains(iri) && d >= minDegree
                    && d < bestDegree) {
                bestDegree = d;
                best = v;
            }
        }
        return best;
    }

    private static String label(GraphSnapshot s, int v) {
        String l = s.entityLabel(v);
        if (l != null) {
            return l;
        }
        String iri = s.entityIri(v);
        return iri.substring(Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#')) + 1).replace('_', ' ');
    }
}
