package org.rhizome.benchmarks.server;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.io.ImportResult;
import org.rhizome.graph.io.Importer;

/**
 * The benchmark's knowledge graph, seeded and fully determined by its {@link Shape}: {@code entities} entities, each
 * with one {@code rdfs:label} (two pseudo-words, e.g. "Kavome Tisu") and one {@code rdf:type} (one of
 * {@code classes} classes), and {@code statements - 2 * entities} distinct relation edges over 8 relation types
 * (skewed weights) whose degrees are power-law-ish: a subject is drawn with rank {@code floor(E * u^1.5)} and an
 * object with rank {@code floor(E * u^2.5)} ({@code u} uniform), each rank mapped to an entity by its own
 * affine permutation, so in-degree falls as about {@code rank^-0.6} (the largest near 3,000 at 10^6 statements) and
 * out-degree as about {@code rank^-0.33}. Self-loops and repeats are drawn again, so the file has exactly
 * {@code statements} distinct statements.
 *
 * <p>Labels and classes are pure functions of the entity number ({@link #label(int)}, {@link #classOf(int)}), so the
 * load client builds its queries from the shape alone, without reading the store.
 *
 * <p>Main: {@code SyntheticKg <nt file> <store dir> [statements=1000000] [seed=42]} writes the N-Triples file (if
 * missing) and imports it with Rhizome's {@link Importer} into a new TDB2 store (one named graph, the catalogue in
 * the default graph). Time and memory: O(statements) time; the set of drawn edges (about 50 bytes an edge) is the
 * only thing held in memory while writing.
 */
public final class SyntheticKg {
    /** Namespace of every IRI the generator mints. */
    public static final String NS = "https://bench.rhizome.dev/";
    static final String RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label";
    static final String RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    static final String[] RELATIONS = {"relatedTo", "knows", "cites", "partOf", "locatedIn", "worksWith",
        "influencedBy", "memberOf"};
    private static final double[] RELATION_WEIGHTS = {0.30, 0.20, 0.15, 0.10, 0.08, 0.07, 0.06, 0.04};
    private static final String CONSONANTS = "bdfgklmnprstvz";
    private static final String VOWELS = "aeiou";
    private static final long PERM_SUBJECT = 1_000_003L;
    private static final long PERM_OBJECT = 998_244_353L;

    /**
     * The graph's size and seed.
     *
     * @param statements total statements ({@code 2 * entities} labels and types, the rest edges)
     * @param entities   number of entities
     * @param classes    number of classes (about {@code entities / classes} members each)
     * @param seed       seed of labels, classes and edges
     */
    public record Shape(long statements, int entities, int classes, long seed) {
        public Shape {
            if (entities < 2 || classes < 1 || statements <= 2L * entities) {
                throw new IllegalArgumentException("need entities >= 2, classes >= 1 and statements > 2 * entities, "
                        + "got statements " + statements + ", entities " + entities + ", classes " + classes);
            }
            if (statements - 2L * entities > (long) entities * (entities - 1) / 4) {
                throw new IllegalArgumentException("too many edges for " + entities + " entities");
            }
        }

        /** The benchmark's shape: one entity per 10 statements, 50 classes. */
        public static Shape of(long statements, long seed) {
            return new Shape(statements, (int) (statements / 10), 50, seed);
        }

        /** Relation edges: {@code statements - 2 * entities}. */
        public long edges() {
            return statements - 2L * entities;
        }
    }

    private final Shape shape;

    public SyntheticKg(Shape shape) {
        this.shape = shape;
    }

    public Shape shape() {
        return shape;
    }

    /** IRI of entity {@code i}, {@code 0 <= i < entities}. */
    public static String entityIri(int i) {
        return NS + "e/" + i;
    }

    /** IRI of class {@code k}. */
    public static String classIri(int k) {
        return NS + "c/" + k;
    }

    /** IRI of a relation. */
    public static String relationIri(String name) {
        return NS + "r/" + name;
    }

    /** The class of entity {@code i}. */
    public int classOf(int i) {
        return (int) Long.remainderUnsigned(mix(shape.seed() * 0x632BE59BD9B4E019L + i), shape.classes());
    }

