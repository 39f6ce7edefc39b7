package org.rhizome.gnn.sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.rhizome.gnn.data.FilterIndex;

/**
 * LEMON negative sampling (Rony, Alam, Ali, Lehmann and Vahdati, "LEMON: LanguagE ModeL for Negative Sampling of
 * Knowledge Graph Embeddings", 2022): entities are placed by a language model's embedding of their text, grouped into
 * clusters, and a corrupted entity is drawn from the clusters nearest the entity that the negative keeps, so
 * negatives resemble what the positive is about instead of being arbitrary entities.
 *
 * <p>As built here, from the caller's text vectors (the project's all-MiniLM-L6-v2 embeddings of each entity's label
 * and description):
 * <ol>
 *   <li>the vectors of the entities that have text are reduced by PCA to {@link Options#dimensions()};</li>
 *   <li>k-means (k-means++ seeding, seeded) groups them into {@link Options#clusters()} clusters;</li>
 *   <li>for each entity with text, the {@link Options#nearest()} clusters whose centroids are nearest its reduced
 *       vector are kept, nearest first (its own cluster is usually the first);</li>
 *   <li>to corrupt {@code (h, r, t)} on one side, the anchor is the kept entity, the other side ({@code h} when the
 *       tail is replaced), or with {@link Anchor#REPLACED} the replaced one; a cluster is drawn uniformly from the
 *       anchor's nearest clusters, then a member uniformly from it; a draw that makes a known triple (the filter,
 *       normally the training triples) or repeats the replaced
 *       entity is rejected and drawn again, up to {@link Options#maxTries()} times.</li>
 * </ol>
 * With {@link Options#uniformShare()} {@code = u > 0}, each negative is first, with probability {@code u}, drawn
 * uniformly over all entities instead (unfiltered, as {@link UniformSampler}): a mix of the hard negatives above and
 * the easy ones the model also needs to see (measured on FB15k-237: LEMON alone pushes down only entities of the
 * kept or the replaced entity's kind; see {@code benchmarks/README.md}). The paper mixes nothing; this is an
 * addition.
 * Fallbacks, stated: a kept entity without text, or one whose draws all failed, gets a uniform draw over all
 * entities (unfiltered, as {@link UniformSampler}). Simplifications against the paper: clusters are fixed before
 * training (not refreshed), and the choice among the nearest clusters is uniform, not weighted by distance.
 */
public final class LemonSampler implements NegativeSampler {
    /**
     * @param dimensions PCA dimensions kept
     * @param clusters   k of k-means
     * @param nearest    clusters a negative may come from
     * @param maxTries   draws before falling back to a uniform draw
     * @param seed       seeds PCA's start and k-means
     * @param anchor     whose nearest clusters a negative comes from: the entity the negative keeps (as the issue
     *                   describes LEMON) or the one it replaces (negatives resembling the true answer)
     * @param uniformShare the probability, in [0, 1], that a negative is drawn uniformly instead (0: LEMON only)
     */
    public record Options(int dimensions, int clusters, int nearest, int maxTries, long seed, Anchor anchor,
            double uniformShare) {
        public Options {
            Objects.requireNonNull(anchor, "anchor");
            if (!(uniformShare >= 0 && uniformShare <= 1)) {
                throw new IllegalArgumentException("the uniform share of LEMON negatives must be in [0, 1], got "
                        + uniformShare);
            }
            if (dimensions < 1 || clusters < 1 || nearest < 1 || nearest > clusters || maxTries < 1) {
                throw new IllegalArgumentException("LEMON needs dimensions, clusters, tries >= 1 and nearest in [1, "
                        + "clusters]; got dimensions " + dimensions + ", clusters " + clusters + ", nearest "
                        + nearest + ", tries " + maxTries);
            }
        }

        /** Clusters nearest the kept entity, no uniform share. */
        public Options(int dimensions, int clusters, int nearest, int maxTries, long seed) {
            this(dimensions, clusters, nearest, maxTries, seed, Anchor.KEPT, 0);
        }

        /**
         * 32 PCA dimensions, 100 clusters, the 3 nearest, 10 tries, seed 0, anchored on the kept entity, no uniform
         * share.
         */
        public static Options defaults() {
            return new Options(32, 100, 3, 10, 0);
        }

        /** The same options anchored on {@code a}. */
        public Options withAnchor(Anchor a) {
            return new Options(dimensions, clusters, nearest, maxTries, seed, a, uniformShare);
        }

        /** The same options with another uniform share. */
        public Options withUniformShare(double share) {
            return new Options(dimensions, clusters, nearest, maxTries, seed, anchor, share);
        }
    }

    /** The entity whose nearest clusters negatives are drawn from. */
    public enum Anchor {
        /** The entity the negative keeps ({@code h} when the tail is replaced). */
        KEPT,
        /** The entity the negative replaces (the true answer of the positive). */
        REPLACED;

        /** Parses {@code kept} or {@code replaced} (case-insensitive). */
        public static Anchor parse(String s) {
            try {
                return valueOf(s.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the LEMON anchor must be kept or replaced, got '" + s + "'", e);
            }
        }
    }

    private final int entityCount;
    private final FilterIndex known;
    private final Options options;
    private final int[] clusterOf;
    private final int[][] nearestClusters;
    private final int[][] members;
    private final int withText;

