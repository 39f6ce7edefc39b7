package org.rhizome.cli.demo;

import java.io.PrintWriter;
import java.util.Locale;

import org.rhizome.cli.TextTable;
import org.rhizome.gnn.data.EntityTexts;
import org.rhizome.gnn.data.FilterIndex;
import org.rhizome.gnn.data.KgDataset;
import org.rhizome.gnn.data.SplitOptions;
import org.rhizome.gnn.evaluation.RankMetrics;
import org.rhizome.gnn.evaluation.Side;
import org.rhizome.gnn.evaluation.TieBreak;
import org.rhizome.gnn.io.ModelFile;
import org.rhizome.gnn.io.TrainedModel;
import org.rhizome.gnn.kernel.Kernels;
import org.rhizome.gnn.model.ModelKind;
import org.rhizome.gnn.pipeline.KgePipeline;
import org.rhizome.gnn.sampling.LemonSampler;
import org.rhizome.gnn.sparql.PredictionFunctions;
import org.rhizome.gnn.training.TrainingConfig;
import org.rhizome.gnn.training.TrainingListener;
import org.rhizome.graph.snapshot.GraphSnapshot;

/**
 * Demo step: trains a small RotatE model on the demo graph's statements (split 90/5/5), prints its filtered test
 * metrics and the most plausible missing links for one query, trains it again with LEMON negatives drawn from the
 * clusters of the concepts' text embeddings, and saves the first as {@code <demo dir>/rotate.rzkge}; between them, the
 * model answers a SPARQL query through {@code rzf:predictTails}.
 */
public final class PredictLinks implements DemoStep {
    static final String HEAD = "Alan Turing";
    static final String RELATION = "worked at";

    @Override
    public String title() {
        return "Predict missing links";
    }

    @Override
    public void run(DemoContext ctx) {
        PrintWriter out = ctx.out();
        KgDataset ds = KgDataset.fromSnapshot(GraphSnapshot.of(ctx.kg()), SplitOptions.defaults());
        TrainingConfig c = TrainingConfig.defaults(ModelKind.ROTATE).withRank(32).withBatch(128, 32).withSteps(400)
                .withLearningRate(0.01f, "adam");
        out.printf(Locale.ROOT, "  RotatE, rank 32, %d steps on %,d training statements (%,d entities, %,d relations; "
                + "kernels %s)%n", c.steps(), ds.train().size(), ds.entityCount(), ds.relationCount(),
                Kernels.get().name());
        KgePipeline.Result r = KgePipeline.run(ds, c, 2, TrainingListener.NONE, 100);
        RankMetrics m = r.test().metrics(Side.BOTH, TieBreak.REALISTIC);
        out.printf(Locale.ROOT, "  trained in %.1f s (%,.0f scored triples/s); held-out test, filtered, realistic "
                + "ties: "
                + "MRR %.3f, Hits@10 %.3f over %d ranks%n", r.training().seconds(),
                r.training().scoredTriplesPerSecond(), m.mrr(), m.hits10(), m.count());
        TrainedModel tm = r.model();
        String head = ctx.kg().conceptIri(HEAD);
        String rel = ctx.kg().relationIri(RELATION);
        out.println("  (" + HEAD + ", " + RELATION + ", ?): the model's top 5 (already-known answers included)");
        TextTable t = new TextTable("#", "tail", "score", "in the graph");
        int i = 0;
        for (TrainedModel.Prediction p : tm.predictTails(head, rel, 5)) {
            boolean known = !ctx.kg().find(org.apache.jena.graph.NodeFactory.createURI(head),
                    org.apache.jena.graph.NodeFactory.createURI(rel), org.apache.jena.graph.NodeFactory.createURI(
                            p.name()), 0, 1).isEmpty();
            t.row(++i, ctx.kg().concept(p.name()).map(x -> x.label()).orElse(p.name()),
                    String.format(Locale.ROOT, "%.2f", p.score()), known ? "yes" : "no");
        }
        t.print(out, "    ");
        sparql(ctx, tm, head, rel);
        lemon(ctx, ds, c, m.mrr());
        java.nio.file.Path file = ctx.dataDir().resolve("rotate.rzkge");
        ModelFile.write(tm, file);
        out.println("  saved " + file + " (try: rhizome predict --store " + ctx.dataDir() + " --model " + file
                + " --head \"" + HEAD + "\" --relation \"" + RELATION + "\")");
    }

    /**
     * The same model answering SPARQL ({@code rzf:predictTails}, as {@code rhizome query --model} and
     * {@code rhizome serve --model} offer it): its best tails the graph does not state yet, with their labels.
     */
    private static void sparql(DemoContext ctx, TrainedModel model, String head, String rel) {
        PrintWriter out = ctx.out();
        String query = "PREFIX rzf: <https://rhizome.dev/fn#>\n"
                + "SELECT ?label ?score WHERE {\n"
                + "  (?tail ?score) rzf:predictTails (<" + head + "> <" + rel + "> 20) .\n"
                + "  FILTER NOT EXISTS { <" + head + "> <" + rel + "> ?tail }\n"
                + "  ?tail rdfs:label ?label .\n"
                + "} ORDER BY DESC(?score) LIMIT 3";
        PredictionFunctions.attach(ctx.kg().dataset(), model);
        java.util.List<java.util.Map<String, String>> rows;
        try {
            rows = AskTheGraph.select(ctx.kg(), query);
        } finally {
            PredictionFunctions.detach(ctx.kg().dataset(), model);
        }
        out.println("  the same model in SPARQL (rzf:predictTails; rhizome query/serve --model FILE), new links only:");
        for (String line : query.split("\n")) {
            out.println("    | " + line);
        }
        TextTable t = new TextTable("tail", "score");
        for (java.util.Map<String, String> r : rows) {
            t.row(r.get("label"), String.format(Locale.ROOT, "%.2f", Double.parseDouble(r.get("score"))));
        }
        t.print(out, "    ");
    }

    /** The same training with LEMON negatives from the concepts' labels and descriptions (vectors from the cache). */
    private static void lemon(DemoContext ctx, KgDataset ds, TrainingConfig c, double uniformMrr) {
        PrintWriter out = ctx.out();
        String[] texts = EntityTexts.fromStore(ctx.kg(), ds.entities());
        // the store's embedding cache, which the search step filled with these very texts
        float[][] vectors = LemonSampler.textVectors(texts, ctx.kg().location().orElse(ctx.dataDir())
                .resolve("retrieval").resolve("embeddings"));
        LemonSampler lemon = new LemonSampler(vectors, FilterIndex.of(ds.train()),
                new LemonSampler.Options(16, 8, 2, 10, c.seed()));
        KgePipeline.Result r = KgePipeline.run(ds, c, 2, lemon, TrainingListener.NONE, 100);
        RankMetrics m = r.test().metrics(Side.BOTH, TieBreak.REALISTIC);
        out.printf(Locale.ROOT, "  again with LEMON negatives (%d of %d concepts' texts embedded, 8 k-means clusters, "
                + "negatives from the 2 nearest the kept concept): MRR %.3f against %.3f with uniform negatives "
                + "(one small split: not a comparison of the two)%n", lemon.entitiesWithText(), ds.entityCount(),
                m.mrr(), uniformMrr);
    }
}
