package org.rhizome.retrieval.resolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rhizome.embeddings.CachingEmbedder;
import org.rhizome.embeddings.EmbeddingCache;
import org.rhizome.embeddings.LangChain4jEmbedder;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.retrieval.Retrieval;
import org.rhizome.retrieval.TestEmbedders;

/**
 * The default policy on the project's name-variant set must keep the quality measured when it was fitted
 * (benchmarks/README.md, "Entity resolution"): on the held-out half, precision 0.983 and recall 0.677. The floors
 * below are those values rounded down to two decimals, so small numeric differences between CPUs do not fail the
 * build while a real regression does.
 */
class ResolutionQualityTest {

    @Test
    void defaultPolicyKeepsItsMeasuredPrecisionAndRecall() {
        VariantSet set = VariantSet.load();
        assertThat(set.concepts()).hasSize(165);
        assertThat(set.queries()).hasSize(458);
        try (KnowledgeGraph kg = KnowledgeGraph.inMemory()) {
            Map<String, String> iris = set.writeTo(kg);
            CachingEmbedder emb = new CachingEmbedder(TestEmbedders.miniLm(),
                    EmbeddingCache.inMemory(LangChain4jEmbedder.MINILM_ID, 384));
            try (Retrieval r = Retrieval.builder(kg).embedder(emb).open()) {
                ResolutionEvaluation.Result held = ResolutionEvaluation.evaluate(r.resolver(), set, iris,
                        kg::classIri, q -> !VariantSet.isTuning(q));
                assertThat(held.overall().queries()).isEqualTo(223);
                assertThat(held.overall().precision()).as(held.table()).isGreaterThanOrEqualTo(0.98);
                assertThat(held.overall().recall()).as(held.table()).isGreaterThanOrEqualTo(0.67);
                assertThat(held.overall().wrongMerges()).as(held.table()).isZero();
                assertThat(held.byKind().get("unrelated").falseMerges()).isZero();
                assertThat(held.byKind().get("near-miss").falseMerges()).as(held.table()).isLessThanOrEqualTo(2);
                for (String easy : new String[] {"exact", "case", "word-order"}) {
                    assertThat(held.byKind().get(easy).recall()).as(easy).isGreaterThanOrEqualTo(0.94);
                }
            }
        }
    }
}