    /**
     * @param textVectors one vector per entity id, {@code null} for an entity without text; at least
     *                    {@code clusters} entities must have one
     * @param known       triples a negative must not be (usually the training triples), or {@code null}
     */
    public LemonSampler(float[][] textVectors, FilterIndex known, Options options) {
        this.options = Objects.requireNonNull(options, "options");
        this.known = known;
        this.entityCount = textVectors.length;
        if (entityCount < 2) {
            throw new IllegalArgumentException("need at least 2 entities");
        }
        List<Integer> ids = new ArrayList<>();
        for (int e = 0; e < entityCount; e++) {
            if (textVectors[e] != null) {
                ids.add(e);
            }
        }
        this.withText = ids.size();
        if (withText < Math.max(2, options.clusters())) {
            throw new IllegalArgumentException("LEMON needs text for at least " + Math.max(2, options.clusters())
                    + " entities (the clusters), " + withText + " of " + entityCount + " have it");
        }
        float[][] x = new float[withText][];
        for (int i = 0; i < withText; i++) {
            x[i] = textVectors[ids.get(i)];
        }
        int dims = Math.min(options.dimensions(), x[0].length);
        Pca pca = Pca.fit(x, dims, options.seed());
        float[][] reduced = new float[withText][];
        for (int i = 0; i < withText; i++) {
            reduced[i] = pca.transform(x[i]);
        }
        KMeans km = KMeans.fit(reduced, options.clusters(), 100, options.seed() + 1);
        this.clusterOf = new int[entityCount];
        Arrays.fill(clusterOf, -1);
        this.nearestClusters = new int[entityCount][];
        int[] size = new int[options.clusters()];
        for (int i = 0; i < withText; i++) {
            int e = ids.get(i);
            clusterOf[e] = km.assignment()[i];
            size[clusterOf[e]]++;
            nearestClusters[e] = nearest(reduced[i], km.centroids(), options.nearest());
        }
        this.members = new int[options.clusters()][];
        for (int c = 0; c < size.length; c++) {
            members[c] = new int[size[c]];
        }
        int[] fill = new int[size.length];
        for (int i = 0; i < withText; i++) {
            int e = ids.get(i);
            members[clusterOf[e]][fill[clusterOf[e]]++] = e;
        }
    }

    private static int[] nearest(float[] v, float[][] centroids, int count) {
        Integer[] order = new Integer[centroids.length];
        double[] d = new double[centroids.length];
        for (int c = 0; c < centroids.length; c++) {
            order[c] = c;
            d[c] = KMeans.dist(v, centroids[c]);
        }
        Arrays.sort(order, (a, b) -> d[a] != d[b] ? Double.compare(d[a], d[b]) : Integer.compare(a, b));
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = order[i];
        }
        return out;
    }

    @Override
    public int corrupt(int h, int r, int t, boolean head, SplittableRandom rnd) {
        if (options.uniformShare() > 0 && rnd.nextDouble() < options.uniformShare()) {
            return rnd.nextInt(entityCount);
        }
        int kept = head ? t : h;
        int replaced = head ? h : t;
        int[] near = nearestClusters[options.anchor() == Anchor.KEPT ? kept : replaced];
        if (near != null) {
            for (int tries = 0; tries < options.maxTries(); tries++) {
                int[] m = members[near[rnd.nextInt(near.length)]];
                if (m.length == 0) {
                    continue;
                }
                int e = m[rnd.nextInt(m.length)];
                if (e == replaced) {
                    continue;
                }
                if (known != null && (head ? known.contains(e, r, t) : known.contains(h, r, e))) {
                    continue;
                }
                return e;
            }
        }
        return rnd.nextInt(entityCount);
    }

    /**
     * The text vectors LEMON clusters: {@code embedder}'s vector of each entity's text ({@code null} where the text
     * is {@code null}), embedded in the embedder's batches.
     */
    public static float[][] textVectors(String[] texts, org.rhizome.embeddings.TextEmbedder embedder) {
        List<String> present = new ArrayList<>();
        for (String t : texts) {
            if (t != null) {
                present.add(t);
            }
        }
        List<float[]> v = embedder.embedAll(present);
        float[][] out = new float[texts.length][];
        int at = 0;
        for (int e = 0; e < texts.length; e++) {
            if (texts[e] != null) {
                out[e] = v.get(at++);
            }
        }
        return out;
    }

    @Override
    public String describe() {
        return String.format(java.util.Locale.ROOT, "lemon(dimensions=%d, clusters=%d, nearest=%d, anchor=%s, "
                + "uniform share=%s, seed=%d, entities with text=%d of %d)", options.dimensions(), options.clusters(),
                options.nearest(), options.anchor().name().toLowerCase(java.util.Locale.ROOT), options.uniformShare(),
                options.seed(), withText, entityCount);
    }

    /**
     * {@link #textVectors(String[], org.rhizome.embeddings.TextEmbedder)} with the in-process all-MiniLM-L6-v2 behind
     * the persistent cache in {@code cacheDirectory} (created if needed; opened and closed here).
     */
    public static float[][] textVectors(String[] texts, java.nio.file.Path cacheDirectory) {
        try (org.rhizome.embeddings.CachingEmbedder emb = org.rhizome.embeddings.TextEmbedders.createCached(
                org.rhizome.embeddings.EmbedderConfig.defaults(), cacheDirectory)) {
            return textVectors(texts, emb);
        }
    }

    /** The cluster of entity {@code e}, or -1 if it has no text. */
    public int cluster(int e) {
        return clusterOf[e];
    }

    /** The clusters a negative keeping {@code e} is drawn from, nearest first; empty if {@code e} has no text. */
    public int[] nearestClusters(int e) {
        return nearestClusters[e] == null ? new int[0] : nearestClusters[e].clone();
    }

    /** The members of cluster {@code c}. */
    public int[] members(int c) {
        return members[c].clone();
    }

    /** Entities with text (the others fall back to uniform draws). */
    public int entitiesWithText() {
        return withText;
    }

    public Options options() {
        return options;
    }
}
