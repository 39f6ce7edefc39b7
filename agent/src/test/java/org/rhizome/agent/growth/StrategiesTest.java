package org.rhizome.agent.growth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.rhizome.agent.extract.LocalGraph;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.Source;
import org.rhizome.graph.SourceKind;

class StrategiesTest {
    /** A chain Leaf - A - B - C - Far, with Hub linked to A, B and C. Degrees: Leaf 1, Far 1, Hub 3, A 3, B 3, C 3. */
    private static KnowledgeGraph chain() {
        KnowledgeGraph kg = KnowledgeGraph.inMemory();
        kg.write(Source.of(SourceKind.MANUAL, "t"), w -> {
            var r = w.relationType("next to");
            w.add(w.concept("Leaf"), r, w.concept("A"));
            w.add(w.concept("A"), r, w.concept("B"));
            w.add(w.concept("B"), r, w.concept("C"));
            w.add(w.concept("C"), r, w.concept("Far"));
            for (String x : new String[] {"A", "B", "C"}) {
                w.add(w.concept("Hub"), r, w.concept(x));
            }
        });
        return kg;
    }

    @Test
    void followUpUsesTheModelsQuestionUnlessAskedBefore() {
        try (KnowledgeGraph kg = chain()) {
            LocalGraph g = new LocalGraph(java.util.List.of(), java.util.List.of(), "", Optional.of("Why B?"),
                    java.util.List.of());
            assertThat(Strategies.followUp().next(kg, Optional.of(g), Set.of(), Set.of()).orElseThrow().question())
                    .isEqualTo("Why B?");
            // asked before: falls back to the least-connected concept
            NextQuestion q = Strategies.followUp().next(kg, Optional.of(g), Set.of("why b?"), Set.of()).orElseThrow();
            assertThat(q.strategy()).isEqualTo("low-degree");
        }
    }

    @Test
    void lowDegreeTakesTheLeastConnectedConceptNotYetFocused() {
        try (KnowledgeGraph kg = chain()) {
            Set<String> focused = new HashSet<>();
            NextQuestion first = Strategies.lowDegree().next(kg, Optional.empty(), Set.of(), focused).orElseThrow();
            assertThat(first.focus().orElseThrow()).isIn(kg.conceptIri("Leaf"), kg.conceptIri("Far"));
            focused.add(first.focus().get());
            NextQuestion second = Strategies.lowDegree().next(kg, Optional.empty(), Set.of(), focused).orElseThrow();
            assertThat(second.focus().orElseThrow()).isIn(kg.conceptIri("Leaf"), kg.conceptIri("Far"))
                    .isNotEqualTo(first.focus().get());
            focused.add(second.focus().get());
            NextQuestion third = Strategies.lowDegree().next(kg, Optional.empty(), Set.of(), focused).orElseThrow();
            assertThat(third.question()).startsWith("What is ");
            assertThat(third.focus().orElseThrow()).isNotIn(focused);
        }
    }

    @Test
    void hypothesisLinksTheEndsOfTheLongestShortestPath() {
        try (KnowledgeGraph kg = chain()) {
            NextQuestion q = Strategies.hypothesis().next(kg, Optional.empty(), Set.of(), Set.of()).orElseThrow();
            // from a degree-1 end, the farthest concept is the other end (distance 4), the path goes A, B, C
            boolean fromLeaf = q.focus().orElseThrow().equals(kg.conceptIri("Leaf"));
            String a = fromLeaf ? "Leaf" : "Far";
            String b = fromLeaf ? "Far" : "Leaf";
            String via = fromLeaf ? "A -> B -> C" : "C -> B -> A";
            assertThat(q.question()).isEqualTo("Propose a hypothesis: how could " + a + " be related to " + b + "? "
                    + "The graph links them only through " + via + ". What mechanism would explain the link, and "
                    + "how could it be tested?");
            assertThat(q.strategy()).isEqualTo("hypothesis");
        }
    }

    @Test
    void bridgeFocusesTheConceptBetweenTwoCommunities() {
        // two 5-cliques, joined only through Bridge (linked to two members of each)
        try (KnowledgeGraph kg = KnowledgeGraph.inMemory()) {
            kg.write(Source.of(SourceKind.MANUAL, "t"), w -> {
                var r = w.relationType("related to");
                for (String side : new String[] {"a", "b"}) {
                    for (int i = 1; i <= 5; i++) {
                        for (int j = i + 1; j <= 5; j++) {
                            w.add(w.concept(side + i), r, w.concept(side + j));
                        }
                    }
                    w.add(w.concept("Bridge"), r, w.concept(side + 1));
                    w.add(w.concept("Bridge"), r, w.concept(side + 2));
                }
            });
            NextQuestion q = Strategies.bridge().next(kg, Optional.empty(), Set.of(), Set.of()).orElseThrow();
            assertThat(q.focus()).contains(kg.conceptIri("Bridge"));
            assertThat(q.question()).isEqualTo("How does Bridge connect the different areas it touches, and what "
                    + "would be lost if it were missing?");
            // once focused, it is not asked about again
            Optional<NextQuestion> again = Strategies.bridge().next(kg, Optional.empty(), Set.of(),
                    Set.of(kg.conceptIri("Bridge")));
            assertThat(again.flatMap(NextQuestion::focus)).isNotEqualTo(Optional.of(kg.conceptIri("Bridge")));
        }
    }
}
