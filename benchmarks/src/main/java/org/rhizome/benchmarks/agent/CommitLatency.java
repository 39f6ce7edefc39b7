package org.rhizome.benchmarks.agent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.rhizome.graph.ConceptSpec;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.Source;
import org.rhizome.graph.SourceKind;
import org.rhizome.graph.SourceWriter;

/**
 * What one durable TDB2 commit costs on a given file system: the floor under the growth loop's per-iteration
 * overhead, which commits every iteration before the next starts.
 *
 * <p>For each directory given: a store of {@code n} concepts ({@link BaseGraph}, seed 42) is written, then
 * {@code writes} write transactions through {@link KnowledgeGraph#write}, each the size of one growth iteration
 * (6 new concepts with a description and a type, 12 relation edges to earlier concepts, in a new source graph). Per
 * transaction the body (building the statements, inside the transaction) and the whole call (body plus commit) are
 * timed; the commit is their difference. For reference, {@code fsync} of a 4 KiB append to a plain file in the same
 * directory is timed 50 times. Medians and 90th percentiles are printed.
 *
 * <p>Usage: {@code CommitLatency DIR [DIR...] [n=10000] [writes=200]}; give a directory on disk and one on tmpfs
 * (e.g. {@code /dev/shm}) to separate the durable sync from the rest of the commit.
 */
public final class CommitLatency {
    private CommitLatency() {
    }

    public static void main(String[] args) throws IOException {
        int n = 10_000;
        int writes = 200;
        List<Path> dirs = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("n=")) {
                n = Integer.parseInt(a.substring(2));
            } else if (a.startsWith("writes=")) {
                writes = Integer.parseInt(a.substring(7));
            } else {
                dirs.add(Path.of(a));
            }
        }
        if (dirs.isEmpty() || n < 20 || writes < 10) {
            throw new IllegalArgumentException("usage: CommitLatency DIR [DIR...] [n=10000 (>= 20)] "
                    + "[writes=200 (>= 10)]");
        }
        for (Path parent : dirs) {
            Path work = Files.createTempDirectory(parent, "rhizome-commit-latency");
            try {
                measure(work, n, writes);
            } finally {
                GrowthLoopBenchmark.deleteTree(work);
            }
        }
    }

    private static void measure(Path work, int n, int writes) throws IOException {
        BaseGraph base = BaseGraph.build(work.resolve("store"), n, 42);
        double[] body = new double[writes];
        double[] total = new double[writes];
        double[] commit = new double[writes];
        try (KnowledgeGraph kg = KnowledgeGraph.open(work.resolve("store"))) {
            Random rnd = new Random(7);
            for (int i = 0; i < writes + 20; i++) { // the first 20 warm the JIT and are not recorded
                int it = i;
                long[] bodyEnd = new long[1];
                Source src = Source.builder(SourceKind.GROWTH_ITERATION, "commit-latency-" + i).build();
                long t0 = System.nanoTime();
                kg.write(src, w -> {
                    writeIteration(w, base, it, rnd);
                    bodyEnd[0] = System.nanoTime();
                });
                long t1 = System.nanoTime();
                if (i >= 20) {
                    body[i - 20] = (bodyEnd[0] - t0) / 1e6;
                    total[i - 20] = (t1 - t0) / 1e6;
                    commit[i - 20] = (t1 - bodyEnd[0]) / 1e6;
                }
            }
        }
        double[] sync = fsyncs(work.resolve("fsync-probe"), 50);
        System.out.println(String.format(Locale.ROOT, "%s: %,d concepts; %d writes of 6 concepts + 12 edges: "
                + "body median %.2f ms, commit median %.2f ms (p90 %.2f), whole write median %.2f ms (p90 %.2f); "
                + "fsync of a 4 KiB append median %.2f ms (p90 %.2f)", work.getParent(), n, writes, pct(body, 50),
                pct(commit, 50), pct(commit, 90), pct(total, 50), pct(total, 90), pct(sync, 50), pct(sync, 90)));
    }

    private static void writeIteration(SourceWriter w, BaseGraph base, int it, Random rnd) {
        String[] fresh = new String[6];
        for (int k = 0; k < fresh.length; k++) {
            fresh[k] = "commit probe concept " + it + "-" + k;
            w.concept(ConceptSpec.of(fresh[k], "A concept written by iteration " + it + " of the commit probe")
                    .withTypes("Concept"));
        }
        for (int e = 0; e < 12; e++) {
            String from = fresh[e % fresh.length];
            String to = base.labels.get(rnd.nextInt(base.labels.size()));
            w.add(w.concept(from), w.relationType(BaseGraph.RELATIONS[e % BaseGraph.RELATIONS.length]), w.concept(to));
        }
    }

    private static double[] fsyncs(Path file, int count) throws IOException {
        double[] out = new double[count];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer block = ByteBuffer.allocate(4096);
            for (int i = 0; i < count; i++) {
                block.clear();
                ch.write(block);
                long t0 = System.nanoTime();
                ch.force(false);
                out[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return out;
    }

    private static double pct(double[] xs, int p) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.floor(p / 100.0 * (s.length - 1) + 0.5))];
    }
}
