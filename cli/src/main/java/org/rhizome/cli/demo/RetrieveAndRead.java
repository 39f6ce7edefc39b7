package org.rhizome.cli.demo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.rhizome.cli.TextTable;
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
import org.rhizome.gnn.reader.TwoHopGroups;

/**
 * Demo step: the KG-R3 reader on a generated graph whose held-out answers lie only along a two-edge path. The two
 * retrievers' answer recall within a budget of 3 entities, the reader trained with the PPR-and-paths retriever, its
 * filtered test MRR, and one prediction with the evidence it was read from; saved as {@code <demo dir>/groups.rzr3}.
 */
public final class RetrieveAndRead implements DemoStep {
    @Override
    public String title() {
        return "Retrieve and read (KG-R3)";
    }

    @Override
    public void run(DemoContext ctx) {
        PrintWriter out = ctx.out();
        KgDataset ds = TwoHopGroups.generate(60, 1.0 / 3, 1);
        int e = ds.entityCount();
        int r = ds.relationCount();
        out.printf(Locale.ROOT, "  %d generated groups: student -advised_by-> advisor -works_at-> institute, student "
                + "-friend_of-> friend -friend_of-> friend's friend; %d of the students' affiliated_with facts held "
                + "out%n", 60, ds.test().size());
        KHopRetriever khop = new KHopRetriever(ds.train(), e, r, 2, 8, 3, 4);
        PprRetriever ppr = new PprRetriever(ds.train(), e, r, PprRetriever.Options.defaults(3, 4));
        TextTable t = new TextTable("retriever (3 entities, 4 statements)", "answer recall on the held-out facts");
        t.row("k-hop (relation-blind)", String.format(Locale.ROOT, "%.3f", khop.recall(ds.test(), 1)));
        t.row("PPR + mined relation paths", String.format(Locale.ROOT, "%.3f", ppr.recall(ds.test(), 1)));
        t.print(out, "    ");
        out.printf(Locale.ROOT, "  path mined for affiliated_with: %s%n",
                ppr.paths(2).isEmpty() ? "none" : names(ds, ppr.paths(2).get(0).relations()));
        out.flush();
        ReaderTrainer.Config c = new ReaderTrainer.Config(32, 4, 2, 25, 32, 0.005f, 0.1f, 0.1f, 3,
                GraphReader.Architecture.CROSS);
        long start = System.nanoTime();
        GraphReader reader = ReaderTrainer.train(ds.train(), e, r, ppr, c, null);
        double mrr = new RankEvaluator().evaluate(ReaderTrainer.scorer(reader, ppr, e, r), ds.test(),
                FilterIndex.of(ds), 2).metrics(Side.TAIL, TieBreak.REALISTIC).mrr();
        out.printf(Locale.ROOT, "  reader trained in %.1f s (%d epochs); held-out tail MRR %.3f (filtered)%n",
                (System.nanoTime() - start) / 1e9, c.epochs(), mrr);
        ReaderFile.Trained trained = new ReaderFile.Trained(reader, c, ppr, ds.train(), ds.entities(),
                ds.relations());
        int student = ds.test().head(0);
        List<ReaderFile.Trained.Prediction> best = trained.predictTails(student, 2, 3);
        out.printf(Locale.ROOT, "  (%s, affiliated_with, ?) -> %s (held-out answer: %s)%n", ds.entities().name(student),
                best.stream().map(ReaderFile.Trained.Prediction::name).toList(),
                ds.entities().name(ds.test().tail(0)));
        Subgraph s = trained.evidence(student, 2);
        for (int i = 0; i < s.src().length; i++) {
            out.printf(Locale.ROOT, "    evidence: %s --%s--> %s%n", ds.entities().name(s.entities()[s.src()[i]]),
                    ds.relations().name(s.relation()[i]), ds.entities().name(s.entities()[s.dst()[i]]));
        }
        Path file = ctx.dataDir().resolve("groups.rzr3");
        ReaderFile.write(trained, file);
        out.println("  saved " + file + " (try: rhizome predict --model " + file + " --head \""
                + ds.entities().name(student) + "\" --relation affiliated_with --explain)");
    }

    private static String names(KgDataset ds, int[] relations) {
        StringBuilder b = new StringBuilder();
        for (int rel : relations) {
            int base = rel % ds.relationCount();
            b.append(b.length() == 0 ? "" : " then ").append(ds.relations().name(base))
                    .append(rel >= ds.relationCount() ? " (backwards)" : "");
        }
        return b.toString();
    }
}
