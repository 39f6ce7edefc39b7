package org.rhizome.gnn.reader;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.rhizome.gnn.data.IdMap;
import org.rhizome.gnn.data.TripleSet;
import org.rhizome.gnn.io.ChecksummedFile;
import org.rhizome.graph.RhizomeException;

/**
 * A trained KG-R3 reader with what it needs to answer queries: its settings, the retriever's settings and the
 * training triples it retrieves from, the entity and relation names, and the weights; one versioned, checksummed file
 * ({@link ChecksummedFile}).
 */
public final class ReaderFile {
    /**
     * The format version written. Version 3 names the reader's architecture; version 2 named its retriever (k-hop or
     * PPR with paths); versions 1 (k-hop only) and 2 are still read, as joint-architecture readers.
     */
    public static final int VERSION = 3;
    private static final int RETRIEVER_KHOP = 0;
    private static final int RETRIEVER_PPR = 1;
    private static final byte[] MAGIC = {'R', 'Z', 'K', 'R', '3', '\n'};

    private ReaderFile() {}

    /** A reader ready to answer: {@link #predictTails} and {@link #evidence}. */
    public record Trained(GraphReader reader, ReaderTrainer.Config config, SubgraphRetriever retriever, TripleSet train,
            IdMap entities, IdMap relations) {

        /** One answer. */
        public record Prediction(int entity, String name, float score) {}

        /**
         * The {@code k} best tails of {@code (head, relation, ?)}; {@code relation} may be a reciprocal id
         * ({@code r + R}) to ask for heads.
         */
        public List<Prediction> predictTails(int head, int relation, int k) {
            float[] s = new float[entities.size()];
            ReaderTrainer.scorer(reader, retriever, entities.size(), relations.size()).scoreTails(head, relation, s);
            Integer[] order = new Integer[s.length];
            for (int i = 0; i < s.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Float.compare(s[b], s[a]));
            List<Prediction> out = new ArrayList<>();
            for (int i = 0; i < Math.min(k, order.length); i++) {
                out.add(new Prediction(order[i], entities.name(order[i]), s[order[i]]));
            }
            return out;
        }

        /** The subgraph the reader reads for {@code (head, relation, ?)}: the evidence behind its answers. */
        public Subgraph evidence(int head, int relation) {
            return retriever.retrieve(head, relation, -1, new Random(31L * head + relation));
        }

        /** A path of subgraph edges from the head, with the mean attention the query gave its edges. */
        public record Path(int[] edges, float attention) {}

        /**
         * The paths of the evidence from the head to {@code answer} (when the answer is in it), at most as long as
         * the retriever's hops, best first by the mean last-layer attention of the query on their edges
         * ({@link GraphReader#edgeAttention}); edges may be walked against their direction.
         */
        public List<Path> attendedPaths(int head, int relation, int answer, int limit) {
            Subgraph s = evidence(head, relation);
            float[] w = reader.edgeAttention(new GraphReader.Query(head, relation, s));
            int target = -1;
            for (int i = 0; i < s.entities().length; i++) {
                if (s.entities()[i] == answer) {
                    target = i;
                }
            }
            List<Path> out = new ArrayList<>();
            if (target < 0) {
                return out;
            }
            walk(s, w, 0, target, new ArrayList<>(), new boolean[s.entities().length], retriever.pathLength(), out);
            out.sort((a, b) -> Float.compare(b.attention(), a.attention()));
            return out.subList(0, Math.min(limit, out.size()));
        }

        private static void walk(Subgraph s, float[] w, int at, int target, List<Integer> path, boolean[] seen,
                int left, List<Path> out) {
            if (at == target && !path.isEmpty()) {
                float sum = 0;
                for (int e : path) {
                    sum += w[e];
                }
                out.add(new Path(path.stream().mapToInt(Integer::intValue).toArray(), sum / path.size()));
                return;
            }
            if (left == 0 || out.size() > 10_000) {
                return;
            }
            seen[at] = true;
            for (int e = 0; e < s.src().length; e++) {
                int next = s.src()[e] == at ? s.dst()[e] : s.dst()[e] == at ? s.src()[e] : -1;
                if (next >= 0 && !seen[next]) {
                    path.add(e);
                    walk(s, w, next, target, path, seen, left - 1, out);
                    path.remove(path.size() - 1);
                }
            }
            seen[at] = false;
        }
    }

    /** Whether {@code file} starts with this format's magic. */
    public static boolean looksLike(Path file) {
        return ChecksummedFile.startsWith(file, MAGIC);
    }

