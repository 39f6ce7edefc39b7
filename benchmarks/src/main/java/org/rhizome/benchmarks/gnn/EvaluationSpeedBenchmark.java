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
import org.rhizome.gnn.data.TripleSet;
import org.rhizome.gnn.evaluation.EvaluationResult;
import org.rhizome.gnn.evaluation.LinkScorer;
import org.rhizome.gnn.evaluation.RankEvaluator;
import org.rhizome.gnn.kernel.Kernels;
import org.rhizome.gnn.model.KgeModel;
import org.rhizome.gnn.model.ModelKind;

/**
 * Full filtered evaluation of a benchmark's test set (both sides of every triple against every entity), timed: the
 * matrix-product path of dot-product models ({@link RankEvaluator} with a {@code DotProductScorer}) against the
 * one-query-at-a-time path (the same model seen only as a {@link LinkScorer}). The model is random (seeded): the
 * cost of evaluation does not depend on what the model learned. Before timing, {@code warmup} evaluations of the first
 * 2,000 test triples on each path let C2 compile the kernels; then each path runs {@code runs} times, alternating,
 * and the median is reported with the achieved GFLOP/s of the products ({@code 2 sides x test x entities x 2 x
 * length} floating-point operations; the rank counting and the query vectors are not counted). The two paths' MRRs
 * are printed side by side (equal up to near-ties: the sums are accumulated in another order).
 *
 * <pre>java --add-modules jdk.incubator.vector ... EvaluationSpeedBenchmark data=../shared/datasets/FB15k-237
 *     model=distmult dim=200 threads=2 runs=5 warmup=3 per-query=true</pre>
 * {@code dim} is the length of a row (for ComplEx, twice the complex rank).
 */
public final class EvaluationSpeedBenchmark {
    private EvaluationSpeedBenchmark() {}

    public static void main(String[] args) {
        Map<String, String> o = BenchArgs.parse(args, "data", "", "model", "distmult", "dim", "200", "threads", "2",
                "runs", "5", "warmup", "3", "seed", "1", "per-query", "true");
        Path data = Path.of(o.get("data"));
        if (!Files.isDirectory(data)) {
            System.out.println("{\"skipped\": \"no dataset at " + data + "\"}");
            return;
        }
        KgDataset ds = KgDataset.fromFolder(data);
        ModelKind kind = ModelKind.parse(o.get("model"));
        int dim = Integer.parseInt(o.get("dim"));
        int threads = Integer.parseInt(o.get("threads"));
        int runs = Integer.parseInt(o.get("runs"));
        boolean perQuery = Boolean.parseBoolean(o.get("per-query"));
        KgeModel model = KgeModel.random(kind, ds.entityCount(), ds.relationCount(), dim, 0.1f,
                Long.parseLong(o.get("seed")));
        LinkScorer plain = LinkScorer.oneQueryAtATime(model);
        FilterIndex filter = FilterIndex.of(ds);
        TripleSet test = ds.test();
        RankEvaluator evaluator = new RankEvaluator();
        TripleSet head = first(test, 2000);
        for (int w = 0; w < Integer.parseInt(o.get("warmup")); w++) {
            evaluator.evaluate(model, head, filter, threads);
            if (perQuery) {
                evaluator.evaluate(plain, head, filter, threads);
            }
        }
        List<Double> dot = new ArrayList<>();
        List<Double> per = new ArrayList<>();
        EvaluationResult dotResult = null;
        EvaluationResult perResult = null;
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            dotResult = evaluator.evaluate(model, test, filter, threads);
            dot.add((System.nanoTime() - t0) / 1e9);
            if (perQuery) {
                t0 = System.nanoTime();
                perResult = evaluator.evaluate(plain, test, filter, threads);
                per.add((System.nanoTime() - t0) / 1e9);
            }
        }
        double flop = 2.0 * test.size() * ds.entityCount() * 2.0 * dim;
        double dotMedian = median(dot);
        StringBuilder json = new StringBuilder();
        json.append(String.format(Locale.ROOT, "{\"data\": \"%s\", \"model\": \"%s\", \"dim\": %d, \"threads\": %d, "
                + "\"kernels\": \"%s\", \"test\": %d, \"entities\": %d, \"gflop\": %.1f, \"matrix_s\": %.3f, "
                + "\"matrix_runs\": %s, \"matrix_gflops\": %.1f, \"matrix_mrr\": %.6f", data.getFileName(), kind, dim,
                threads, Kernels.get().name(), test.size(), ds.entityCount(), flop / 1e9, dotMedian, runsOf(dot),
                flop / dotMedian / 1e9, dotResult.realistic().mrr()));
        if (perQuery) {
            double perMedian = median(per);
            json.append(String.format(Locale.ROOT, ", \"per_query_s\": %.3f, \"per_query_runs\": %s, "
                    + "\"per_query_gflops\": %.1f, \"per_query_mrr\": %.6f, \"speedup\": %.2f", perMedian, runsOf(per),
                    flop / perMedian / 1e9, perResult.realistic().mrr(), perMedian / dotMedian));
        }
        System.out.println(json.append('}'));
    }

    private static TripleSet first(TripleSet t, int count) {
        int n = Math.min(count, t.size());
        int[] h = new int[n];
        int[] r = new int[n];
        int[] tl = new int[n];
        for (int i = 0; i < n; i++) {
            h[i] = t.head(i);
            r[i] = t.relation(i);
            tl[i] = t.tail(i);
        }
        return new TripleSet(h, r, tl);
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static String runsOf(List<Double> xs) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < xs.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", xs.get(i)));
        }
        return b.append(']').toString();
    }
}
