package org.rhizome.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.query.QueryExecution;
import org.rhizome.gnn.data.KgDataset;
import org.rhizome.gnn.data.SplitOptions;
import org.rhizome.gnn.evaluation.RankMetrics;
import org.rhizome.gnn.io.ModelFile;
import org.rhizome.gnn.io.TrainedModel;
import org.rhizome.gnn.model.ModelKind;
import org.rhizome.gnn.pipeline.KgePipeline;
import org.rhizome.gnn.pipeline.PipelineConfig;
import org.rhizome.gnn.sparql.PredictionFunctions;
import org.rhizome.gnn.training.TrainingConfig;
import org.rhizome.gnn.training.TrainingListener;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.Source;
import org.rhizome.graph.SourceKind;
import org.rhizome.graph.snapshot.GraphSnapshot;

/**
 * Link prediction on a store: a small family graph where "parent of" and "child of" are inverses, a RotatE model
 * trained on 90% of its statements from a pipeline configuration written to YAML and read back, its filtered metrics
 * on the held-out 5%, a saved model file, the most plausible children of one person, and the same question asked in
 * SPARQL through {@code rzf:predictTails}. Then the same graph in LibKGE's setting (Ruffinelli et al. 2020): ComplEx
 * with reciprocal relations, the cross-entropy loss and embedder dropout, asked for the parent of a child as a head
 * query, which it answers through the reciprocal of "parent of".
 *
 * <p>Run: {@code mvn -q -pl examples -am package -DskipTests && java --add-modules jdk.incubator.vector -cp
 * "examples/target/classes:$(cat examples/target/examples.classpath)" org.rhizome.examples.PredictLinks [DIR]}
 */
public final class PredictLinks {
    private PredictLinks() {}

    /** What the example did. */
    public record Outcome(RankMetrics test, List<TrainedModel.Prediction> children, TrainedModel reloaded,
            PipelineConfig config, List<String> sparqlChildren, RankMetrics reciprocalTest,
            List<TrainedModel.Prediction> parents) {}

    public static void main(String[] args) {
        run(Path.of(args.length > 0 ? args[0] : "rhizome-data/predict-example"), System.out);
    }

    public static Outcome run(Path dir, PrintStream out) {
        try (KnowledgeGraph kg = KnowledgeGraph.open(dir.resolve("store"))) {
            kg.write(Source.of(SourceKind.MANUAL, "family"), w -> {
                var parentOf = w.relationType("parent of");
                var childOf = w.relationType("child of");
                // 8 families of a parent and three children
                for (int f = 0; f < 8; f++) {
                    var parent = w.concept("Parent " + f);
                    for (int c = 0; c < 3; c++) {
                        var child = w.concept("Child " + f + "." + c);
                        w.add(parent, parentOf, child);
                        w.add(child, childOf, parent);
                    }
                }
            });
            KgDataset ds = KgDataset.fromSnapshot(GraphSnapshot.of(kg), SplitOptions.defaults());
            TrainingConfig c = TrainingConfig.defaults(ModelKind.ROTATE).withRank(16).withBatch(32, 16)
                    .withSteps(600).withLearningRate(0.05f, "adam");
            // the whole run as one configuration, written to YAML and read back (rhizome train --config reads it)
            Path yaml = dir.resolve("family.yaml");
            PipelineConfig.defaults().withTraining(c).withThreads(1).write(yaml);
            PipelineConfig config = PipelineConfig.read(yaml);
            KgePipeline.Result r = KgePipeline.run(ds, config, null, null, TrainingListener.NONE, 100);
            out.println("test: " + r.test().summary());
            Path file = dir.resolve("family.rzkge");
            ModelFile.write(r.model(), file);
            TrainedModel m = ModelFile.read(file);
            List<TrainedModel.Prediction> children = m.predictTails(kg.conceptIri("Parent 3"),
                    kg.relationIri("parent of"), 3);
            for (TrainedModel.Prediction p : children) {
                out.printf("Parent 3 parent of %s (%.2f)%n", kg.concept(p.name()).orElseThrow().label(), p.score());
            }
            // the same question in SPARQL, the model attached to the store's dataset
            PredictionFunctions.attach(kg.dataset(), m);
            List<String> sparqlChildren = new ArrayList<>();
            try {
                kg.read(() -> {
                    String q = "PREFIX rzf: <https://rhizome.dev/fn#> SELECT ?child WHERE { (?child ?score) "
                            + "rzf:predictTails (<" + kg.conceptIri("Parent 3") + "> <" + kg.relationIri("parent of")
                            + "> 3) }";
                    try (QueryExecution qe = QueryExecution.dataset(kg.dataset()).query(q).build()) {
                        qe.execSelect().forEachRemaining(row -> sparqlChildren.add(row.getResource("child").getURI()));
                    }
                    return null;
                });
            } finally {
                PredictionFunctions.detach(kg.dataset(), m);
            }
            out.println("in SPARQL: " + sparqlChildren);
            // LibKGE's setting: (t, r^-1, h) trained too, tails corrupted only, softmax cross-entropy, dropout
            PipelineConfig libKge = config.withTraining(TrainingConfig.defaults(ModelKind.COMPLEX).withRank(16)
                    .withBatch(32, 16).withSteps(600).withLearningRate(0.05f, "adam")
                    .withLoss("cross-entropy", 0f, 0f).withDropout(0.1f, 0.1f)).withReciprocal(true);
            KgePipeline.Result rr = KgePipeline.run(ds, libKge, null, null, TrainingListener.NONE, 100);
            out.println("ComplEx with reciprocal relations, test: " + rr.test().summary());
            // (?, parent of, Child 3.1): answered as (Child 3.1, parent of^-1, ?)
            List<TrainedModel.Prediction> parents = rr.model().predictHeads(kg.relationIri("parent of"),
                    kg.conceptIri("Child 3.1"), 1);
            out.printf("parent of Child 3.1: %s%n", kg.concept(parents.get(0).name()).orElseThrow().label());
            return new Outcome(r.test().realistic(), children, m, config, sparqlChildren, rr.test().realistic(),
                    parents);
        }
    }
}