    public static void write(Trained t, Path file) {
        ChecksummedFile.write(file, "KG-R3 model file", out -> {
            out.write(MAGIC);
            out.writeInt(VERSION);
            ReaderTrainer.Config c = t.config();
            out.writeInt(c.model());
            out.writeInt(c.heads());
            out.writeInt(c.layers());
            out.writeInt(c.epochs());
            out.writeInt(c.batchSize());
            out.writeFloat(c.learningRate());
            out.writeFloat(c.labelSmoothing());
            out.writeFloat(c.dropout());
            out.writeLong(c.seed());
            out.writeInt(c.architecture().ordinal());
            if (t.retriever() instanceof KHopRetriever r) {
                out.writeInt(RETRIEVER_KHOP);
                out.writeInt(r.hops());
                out.writeInt(r.fanOut());
                out.writeInt(r.maxEntities());
                out.writeInt(r.maxEdges());
            } else if (t.retriever() instanceof PprRetriever r) {
                PprRetriever.Options po = r.options();
                out.writeInt(RETRIEVER_PPR);
                out.writeInt(po.maxEntities());
                out.writeInt(po.maxEdges());
                out.writeDouble(po.alpha());
                out.writeDouble(po.epsilon());
                out.writeInt(po.pathsPerRelation());
                out.writeInt(po.sampledPerRelation());
                out.writeInt(po.fanOut());
                out.writeLong(po.seed());
            } else {
                throw new IllegalArgumentException("cannot save a reader with retriever "
                        + t.retriever().getClass().getName());
            }
            names(out, t.entities());
            names(out, t.relations());
            out.writeInt(t.train().size());
            for (int i = 0; i < t.train().size(); i++) {
                out.writeInt(t.train().head(i));
                out.writeInt(t.train().relation(i));
                out.writeInt(t.train().tail(i));
            }
            t.reader().parameters().write(out);
        });
    }

    private record Parsed(Trained trained, Map<String, float[]> values) {}

    public static Trained read(Path file) {
        Parsed p = ChecksummedFile.read(file, "KG-R3 model file", in -> {
            if (!Arrays.equals(in.readNBytes(MAGIC.length), MAGIC)) {
                throw new RhizomeException(file + " is not a KG-R3 model file");
            }
            int version = in.readInt();
            if (version < 1 || version > VERSION) {
                throw new RhizomeException(file + " has KG-R3 format version " + version + "; this build reads "
                        + "1 to " + VERSION);
            }
            int model = in.readInt();
            int heads = in.readInt();
            int layers = in.readInt();
            int epochs = in.readInt();
            int batch = in.readInt();
            float lr = in.readFloat();
            float smoothing = in.readFloat();
            float dropout = in.readFloat();
            long seed = in.readLong();
            int arch = version < 3 ? GraphReader.Architecture.JOINT.ordinal() : in.readInt();
            if (arch < 0 || arch >= GraphReader.Architecture.values().length) {
                throw new RhizomeException(file + " names reader architecture " + arch + ", unknown: corrupted");
            }
            ReaderTrainer.Config c = new ReaderTrainer.Config(model, heads, layers, epochs, batch, lr, smoothing,
                    dropout, seed, GraphReader.Architecture.values()[arch]);
            int kind = version == 1 ? RETRIEVER_KHOP : in.readInt();
            int[] khop = null;
            PprRetriever.Options ppr = null;
            if (kind == RETRIEVER_KHOP) {
                khop = new int[] {in.readInt(), in.readInt(), in.readInt(), in.readInt()};
            } else if (kind == RETRIEVER_PPR) {
                try {
                    ppr = new PprRetriever.Options(in.readInt(), in.readInt(), in.readDouble(), in.readDouble(),
                            in.readInt(), in.readInt(), in.readInt(), in.readLong());
                } catch (IllegalArgumentException e) {
                    throw new RhizomeException(file + ": bad retriever options: " + e.getMessage(), e);
                }
            } else {
                throw new RhizomeException(file + " names retriever kind " + kind + ", unknown: corrupted");
            }
            IdMap entities = names(in, file);
            IdMap relations = names(in, file);
            int n = in.readInt();
            if (n < 0 || n > 100_000_000) {
                throw new RhizomeException(file + " declares " + n + " training triples: corrupted");
            }
            int[] h = new int[n];
            int[] r = new int[n];
            int[] t = new int[n];
            for (int i = 0; i < n; i++) {
                h[i] = in.readInt();
                r[i] = in.readInt();
                t[i] = in.readInt();
                if (h[i] < 0 || h[i] >= entities.size() || t[i] < 0 || t[i] >= entities.size() || r[i] < 0
                        || r[i] >= relations.size()) {
                    throw new RhizomeException(file + ": training triple " + i + " is out of range: corrupted");
                }
            }
            TripleSet train = new TripleSet(h, r, t);
            SubgraphRetriever retriever;
            try {
                retriever = khop != null
                        ? new KHopRetriever(train, entities.size(), relations.size(), khop[0], khop[1], khop[2],
                                khop[3])
                        : new PprRetriever(train, entities.size(), relations.size(), ppr);
            } catch (IllegalArgumentException e) {
                throw new RhizomeException(file + ": bad retriever options: " + e.getMessage(), e);
            }
            GraphReader reader;
            try {
                reader = c.newReader(entities.size(), 2 * relations.size());
            } catch (IllegalArgumentException e) {
                throw new RhizomeException(file + ": bad reader settings: " + e.getMessage(), e);
            }
            return new Parsed(new Trained(reader, c, retriever, train, entities, relations),
                    reader.parameters().read(in, file.toString()));
        });
        p.trained().reader().parameters().install(p.values());
        return p.trained();
    }

    private static void names(DataOutputStream out, IdMap names) throws IOException {
        out.writeInt(names.size());
        for (String s : names.names()) {
            out.writeUTF(s);
        }
    }

    private static IdMap names(DataInputStream in, Path file) throws IOException {
        int n = in.readInt();
        if (n < 1 || n > 50_000_000) {
            throw new RhizomeException(file + " declares " + n + " names: corrupted");
        }
        IdMap m = new IdMap();
        for (int i = 0; i < n; i++) {
            m.idOf(in.readUTF());
        }
        if (m.size() != n) {
            throw new RhizomeException(file + " repeats a name: corrupted");
        }
        return m;
    }
}
