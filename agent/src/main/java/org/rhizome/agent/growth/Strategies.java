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
 * </ul>
 * The hypothesis strategy of the issue (a path between dissimilar concepts) is not built yet.
 */
public final class Strategies {
    private Strategies() {}

    /** The strategy called {@code name}: {@code follow-up}, {@code low-degree} or {@code bridge}. */
    public static QuestionStrategy named(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "follow-up", "followup" -> followUp();
            case "low-degree", "lowdegree" -> lowDegree();
            case "bridge" -> bridge();
            default -> throw new IllegalArgumentException("unknown question strategy '" + name
                    + "'; expected follow-up, low-degree or bridge");
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
                int best = -1;
                int bestDegree = Integer.MAX_VALUE;
                String conceptNs = kg.baseNamespace() + "concept/";
                for (int v = 0; v < s.entityCount(); v++) {
                    String iri = s.entityIri(v);
                    if (iri == null || !iri.startsWith(conceptNs) || focused.contains(iri)) {
                        continue;
                    }
                    int d = s.outDegree(v) + s.inDegree(v);
                    if (d < bestDegree) {
                        bestDegree = d;
                        best = v;
                    }
                }
                if (best < 0) {
                    return Optional.empty();
                }
                String label = s.entityLabel(best);
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
}