    /** The label of entity {@code i}: two capitalised pseudo-words of 2-3 syllables each (ASCII letters, a space). */
    public String label(int i) {
        long h = mix(shape.seed() * 0x9E3779B97F4A7C15L + i + 1);
        StringBuilder sb = new StringBuilder(16);
        for (int w = 0; w < 2; w++) {
            int syllables = 2 + (int) (h & 1);
            h >>>= 1;
            for (int s = 0; s < syllables; s++) {
                char c = CONSONANTS.charAt((int) Long.remainderUnsigned(h, CONSONANTS.length()));
                h = Long.divideUnsigned(h, CONSONANTS.length());
                char v = VOWELS.charAt((int) (h % VOWELS.length()));
                h /= VOWELS.length();
                sb.append(s == 0 ? Character.toUpperCase(c) : c).append(v);
            }
            if (w == 0) {
                sb.append(' ');
                h = mix(h ^ i);
            }
        }
        return sb.toString();
    }

    /** Writes the graph as N-Triples: labels and types first, then the edges. Returns the number of lines. */
    public long writeNTriples(Path file) throws IOException {
        int n = shape.entities();
        long lines = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < n; i++) {
                String e = "<" + entityIri(i) + ">";
                w.write(e + " <" + RDFS_LABEL + "> \"" + label(i) + "\" .\n");
                w.write(e + " <" + RDF_TYPE + "> <" + classIri(classOf(i)) + "> .\n");
                lines += 2;
            }
            String[] rel = new String[RELATIONS.length];
            for (int r = 0; r < rel.length; r++) {
                rel[r] = " <" + relationIri(RELATIONS[r]) + "> ";
            }
            SplittableRandom rng = new SplittableRandom(shape.seed());
            Set<Long> seen = new HashSet<>((int) (shape.edges() * 1.5));
            long written = 0;
            while (written < shape.edges()) {
                int s = permute(rank(rng, 1.5), PERM_SUBJECT, 17);
                int o = permute(rank(rng, 2.5), PERM_OBJECT, 7919);
                int r = relation(rng.nextDouble());
                if (s == o || !seen.add(((long) s * n + o) * RELATIONS.length + r)) {
                    continue;
                }
                w.write("<" + entityIri(s) + ">" + rel[r] + "<" + entityIri(o) + "> .\n");
                written++;
            }
            lines += written;
        }
        return lines;
    }

    private int rank(SplittableRandom rng, double exponent) {
        int n = shape.entities();
        return Math.min(n - 1, (int) (n * Math.pow(rng.nextDouble(), exponent)));
    }

    private int permute(int rank, long multiplier, long offset) {
        return (int) Math.floorMod(rank * multiplier + offset, (long) shape.entities());
    }

    private static int relation(double u) {
        double acc = 0;
        for (int r = 0; r < RELATION_WEIGHTS.length - 1; r++) {
            acc += RELATION_WEIGHTS[r];
            if (u < acc) {
                return r;
            }
        }
        return RELATION_WEIGHTS.length - 1;
    }

    /** SplitMix64's finaliser: a well-mixed 64-bit hash of {@code z}. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Writes the N-Triples file if missing and imports it into a new store.
     *
     * @param args {@code <nt file> <store dir> [statements=1000000] [seed=42]}
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: SyntheticKg <nt file> <store dir> [statements=1000000] [seed=42]");
            System.exit(2);
        }
        Path nt = Path.of(args[0]);
        Path store = Path.of(args[1]);
        long statements = args.length > 2 ? (long) Double.parseDouble(args[2]) : 1_000_000L;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42L;
        SyntheticKg kg = new SyntheticKg(Shape.of(statements, seed));
        if (!Files.exists(nt)) {
            long t = System.nanoTime();
            Path tmp = nt.resolveSibling(nt.getFileName() + ".tmp");
            long lines = kg.writeNTriples(tmp);
            Files.move(tmp, nt, StandardCopyOption.REPLACE_EXISTING);
            System.out.printf(Locale.ROOT, "wrote %,d statements (%,d entities, %,d edges) to %s in %.1f s%n", lines,
                    kg.shape().entities(), kg.shape().edges(), nt, (System.nanoTime() - t) / 1e9);
        }
        if (Files.exists(store)) {
            throw new IllegalStateException(store + " exists; delete it to import again");
        }
        long t = System.nanoTime();
        try (KnowledgeGraph g = KnowledgeGraph.open(store)) {
            ImportResult r = Importer.importFile(g, nt);
            System.out.printf(Locale.ROOT, "imported %,d statements into graph %s of %s in %.1f s; the store holds %,d "
                    + "statements%n", r.statements(), r.graph().getURI(), store, (System.nanoTime() - t) / 1e9,
                    g.statementCount());
        }
    }
}
