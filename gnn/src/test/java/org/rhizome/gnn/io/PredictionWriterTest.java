package org.rhizome.gnn.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.junit.jupiter.api.Test;
import org.rhizome.gnn.data.IdMap;
import org.rhizome.gnn.model.KgeModel;
import org.rhizome.gnn.model.ModelKind;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.Source;
import org.rhizome.graph.SourceKind;
import org.rhizome.graph.Status;

class PredictionWriterTest {
    @Test
    void writesTheBestUnassertedTailsApartAndReplacesThemOnARerun() {
        try (KnowledgeGraph kg = KnowledgeGraph.inMemory()) {
            kg.write(Source.of(SourceKind.MANUAL, "t"), w -> {
                var near = w.relationType("near");
                w.add(w.concept("A"), near, w.concept("B"));
                w.concept("C");
                w.concept("D");
            });
            String a = kg.conceptIri("A");
            String b = kg.conceptIri("B");
            String c = kg.conceptIri("C");
            String d = kg.conceptIri("D");
            String near = kg.relationIri("near");
            IdMap ents = new IdMap();
            for (String x : new String[] {a, b, c, d}) {
                ents.idOf(x);
            }
            IdMap rels = new IdMap();
            rels.idOf(near);
            // TransE L1 in one dimension: A at 0, relation +1: B (1) first, C (1.5) second, D (9) last
            KgeModel model = new KgeModel(ModelKind.TRANSE_L1, 4, 1, 1, new float[] {0, 1, 1.5f, 9}, new float[] {1});
            TrainedModel m = new TrainedModel(model, ents, rels, "{}");
            long assertedBefore = kg.statementCount();
            PredictionWriter.Written w = PredictionWriter.write(kg, m, "toy-transe", near, 1);
            assertThat(w.heads()).isEqualTo(1);
            assertThat(w.statements()).isEqualTo(1);
            Triple predicted = Triple.create(NodeFactory.createURI(a), NodeFactory.createURI(near),
                    NodeFactory.createURI(c));
            // not asserted; in the prediction graph with status predicted and its percentile as confidence
            assertThat(kg.find(predicted.getSubject(), predicted.getPredicate(), predicted.getObject(), 0, 5)).isEmpty();
            assertThat(kg.find(predicted.getSubject(), predicted.getPredicate(), predicted.getObject(),
                    EnumSet.of(Status.PREDICTED), 0, 5)).hasSize(1);
            var prov = kg.provenance(predicted);
            assertThat(prov).hasSize(1);
            assertThat(prov.get(0).status()).isEqualTo(Status.PREDICTED);
            assertThat(prov.get(0).graph().getURI()).isEqualTo(kg.baseNamespace() + "prediction/toy_transe/near");
            // C is second of the three others and A itself: ranks B 1, C 2 of 4 -> percentile 1 - 1/3
            assertThat(prov.get(0).confidence()).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(kg.statementCount()).isEqualTo(assertedBefore);
            // again with k = 2: replaced, not added to
            PredictionWriter.Written again = PredictionWriter.write(kg, m, "toy-transe", near, 2);
            assertThat(again.statements()).isEqualTo(2);
            assertThat(kg.find(NodeFactory.createURI(a), NodeFactory.createURI(near), Node.ANY,
                    EnumSet.of(Status.PREDICTED), 0, 10)).hasSize(2);
            assertThatThrownBy(() -> PredictionWriter.write(kg, m, "toy", kg.relationIri("far"), 1))
                    .hasMessageContaining("knows no relation");
        }
    }
}
