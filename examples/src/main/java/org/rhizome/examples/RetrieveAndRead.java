package org.rhizome.examples;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.rhizome.gnn.data.FilterIndex;
import org.rhizome.gnn.data.KgDataset;
import org.rhizome.gnn.evaluation.RankEvaluator;
import org.rhizome.gnn.evaluation.Side;
import org.rhizome.gnn.evaluation.TieBreak;
import org.rhizome.gnn.reader.GraphReader;
import org.rhizome.gnn.reader.KHopRetriever;
import org.rhizome.gnn.reader.PprRetriever;
import org.rhizome.gnn.reader.ReaderFile;
import org.rhizome.gnn.reader.ReaderTrainer;
import org.rhizome.gnn.reader.Subgraph;
import org.rhizome.gnn.reader.SubgraphRetriever;
import org.rhizome.gnn.reader.TwoHopGroups;

/**
 * Retrieve and read (KG-R3) from Java: on a generated graph whose held-out answers lie only along a two-edge path
 * (student -advised_by-> advisor -works_at-> institute, asked as student -affiliated_with-> ?), compare the two
 * retrievers' answer recall within a small budget, train the reader on the better one, evaluate it with the filtered
 * evaluator, explain one answer by the paths the query attended to, and save and reload the model.
 *
 * <p>Run: {@code mvn -q -pl examples -am package -DskipTests && java --add-modules jdk.incubator.vector -cp
 * "examples/target/classes:$(cat examples/target/examples.classpath)" org.rhizome.examples.RetrieveAndRead [DIR]}
 */
public final class RetrieveAndRead {
    private RetrieveAndRead() {}

    /** What the example measured. */
    public record Outcome(double khopRecall, double pprRecall, double mrr, String explainedPath,
            boolean reloadedAgrees) {}

    public static void main(String[] args) throws Exception {
        run(Path.of(args.length > 0 ? args[0] : "rhizome-data/kgr3-example"), System.out);
    }

    public static Outcome run(Path dir, PrintStream out) throws Exception {
        KgDataset ds = TwoHopGroups.generate(60, 1.0 / 3, 1);
        int entities = ds.entityCount();
        int relations = ds.relationCount();
        int affiliatedWith = ds.relations().find("affiliated_with").orElseThrow();

        // Two retrievers under the same budget: 3 entities, 4 statements per query.
        SubgraphRetriever khop = new KHopRetriever(ds.train(), entities, relations, 2, 8, 3, 4);
        SubgraphRetriever ppr = new PprRetriever(ds.train(), entities, relations, PprRetriever.Options.defaults(3, 4));
        double khopRecall = khop.recall(ds.test(), 1);
        double pprRecall = ppr.recall(ds.test(), 1);
        out.printf(Locale.ROOT, "answer recall of %s: %.3f%n", khop.describe(), khopRecall);
        out.printf(Locale.ROOT, "answer recall of %s: %.3f%n", ppr.describe(), pprRecall);

        ReaderTrainer.Config config = new ReaderTrainer.Config(32, 4, 2, 25, 32, 0.005f, 0.1f, 0.1f, 3,
                GraphReader.Architecture.CROSS);
        GraphReader reader = ReaderTrainer.train(ds.train(), entities, relations, ppr, config,
                e -> out.printf(Locale.ROOT, "  epoch %d loss %.4f%n", e.epoch(), e.meanLoss()));
        double mrr = new RankEvaluator().evaluate(ReaderTrainer.scorer(reader, ppr, entities, relations), ds.test(),
                FilterIndex.of(ds), 2).metrics(Side.TAIL, TieBreak.REALISTIC).mrr();
        out.printf(Locale.ROOT, "held-out (student, affiliated_with, ?): filtered MRR %.3f%n", mrr);

        ReaderFile.Trained trained = new ReaderFile.Trained(reader, config, ppr, ds.train(), ds.entities(),
                ds.relations());
        int student = ds.test().head(0);
        int answer = ds.test().tail(0);
        List<ReaderFile.Trained.Prediction> best = trained.predictTails(student, affiliatedWith, 3);
        out.println("(" + ds.entities().name(student) + ", affiliated_with, ?) -> "
                + best.stream().map(ReaderFile.Trained.Prediction::name).toList());
        String explained = "";
        Subgraph evidence = trained.evidence(student, affiliatedWith);
        List<ReaderFile.Trained.Path> paths = trained.attendedPaths(student, affiliatedWith, answer, 1);
        if (!paths.isEmpty()) {
            StringBuilder b = new StringBuilder();
            for (int e : paths.get(0).edges()) {
                b.append(b.length() == 0 ? "" : " ; ").append(ds.entities().name(evidence.entities()[evidence.src()[e]]))
                        .append(" --").append(ds.relations().name(evidence.relation()[e])).append("--> ")
                        .append(ds.entities().name(evidence.entities()[evidence.dst()[e]]));
            }
            explained = b.toString();
            out.printf(Locale.ROOT, "why %s: %s (attention %.3f)%n", ds.entities().name(answer), explained,
                    paths.get(0).attention());
        }

        Files.createDirectories(dir);
        Path file = dir.resolve("groups.rzr3");
        ReaderFile.write(trained, file);
        ReaderFile.Trained back = ReaderFile.read(file);
        boolean agrees = back.predictTails(student, affiliatedWith, 3).equals(best);
        out.println("saved " + file + "; reloaded model agrees: " + agrees);
        return new Outcome(khopRecall, pprRecall, mrr, explained, agrees);
    }
}
