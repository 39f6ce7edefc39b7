package org.rhizome.benchmarks.gnn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.rhizome.benchmarks.BenchArgs;
import org.rhizome.gnn.data.FilterIndex;
import org.rhizome.gnn.data.KgDataset;
import org.rhizome.gnn.evaluation.RankEvaluator;
import org.rhizome.gnn.evaluation.RankMetrics;
import org.rhizome.gnn.evaluation.Side;
import org.rhizome.gnn.evaluation.TieBreak;
import org.rhizome.gnn.reader.GraphReader;
import org.rhizome.gnn.reader.KHopRetriever;
import org.rhizome.gnn.reader.PprRetriever;
import org.rhizome.gnn.reader.ReaderTrainer;
import org.rhizome.gnn.reader.SubgraphRetriever;

/**
 * The KG-R3 reader on a benchmark folder: the retriever's answer recall on the test triples (tail and head queries),
 * training time per epoch, and the filtered test metrics (realistic ties, both sides) through the same evaluator as
 * the KGE models. {@code retriever=khop} (hops, fanout) or {@code ppr} (personalised PageRank and mined relation paths;
 * fanout along the paths, 32 unless given); {@code epochs=0} measures the retriever only.
 *
 * <pre>java ... ReaderBenchmark data=../shared/datasets/UMLS epochs=5 retriever=khop hops=2 fanout=8 entities=16
 *     edges=48</pre>
 */
public final class ReaderBenchmark {
    private ReaderBenchmark() {}

    /** The head queries of {@code t} as tail queries over reciprocal relation ids: (t, r + R, h). */
    static org.rhizome.gnn.data.TripleSet reversed(org.rhizome.gnn.data.TripleSet t, int relations) {
        int[] h = new int[t.size()];
        int[] rel = new int[t.size()];
        int[] tail = new int[t.size()];
        for (int i = 0; i < t.size(); i++) {
            h[i] = t.tail(i);
            rel[i] = t.relation(i) + relations;
            tail[i] = t.head(i);
        }
        return new org.rhizome.gnn.data.TripleSet(h, rel, tail);
    }

    public static void main(String[] args) {
        Map<String, String> o = BenchArgs.parse(args, "data", "", "epochs", "5", "retriever", "khop", "hops", "2", "fanout", "",
                "entities", "16", "edges", "48", "model", "64", "layers", "2", "batch", "64", "lr", "1e-3",
                "threads", "2", "seed", "0", "architecture", "cross");
        Path data = Path.of(o.get("data"));
        if (!Files.isDirectory(data)) {
            System.out.println("{\"skipped\": \"no dataset at " + data + "\"}");
            return;
        }
        KgDataset ds = KgDataset.fromFolder(data);
        int e = ds.entityCount();
        int r = ds.relationCount();
        int entities = Integer.parseInt(o.get("entities"));
        int edges = Integer.parseInt(o.get("edges"));
        long t0 = System.nanoTime();
        SubgraphRetriever retriever = switch (o.get("retriever")) {
            case "khop" -> new KHopRetriever(ds.train(), e, r, Integer.parseInt(o.get("hops")),
                    o.get("fanout").isEmpty() ? 8 : Integer.parseInt(o.get("fanout")), entities, edges);
            case "ppr" -> {
                PprRetriever.Options d = PprRetriever.Options.defaults(entities, edges);
                yield new PprRetriever(ds.train(), e, r,
                        o.get("fanout").isEmpty() ? d : d.withFanOut(Integer.parseInt(o.get("fanout"))));
            }
            default -> throw new IllegalArgumentException("retriever must be khop or ppr, got " + o.get("retriever"));
        };
        double buildSeconds = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        double tailRecall = retriever.recall(ds.test(), 1);
        double headRecall = retriever.recall(reversed(ds.test(), r), 1);
        double recallSeconds = (System.nanoTime() - t0) / 1e9;
        System.err.printf(Locale.ROOT, "%s: built in %.1f s; answer recall tail %.4f, head %.4f; %.2f ms per query%n",
                retriever.describe(), buildSeconds, tailRecall, headRecall,
                recallSeconds * 1000 / (2.0 * ds.test().size()));
        if (Integer.parseInt(o.get("epochs")) == 0) {
            System.out.printf(Locale.ROOT, "{\"dataset\": \"%s\", \"retriever\": \"%s\", "
                    + "\"answer_recall_tail\": %.4f, \"answer_recall_head\": %.4f}%n", data.getFileName(),
                    retriever.describe(), tailRecall, headRecall);
            return;
        }
        ReaderTrainer.Config c = new ReaderTrainer.Config(Integer.parseInt(o.get("model")), 4,
                Integer.parseInt(o.get("layers")), Integer.parseInt(o.get("epochs")), Integer.parseInt(o.get("batch")),
                Float.parseFloat(o.get("lr")), 0.1f, 0.1f, Long.parseLong(o.get("seed")),
                GraphReader.Architecture.valueOf(o.get("architecture").toUpperCase(Locale.ROOT)));
        List<Long> millis = new ArrayList<>();
        GraphReader reader = ReaderTrainer.train(ds.train(), e, r, retriever, c, ep -> {
            millis.add(ep.millis());
            System.err.printf(Locale.ROOT, "epoch %d loss %.4f %d ms%n", ep.epoch(), ep.meanLoss(), ep.millis());
        });
        long start = System.nanoTime();
        RankMetrics m = new RankEvaluator().evaluate(ReaderTrainer.scorer(reader, retriever, e, r), ds.test(),
                FilterIndex.of(ds), Integer.parseInt(o.get("threads"))).metrics(Side.BOTH, TieBreak.REALISTIC);
        double evalSeconds = (System.nanoTime() - start) / 1e9;
        long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "{\"dataset\": \"%s\", \"architecture\": \"%s\", \"retriever\": \"%s\", \"epochs\": %d, "
                + "\"answer_recall_tail\": %.4f, \"answer_recall_head\": %.4f, "
                + "\"median_train_seconds_per_epoch\": %.1f, \"eval_seconds\": %.1f, \"mrr\": %.4f, \"hits1\": %.4f, "
                + "\"hits10\": %.4f}%n", data.getFileName(), c.architecture(), retriever.describe(), c.epochs(), tailRecall, headRecall,
                sorted.length == 0 ? 0 : sorted[sorted.length / 2] / 1000.0, evalSeconds, m.mrr(), m.hits1(),
                m.hits10());
    }
}
