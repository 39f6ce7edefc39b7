package org.rhizome.gnn.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rhizome.gnn.data.IdMap;
import org.rhizome.gnn.data.TripleSet;

/**
 * The PPR-and-paths retriever: mined relation paths on a graph whose answers lie on one 2-hop path, retrieval within
 * a budget the k-hop retriever cannot meet, the push's PageRank against a dense solve, the query's own statement left
 * out, thread safety, and the model file round trip.
 */
class PprRetrieverTest {
    private static final int GROUPS = 40;

    /** Groups a -0-> b -1-> c, a -3-> d, d -3-> e (a decoy two hops away), and (a, 2, c) for every group. */
    private static TripleSet groups() {
        List<int[]> t = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            int a = 5 * g;
            t.add(new int[] {a, 0, a + 1});
            t.add(new int[] {a + 1, 1, a + 2});
            t.add(new int[] {a, 3, a + 3});
            t.add(new int[] {a + 3, 3, a + 4});
            t.add(new int[] {a, 2, a + 2});
        }
        return TripleSet.of(t);
    }


    @Test
    void minesThePathThatRealisesEachRelationInBothDirections() {
        PprRetriever p = new PprRetriever(groups(), 5 * GROUPS, 4, PprRetriever.Options.defaults(8, 16));
        // (a, 2, ?) is always a -0-> b -1-> c; asked backwards, (c, 2 + 4, ?) is c -5-> b -4-> a.
        assertThat(p.paths(2)).hasSize(1);
        assertThat(p.paths(2).get(0).relations()).containsExactly(0, 1);
        assertThat(p.paths(2).get(0).confidence()).isEqualTo(1.0);
        assertThat(p.paths(6).get(0).relations()).containsExactly(5, 4);
        // (a, 0, ?) = b is also reached by a -2-> c -5-> b, in every group
        assertThat(p.paths(0)).extracting(PprRetriever.RelationPath::relations)
                .anySatisfy(r -> assertThat(r).containsExactly(2, 5));
        // relation 3 chains a -> d -> e: no path of one or two edges other than itself realises it in two triples
        assertThat(p.paths(3)).isEmpty();
    }

    @Test
    void findsThePathAnswerWithinABudgetTheKHopRetrieverMisses() {
        TripleSet train = groups();
        // Queries (a, 2, ?) whose own statement is skipped: the answer c is only reachable along a -0-> b -1-> c.
        PprRetriever ppr = new PprRetriever(train, 5 * GROUPS, 4, PprRetriever.Options.defaults(3, 8));
        KHopRetriever khop = new KHopRetriever(train, 5 * GROUPS, 4, 2, 8, 3, 8);
        int pprHits = 0;
        int khopHits = 0;
        for (int i = 0; i < train.size(); i++) {
            if (train.relation(i) != 2) {
                continue;
            }
            Subgraph s = ppr.retrieve(train.head(i), 2, i, new Random(1));
            assertThat(s.entities()).hasSize(3).startsWith(train.head(i));
            pprHits += s.contains(train.tail(i)) ? 1 : 0;
            khopHits += khop.retrieve(train.head(i), 2, i, new Random(1)).contains(train.tail(i)) ? 1 : 0;
            // the skipped statement (a, 2, c) is not among the edges
            for (int e = 0; e < s.src().length; e++) {
                assertThat(s.relation()[e] == 2 && s.src()[e] == 0).isFalse();
            }
        }
        assertThat(pprHits).isEqualTo(GROUPS);
        // Breadth first, a's three neighbours b, c... minus the skipped c leave b and d: never c.
        assertThat(khopHits).isZero();
    }

    @Test
    void pushPageRankMatchesADenseSolve() {
        Random r = new Random(5);
        List<int[]> t = new ArrayList<>();
        int n = 30;
        for (int i = 0; i < 90; i++) {
            int a = r.nextInt(n);
            int b = r.nextInt(n);
            if (a != b) {
                t.add(new int[] {a, r.nextInt(3), b});
            }
        }
        TripleSet train = TripleSet.of(t);
        double alpha = 0.25;
        PprRetriever p = new PprRetriever(train, n, 3, new PprRetriever.Options(8, 16, alpha, 1e-9, 0, 10, 4, 0));
        // Dense: x = alpha e_h + (1 - alpha) x W, W the random walk over both directions of every triple.
        int head = t.get(0)[0];
        double[][] w = new double[n][n];
        int[] degree = new int[n];
        for (int[] e : t) {
            degree[e[0]]++;
            degree[e[2]]++;
        }
        for (int[] e : t) {
            w[e[0]][e[2]] += 1.0 / degree[e[0]];
            w[e[2]][e[0]] += 1.0 / degree[e[2]];
        }
        double[] x = new double[n];
        for (int it = 0; it < 2000; it++) {
            double[] next = new double[n];
            next[head] = alpha;
            for (int u = 0; u < n; u++) {
                for (int v = 0; v < n; v++) {
                    next[v] += (1 - alpha) * x[u] * w[u][v];
                }
            }
            x = next;
        }
        Map<Integer, Double> push = p.pageRank(head);
        for (int v = 0; v < n; v++) {
            double got = push.getOrDefault(v, 0.0);
            // the push never overestimates, and with epsilon 1e-9 it is within 1e-6
            assertThat(got).isLessThanOrEqualTo(x[v] + 1e-12);
            assertThat(got).isCloseTo(x[v], within(1e-6));
        }
    }

    @Test
    void concurrentRetrievalEqualsSequential() {
        TripleSet train = groups();
        PprRetriever p = new PprRetriever(train, 5 * GROUPS, 4, PprRetriever.Options.defaults(6, 12));
        List<Subgraph> sequential = new ArrayList<>();
        for (int h = 0; h < 5 * GROUPS; h++) {
            sequential.add(p.retrieve(h, h % 8, -1, new Random(1)));
        }
        List<Subgraph> parallel = IntStream.range(0, 5 * GROUPS).parallel()
                .mapToObj(h -> p.retrieve(h, h % 8, -1, new Random(1))).toList();
        for (int h = 0; h < sequential.size(); h++) {
            assertThat(parallel.get(h).entities()).containsExactly(sequential.get(h).entities());
            assertThat(parallel.get(h).src()).containsExactly(sequential.get(h).src());
        }
        assertThatThrownBy(() -> p.retrieve(0, 8, -1, new Random(1))).hasMessageContaining("relation id 8");
        assertThatThrownBy(() -> PprRetriever.Options.defaults(1, 4)).hasMessageContaining("maxEntities >= 2");
    }

    @Test
    void modelFileKeepsTheRetriever(@TempDir Path dir) {
        TripleSet train = groups();
        IdMap ents = new IdMap();
        for (int e = 0; e < 5 * GROUPS; e++) {
            ents.idOf("e" + e);
        }
        IdMap rels = new IdMap();
        for (int r = 0; r < 4; r++) {
            rels.idOf("r" + r);
        }
        PprRetriever p = new PprRetriever(train, 5 * GROUPS, 4,
                new PprRetriever.Options(5, 10, 0.3, 1e-4, 4, 100, 16, 7));
        ReaderTrainer.Config c = new ReaderTrainer.Config(16, 2, 1, 1, 32, 1e-3f, 0.1f, 0.1f, 1,
                GraphReader.Architecture.CROSS);
        GraphReader reader = ReaderTrainer.train(train, 5 * GROUPS, 4, p, c, null);
        Path file = dir.resolve("r.kgr3");
        ReaderFile.write(new ReaderFile.Trained(reader, c, p, train, ents, rels), file);
        ReaderFile.Trained back = ReaderFile.read(file);
        assertThat(back.config()).isEqualTo(c);
        assertThat(back.reader().architecture()).isEqualTo(GraphReader.Architecture.CROSS);
        assertThat(back.retriever()).isInstanceOf(PprRetriever.class);
        assertThat(((PprRetriever) back.retriever()).options()).isEqualTo(p.options());
        ReaderFile.Trained before = new ReaderFile.Trained(reader, c, p, train, ents, rels);
        assertThat(back.evidence(0, 2).entities()).containsExactly(before.evidence(0, 2).entities());
        assertThat(back.predictTails(0, 2, 3)).extracting(ReaderFile.Trained.Prediction::entity)
                .containsExactly(before.predictTails(0, 2, 3).stream().mapToInt(ReaderFile.Trained.Prediction::entity)
                        .boxed().toArray(Integer[]::new));
        assertThat(Arrays.stream(back.evidence(0, 2).entities()).boxed().toList()).contains(2);
    }

    @Test
    void versionOneFilesStillReadAsKHop(@TempDir Path dir) throws Exception {
        // A version 1 file as the previous build wrote it: no retriever kind, the k-hop options straight after the
        // configuration.
        TripleSet train = groups();
        ReaderTrainer.Config c = new ReaderTrainer.Config(16, 2, 1, 1, 32, 1e-3f, 0.1f, 0.1f, 1,
                GraphReader.Architecture.JOINT);
        GraphReader reader = c.newReader(5 * GROUPS, 8);
        Path file = dir.resolve("v1.kgr3");
        org.rhizome.gnn.io.ChecksummedFile.write(file, "KG-R3 model file", out -> {
            out.write(new byte[] {'R', 'Z', 'K', 'R', '3', '\n'});
            out.writeInt(1);
            out.writeInt(c.model());
            out.writeInt(c.heads());
            out.writeInt(c.layers());
            out.writeInt(c.epochs());
            out.writeInt(c.batchSize());
            out.writeFloat(c.learningRate());
            out.writeFloat(c.labelSmoothing());
            out.writeFloat(c.dropout());
            out.writeLong(c.seed());
            for (int x : new int[] {2, 8, 10, 20}) { // hops, fan-out, entities, edges
                out.writeInt(x);
            }
            out.writeInt(5 * GROUPS);
            for (int e = 0; e < 5 * GROUPS; e++) {
                out.writeUTF("e" + e);
            }
            out.writeInt(4);
            for (int r = 0; r < 4; r++) {
                out.writeUTF("r" + r);
            }
            out.writeInt(train.size());
            for (int i = 0; i < train.size(); i++) {
                out.writeInt(train.head(i));
                out.writeInt(train.relation(i));
                out.writeInt(train.tail(i));
            }
            reader.parameters().write(out);
        });
        ReaderFile.Trained back = ReaderFile.read(file);
        assertThat(back.reader().architecture()).isEqualTo(GraphReader.Architecture.JOINT);
        assertThat(back.retriever()).isInstanceOf(KHopRetriever.class);
        KHopRetriever k = (KHopRetriever) back.retriever();
        assertThat(new int[] {k.hops(), k.fanOut(), k.maxEntities(), k.maxEdges()}).containsExactly(2, 8, 10, 20);
    }
}
