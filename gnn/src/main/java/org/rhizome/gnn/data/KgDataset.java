package org.rhizome.gnn.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

import org.rhizome.graph.snapshot.GraphSnapshot;

/**
 * A link-prediction dataset: entity and relation dictionaries and the train, validation and test triples over
 * their dense ids. Immutable once built (the {@link IdMap}s it returns must not be grown by the caller).
 *
 * <p><b>Sources.</b> {@link #fromFolder(Path)} reads the usual benchmark layout ({@code train.txt},
 * {@code valid.txt}, {@code test.txt}); {@link #fromSnapshot(GraphSnapshot, SplitOptions)} splits the edges of a
 * graph snapshot at random. A split by time or by growth iteration (train on what an earlier iteration knew, test
 * on what later ones added) is not built yet.
 *
 * <p><b>Reciprocal relations.</b> {@link #withReciprocals()} adds, for each training triple {@code (h, r, t)}, the
 * triple {@code (t, r + R, h)} where {@code R} is {@link #baseRelationCount()}, so that a model can answer a head
 * query {@code (?, r, t)} as the tail query {@code (t, r + R, ?)}. Validation and test triples are not changed.
 */
public final class KgDataset {
    /** Suffix of the name of a reciprocal relation. */
    public static final String RECIPROCAL_SUFFIX = "^-1";

    /** Split codes of {@link #fromSnapshot}. */
    private static final byte TRAIN = 0;
    private static final byte VALID = 1;
    private static final byte TEST = 2;

    private final IdMap entities;
    private final IdMap relations;
    private final TripleSet train;
    private final TripleSet valid;
    private final TripleSet test;
    private final int baseRelationCount;
    private final boolean reciprocals;

    private KgDataset(IdMap entities, IdMap relations, TripleSet train, TripleSet valid, TripleSet test,
            int baseRelationCount, boolean reciprocals) {
        this.entities = entities;
        this.relations = relations;
        this.train = train;
        this.valid = valid;
        this.test = test;
        this.baseRelationCount = baseRelationCount;
        this.reciprocals = reciprocals;
    }

    /**
     * A dataset from dictionaries and triples already built (generators, tests). Every id must be in range of its
     * dictionary.
     *
     * @throws IllegalArgumentException if a triple holds an entity or relation id without a name
     */
    public static KgDataset of(IdMap entities, IdMap relations, TripleSet train, TripleSet valid, TripleSet test) {
        Objects.requireNonNull(entities, "entities");
        Objects.requireNonNull(relations, "relations");
        checkIds("train", Objects.requireNonNull(train, "train"), entities.size(), relations.size());
        checkIds("valid", Objects.requireNonNull(valid, "valid"), entities.size(), relations.size());
        checkIds("test", Objects.requireNonNull(test, "test"), entities.size(), relations.size());
        return new KgDataset(entities, relations, train, valid, test, relations.size(), false);
    }

