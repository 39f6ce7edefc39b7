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
import org.rhizome.gnn.reader.ReaderTrainer;

/**
 * The KG-R3 reader on a benchmark folder: the k-hop retriever's answer recall on the test triples, training time per
 * epoch, and the filtered test metrics (realistic ties, both sides) through the same evaluator as the KGE models.
 *
 * <pre>java ... ReaderBenchmark data=../shared/datasets/UMLS epochs=5 hops=2 fanout=8 entities=16 edges=48</pre>
 */
public final class ReaderBenchmark {
    private ReaderBenchmark() {}

    public static void main(String[] args) {
        Map<String, String> o = BenchArgs.parse(args, "data", "", "epochs", "5", "hops", "2", "fanout", "8",
                "entities", "16", "edges", "48", "model", "64", "layers", "2", "batch", "64", "lr", "1e-3",
                "threads", "2", "seed", "0");
        Path data = Path.of(o.get("data"));
        if (!Files.isDirectory(data)) {
            System.out.println("{\"skipped\": \"no dataset at " + data + "\"}");
            return;
        }
        KgDataset ds = KgDataset.fromFolder(data);
        int e = ds.entityCount();
        int r = ds.relationCount();
        KHopRetriever retriever = new KHopRetriever(ds.train(), e, r, Integer.parseInt(o.get("hops")),
                Integer.parseInt(o.get("fanout")), Integer.parseInt(o.get("entities")),
                Integer.parseInt(o.get("edges")));
        double recall = retriever.recall(ds.test(), 1);
        ReaderTrainer.Config c = new ReaderTrainer.Config(Integer.parseInt(o.get("model")), 4,
                Integer.parseInt(o.get("layers")), Integer.parseInt(o.get("epochs")), Integer.parseInt(o.get("batch")),
                Float.parseFloat(o.get("lr")), 0.1f, 0.1f, Long.parseLong(o.get("seed")));
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
        System.out.printf(Locale.ROOT, "{\"dataset\": \"%s\", \"epochs\": %d, \"answer_recall\": %.4f, "
                + "\"median_train_seconds_per_epoch\": %.1f, \"eval_seconds\": %.1f, \"mrr\": %.4f, \"hits1\": %.4f, "
                + "\"hits10\": %.4f}%n", data.getFileName(), c.epochs(), recall,
                sorted.length == 0 ? 0 : sorted[sorted.length / 2] / 1000.0, evalSeconds, m.mrr(), m.hits1(),
                m.hits10());
    }
}
