package org.rhizome.benchmarks;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.rhizome.graph.Iris;
import org.rhizome.graph.KnowledgeGraph;

/**
 * Side-by-side import benchmark: Rhizome's importer against Jena's {@code tdb2.tdbloader} on the same input, each
 * run in a fresh JVM and a fresh TDB2 directory, median of {@code runs}; then the snapshot build over the loaded
 * store. Inputs: FB15k-237's {@code train.txt} as TSV and as N-Triples (when {@code ../shared/datasets/FB15k-237}
 * exists; skipped otherwise) and a generated N-Triples file (seeded, skewed degrees).
 *
 * <p>Usage: {@code ImportBenchmark <work dir> <runs> <generated triples> [datasets dir] [tools]}, tools a
 * comma-separated subset of {@code rhizome,tdbloader,tdbloader-graph,snapshot} (default: all). Prints Markdown
 * tables. {@code tdbloader} loads the default graph (triples, three indexes); {@code tdbloader-graph} loads one named
 * graph (quads, six indexes), which is what a Rhizome import writes, so it is the like-for-like reference.
 */
public final class ImportBenchmark {
    private ImportBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        long generated = Long.parseLong(args[2]);
        Path datasets = Path.of(args.length > 3 ? args[3] : "../shared/datasets");
        List<String> tools = List.of((args.length > 4 ? args[4] : "rhizome,tdbloader,tdbloader-graph,snapshot")
                .split(","));
        Files.createDirectories(work);
        List<String[]> inputs = new ArrayList<>();
        Path fbTrain = datasets.resolve("FB15k-237/train.txt");
        if (Files.isRegularFile(fbTrain)) {
            Path nt = work.resolve("fb15k237-train.nt");
            if (!Files.exists(nt)) {
                tsvToNTriples(fbTrain, nt);
            }
            inputs.add(new String[] {"FB15k-237 train (TSV)", fbTrain.toString(), "tsv"});
            inputs.add(new String[] {"FB15k-237 train (N-Triples)", nt.toString(), "nt"});
        } else {
            System.out.println("(FB15k-237 not found under " + datasets + ": skipped)");
        }
        if (generated > 0) {
            Path gen = work.resolve("generated-" + generated + ".nt");
            if (!Files.exists(gen)) {
                generate(gen, generated, 42);
            }
            inputs.add(new String[] {String.format("generated %,d (N-Triples)", generated), gen.toString(), "nt"});
        }
        System.out.println("| input | tool | time s (median of " + runs + ") | triples/s | peak heap MiB |");
        System.out.println("|---|---|---:|---:|---:|");
        List<String> snapshotRows = new ArrayList<>();
        for (String[] in : inputs) {
            long statements = countLines(Path.of(in[1])); // one triple per line in both inputs' layouts
            double rhizomeTime = 0;
            for (String tool : List.of("rhizome", "tdbloader", "tdbloader-graph")) {
                if (!tools.contains(tool) || (in[2].equals("tsv") && !tool.equals("rhizome"))) {
                    continue; // Jena's loader does not read TSV
                }
                double[] times = new double[runs];
                long[] heaps = new long[runs];
                for (int i = 0; i < runs; i++) {
                    Path store = work.resolve("store-" + tool);
                    deleteTree(store);
                    String[] r = child(tool, in[1], store.toString());
                    times[i] = Double.parseDouble(r[2]);
                    if (tool.equals("rhizome") && Long.parseLong(r[3]) != statements) {
                        throw new IllegalStateException("Rhizome read " + r[3] + " statements, the file has "
                                + statements + " lines");
                    }
                    heaps[i] = Long.parseLong(r[4]);
                }
                double t = median(times);
                if (tool.equals("rhizome")) {
                    rhizomeTime = t;
                }
                String ratio = !tool.equals("rhizome") && rhizomeTime > 0
                        ? String.format(" (Rhizome / this: %.2fx)", rhizomeTime / t) : "";
                System.out.printf("| %s | %s%s | %.2f | %,.0f | %.0f |%n", in[0], tool, ratio, t, statements / t,
                        median(heaps) / 1048576.0);
            }
            if (!tools.contains("snapshot")) {
                continue;
            }
            // Snapshot over the store Rhizome just loaded (re-import to be sure it is Rhizome's layout).
            Path store = work.resolve("store-rhizome");
            deleteTree(store);
            child("rhizome", in[1], store.toString());
            String[] s = child("snapshot", in[1], store.toString());
            double secs = Double.parseDouble(s[2]);
            long edges = Long.parseLong(s[3]);
            long adjacency = Long.parseLong(s[6]);
            long total = Long.parseLong(s[7]);
            snapshotRows.add(String.format("| %s | %,d | %,d | %.3f | %,.0f | %.1f | %.1f | %.3f |", in[0],
                    Long.parseLong(s[5]), edges, secs, edges / secs, (double) adjacency / edges,
                    (double) total / edges, Double.parseDouble(s[8])));
        }
        System.out.println();
        System.out.println("| input | entities | edges | snapshot build s (best of 3) | edges/s | adjacency bytes/edge "
                + "| total bytes/edge (with dictionaries) | patch +100 edges s |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        snapshotRows.forEach(System.out::println);
    }

    private static String[] child(String tool, String input, String store) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx8g", "-cp", System.getProperty("java.class.path"),
                ImportRun.class.getName(), tool, input, store).redirectErrorStream(true).start();
        String result = null;
        StringBuilder log = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    result = line;
                } else {
                    log.append(line).append('\n');
                }
            }
        }
        if (p.waitFor() != 0 || result == null) {
            throw new IllegalStateException(tool + " on " + input + " failed:\n" + log);
        }
        return result.split(" ");
    }

    /** FB15k-237 TSV to N-Triples with the same IRIs Rhizome's TSV import mints. */
    static void tsvToNTriples(Path tsv, Path nt) throws IOException {
        String e = KnowledgeGraph.DEFAULT_BASE + "entity/";
        String r = KnowledgeGraph.DEFAULT_BASE + "relation/";
        try (BufferedReader in = Files.newBufferedReader(tsv); BufferedWriter out = Files.newBufferedWriter(nt)) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split("\t");
                if (f.length != 3) {
                    continue;
                }
                out.write("<" + e + Iris.encodeToken(f[0]) + "> <" + r + Iris.encodeToken(f[1]) + "> <" + e
                        + Iris.encodeToken(f[2]) + "> .\n");
            }
        }
    }

    /**
     * Writes {@code triples} random triples over {@code triples / 10} entities and 200 relations; heads and tails
     * are drawn with a skew (index = n * u^3) so degrees are heavy-tailed like real knowledge graphs.
     */
    static void generate(Path out, long triples, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        long n = Math.max(10, triples / 10);
        try (BufferedWriter w = Files.newBufferedWriter(out)) {
            for (long i = 0; i < triples; i++) {
                long h = (long) (n * Math.pow(rnd.nextDouble(), 3));
                long t = (long) (n * Math.pow(rnd.nextDouble(), 3));
                int rel = rnd.nextInt(200);
                w.write("<http://bench.rhizome.dev/e/" + h + "> <http://bench.rhizome.dev/r/" + rel
                        + "> <http://bench.rhizome.dev/e/" + t + "> .\n");
            }
        }
    }

    static long countLines(Path p) throws IOException {
        try (Stream<String> lines = Files.lines(p)) {
            return lines.filter(l -> !l.isBlank()).count();
        }
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }

    static double median(long[] v) {
        return median(Arrays.stream(v).asDoubleStream().toArray());
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