    private static void checkIds(String split, TripleSet set, int entityCount, int relationCount) {
        for (int i = 0; i < set.size(); i++) {
            int h = set.head(i);
            int r = set.relation(i);
            int t = set.tail(i);
            if (h < 0 || h >= entityCount || t < 0 || t >= entityCount) {
                throw new IllegalArgumentException(split + " triple " + i + " (" + h + ", " + r + ", " + t
                        + "): entity ids must be in [0, " + entityCount + ")");
            }
            if (r < 0 || r >= relationCount) {
                throw new IllegalArgumentException(split + " triple " + i + " (" + h + ", " + r + ", " + t
                        + "): relation ids must be in [0, " + relationCount + ")");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Reading a benchmark folder

    /**
     * Reads {@code train.txt}, {@code valid.txt} and {@code test.txt} from {@code dir}: UTF-8, one triple a line as
     * {@code head<TAB>relation<TAB>tail} (fields taken as they are, not trimmed). CRLF line ends, blank lines and a
     * byte-order mark at the start of a file are tolerated. {@code valid.txt} may be absent (no validation
     * triples); the other two are required.
     *
     * <p>Ids are given in order of first appearance over train, then valid, then test, so entities and relations
     * that occur only in validation or test still get ids: the evaluation protocol keeps such triples. Duplicate
     * lines are kept as they are. Time and memory O(total lines).
     *
     * @throws DatasetException if a required file is missing or unreadable, or a line does not have exactly three
     *     non-empty tab-separated fields (the message names the file, the line number and the line)
     */
    public static KgDataset fromFolder(Path dir) {
        Objects.requireNonNull(dir, "dir");
        if (!Files.isDirectory(dir)) {
            throw new DatasetException(dir.toString(), "dataset folder " + dir
                    + " does not exist or is not a directory (expected train.txt, valid.txt, test.txt in it)", null);
        }
        IdMap entities = new IdMap();
        IdMap relations = new IdMap();
        TripleSet train = readSplit(dir.resolve("train.txt"), entities, relations, true);
        TripleSet valid = readSplit(dir.resolve("valid.txt"), entities, relations, false);
        TripleSet test = readSplit(dir.resolve("test.txt"), entities, relations, true);
        return new KgDataset(entities, relations, train, valid, test, relations.size(), false);
    }

    private static TripleSet readSplit(Path file, IdMap entities, IdMap relations, boolean required) {
        if (!Files.exists(file)) {
            if (required) {
                throw new DatasetException(file.toString(), "missing dataset file " + file
                        + " (a dataset folder holds train.txt and test.txt, and optionally valid.txt)", null);
            }
            return TripleSet.empty();
        }
        TripleBuffer out = new TripleBuffer();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long lineNo = 0;
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                int tab1 = line.indexOf('\t');
                int tab2 = tab1 < 0 ? -1 : line.indexOf('\t', tab1 + 1);
                if (tab1 <= 0 || tab2 <= tab1 + 1 || tab2 == line.length() - 1 || line.indexOf('\t', tab2 + 1) >= 0) {
                    throw new DatasetException(file.toString(), lineNo, file + ":" + lineNo
                            + ": expected head<TAB>relation<TAB>tail (three non-empty tab-separated fields), got "
                            + fieldCount(line) + " field(s): \"" + excerpt(line) + "\"");
                }
                int h = entities.idOf(line.substring(0, tab1));
                int r = relations.idOf(line.substring(tab1 + 1, tab2));
                int t = entities.idOf(line.substring(tab2 + 1));
                out.add(h, r, t);
            }
        } catch (NoSuchFileException e) {
            throw new DatasetException(file.toString(), "missing dataset file " + file, e);
        } catch (IOException e) {
            throw new DatasetException(file.toString(), "cannot read dataset file " + file + " as UTF-8 text: " + e,
                    e);
        }
        return out.toTripleSet();
    }

    private static int fieldCount(String line) {
        return line.split("\t", -1).length;
    }

    private static String excerpt(String line) {
        String shown = line.replace("\t", "\\t");
        return shown.length() <= 200 ? shown : shown.substring(0, 200) + "...";
    }

    // ---------------------------------------------------------------------------------------------------------
    // Splitting a snapshot

    /**
     * Every edge of {@code snapshot} as a triple, split at random into train, validation and test. Entity and
     * relation ids are the snapshot's own ids (names are the IRIs), so results map straight back to the graph.
     *
     * <p><b>Split.</b> The edges (in edge-id order) are shuffled with a {@link SplittableRandom} seeded with
     * {@link SplitOptions#seed()}; the first {@code round(m * testFraction)} are drawn for test, the next
     * {@code round(m * validFraction)} for validation, the rest are train. Then each drawn triple, test first and in
     * shuffled order, whose head, tail or relation would not occur in any train triple is moved to train (and counts
     * as train for the triples after it). So every entity and relation of the validation and test sets is seen in
     * training, and the held-out shares can end up below the fractions asked for (on sparse graphs, well below).
     * Each split lists its triples in edge-id order.
     *
     * <p>Deterministic: the same snapshot and options give the same split. Time O(m + n), memory O(m + n).
     */
    public static KgDataset fromSnapshot(GraphSnapshot snapshot, SplitOptions options) {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(options, "options");
        int n = snapshot.entityCount();
        int relCount = snapshot.relationCount();
        int m = snapshot.edgeCount();
        IdMap entities = new IdMap();
        for (int i = 0; i < n; i++) {
            entities.idOf(snapshot.entityIri(i));
        }
        IdMap relations = new IdMap();
        for (int i = 0; i < relCount; i++) {
            relations.idOf(snapshot.relationIri(i));
        }
        int[] heads = new int[m];
        int[] rels = new int[m];
        int[] tails = new int[m];
        for (int v = 0; v < n; v++) {
            for (int e = snapshot.outStart(v); e < snapshot.outEnd(v); e++) {
                heads[e] = v;
                rels[e] = snapshot.relation(e);
                tails[e] = snapshot.target(e);
            }
        }

        int[] order = new int[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(options.seed());
        for (int i = m - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        int testCount = (int) Math.round(m * options.testFraction());
        int validCount = (int) Math.min(m - testCount, Math.round(m * options.validFraction()));
        byte[] split = new byte[m]; // TRAIN by default
        for (int i = 0; i < testCount; i++) {
            split[order[i]] = TEST;
        }
        for (int i = testCount; i < testCount + validCount; i++) {
            split[order[i]] = VALID;
        }
        int[] entityInTrain = new int[n];
        int[] relationInTrain = new int[relCount];
        for (int e = 0; e < m; e++) {
            if (split[e] == TRAIN) {
                entityInTrain[heads[e]]++;
                entityInTrain[tails[e]]++;
                relationInTrain[rels[e]]++;
            }
        }
        for (int i = 0; i < testCount + validCount; i++) {
            int e = order[i];
            if (entityInTrain[heads[e]] == 0 || entityInTrain[tails[e]] == 0 || relationInTrain[rels[e]] == 0) {
                split[e] = TRAIN;
                entityInTrain[heads[e]]++;
                entityInTrain[tails[e]]++;
                relationInTrain[rels[e]]++;
            }
        }
        TripleBuffer train = new TripleBuffer();
        TripleBuffer valid = new TripleBuffer();
        TripleBuffer test = new TripleBuffer();
        for (int e = 0; e < m; e++) {
            TripleBuffer to = split[e] == TRAIN ? train : split[e] == VALID ? valid : test;
            to.add(heads[e], rels[e], tails[e]);
        }
        return new KgDataset(entities, relations, train.toTripleSet(), valid.toTripleSet(), test.toTripleSet(),
                relCount, false);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Reciprocals

    /**
     * This dataset with reciprocal relations: train gains {@code (t, r + R, h)} for each of its triples
     * {@code (h, r, t)} ({@code R} = {@link #baseRelationCount()}), after the original ones; the relation
     * dictionary is a copy with {@code name + "^-1"} appended for each relation; validation and test are unchanged;
     * {@link #relationCount()} doubles. Returns this dataset if it already has reciprocals.
     *
     * @throws IllegalStateException if a relation is already named like the reciprocal of another
     */
    public KgDataset withReciprocals() {
        if (reciprocals) {
            return this;
        }
        int r = relations.size();
        IdMap doubled = new IdMap();
        for (int i = 0; i < r; i++) {
            doubled.idOf(relations.name(i));
        }
        for (int i = 0; i < r; i++) {
            String name = relations.name(i) + RECIPROCAL_SUFFIX;
            if (doubled.idOf(name) != r + i) {
                throw new IllegalStateException("cannot add reciprocal relations: a relation is already named "
                        + name);
            }
        }
        return new KgDataset(entities, doubled, train.concat(train.reciprocal(r)), valid, test, r, true);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Accessors

    /** Entity names by id. Must not be grown. */
    public IdMap entities() {
        return entities;
    }

    /** Relation names by id, including the reciprocal ones when {@link #hasReciprocals()}. Must not be grown. */
    public IdMap relations() {
        return relations;
    }

    /** Training triples (with the reciprocal ones after the originals when {@link #hasReciprocals()}). */
    public TripleSet train() {
        return train;
    }

    /** Validation triples (possibly none). */
    public TripleSet valid() {
        return valid;
    }

    /** Test triples. */
    public TripleSet test() {
        return test;
    }

    /** Number of entities. */
    public int entityCount() {
        return entities.size();
    }

    /** Number of relations, including the reciprocal ones when {@link #hasReciprocals()}. */
    public int relationCount() {
        return relations.size();
    }

    /** Number of relations of the data itself, without reciprocals: {@code R} in {@code r + R}. */
    public int baseRelationCount() {
        return baseRelationCount;
    }

    /** Whether train holds the reciprocal triples (see {@link #withReciprocals()}). */
    public boolean hasReciprocals() {
        return reciprocals;
    }

    @Override
    public String toString() {
        return "KgDataset[" + entityCount() + " entities, " + relationCount() + " relations"
                + (reciprocals ? " (with reciprocals)" : "") + ", train " + train.size() + ", valid " + valid.size()
                + ", test " + test.size() + "]";
    }

    /** Growable parallel int arrays. */
    private static final class TripleBuffer {
        private int[] h = new int[256];
        private int[] r = new int[256];
        private int[] t = new int[256];
        private int size;

        void add(int head, int relation, int tail) {
            if (size == h.length) {
                int cap = (int) Math.min(Integer.MAX_VALUE - 8L, h.length * 2L);
                h = Arrays.copyOf(h, cap);
                r = Arrays.copyOf(r, cap);
                t = Arrays.copyOf(t, cap);
            }
            h[size] = head;
            r[size] = relation;
            t[size] = tail;
            size++;
        }

        TripleSet toTripleSet() {
            return new TripleSet(Arrays.copyOf(h, size), Arrays.copyOf(r, size), Arrays.copyOf(t, size));
        }
    }
}
