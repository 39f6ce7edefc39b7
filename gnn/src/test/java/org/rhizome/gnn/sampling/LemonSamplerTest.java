package org.rhizome.gnn.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rhizome.gnn.data.DatasetException;
import org.rhizome.gnn.data.EntityTexts;
import org.rhizome.gnn.data.FilterIndex;
import org.rhizome.gnn.data.IdMap;
import org.rhizome.gnn.data.TripleSet;

/** PCA, k-means and the LEMON sampler on data whose answers are known by construction. */
class LemonSamplerTest {

    /** Points with independent coordinates of standard deviations 5, 3, 1, 0.2 along axes 2, 0, 3, 1. */
    private static float[][] anisotropic(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[n][4];
        for (float[] p : x) {
            p[2] = (float) (5 * gauss(r)) + 10;
            p[0] = (float) (3 * gauss(r)) - 4;
            p[3] = (float) gauss(r);
            p[1] = (float) (0.2 * gauss(r));
        }
        return x;
    }

    private static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Test
    void pcaFindsTheAxesInOrderOfVariance() {
        Pca p = Pca.fit(anisotropic(20_000, 1), 3, 7);
        float[][] c = p.components();
        int[] axes = {2, 0, 3};
        double[] sd = {5, 3, 1};
        for (int i = 0; i < 3; i++) {
            assertThat(c[i][axes[i]]).as("component " + i).isCloseTo(1f, within(0.01f)); // sign made positive
            double norm = 0;
            for (float v : c[i]) {
                norm += v * v;
            }
            assertThat(norm).isCloseTo(1.0, within(1e-5));
            // sample variance within 3% of the population's
            assertThat(p.variances()[i]).isCloseTo(sd[i] * sd[i], within(0.03 * sd[i] * sd[i]));
        }
        // transform centres the data: the mean point maps near 0, a point 5 along axis 2 to about +5
        float[] shifted = {-4f, 0f, 15f, 0f};
        float[] y = p.transform(shifted);
        assertThat(y[0]).isCloseTo(5f, within(0.2f));
        assertThat(y[1]).isCloseTo(0f, within(0.2f));
    }

    /** Three tight, well-separated blobs of 50 points each. */
    private static float[][] blobs(SplittableRandom r) {
        float[][] centres = {{0, 0}, {10, 0}, {0, 10}};
        float[][] x = new float[150][];
        for (int i = 0; i < 150; i++) {
            float[] c = centres[i / 50];
            x[i] = new float[] {c[0] + (float) (0.3 * gauss(r)), c[1] + (float) (0.3 * gauss(r))};
        }
        return x;
    }

    @Test
    void kMeansRecoversSeparatedBlobs() {
        KMeans km = KMeans.fit(blobs(new SplittableRandom(3)), 3, 100, 11);
        int[] a = km.assignment();
        Set<Integer> labels = new HashSet<>();
        for (int b = 0; b < 3; b++) {
            int label = a[b * 50];
            labels.add(label);
            for (int i = b * 50; i < b * 50 + 50; i++) {
                assertThat(a[i]).as("point " + i).isEqualTo(label);
            }
        }
        assertThat(labels).hasSize(3);
        assertThat(km.inertia()).isLessThan(150 * 2 * 0.3 * 0.3 * 2); // about n * d * sigma^2, with room
        assertThat(KMeans.fit(blobs(new SplittableRandom(3)), 3, 100, 11).assignment()).isEqualTo(a); // seeded
    }

    @Test
    void negativesComeOnlyFromTheClustersNearestTheKeptEntityAndAreFiltered() {
        // entities 0..149 with text in three blobs, 150..159 without text
        float[][] vectors = new float[160][];
        float[][] b = blobs(new SplittableRandom(5));
        System.arraycopy(b, 0, vectors, 0, 150);
        // known triples: (0, 0, e) for every e of the first blob except 1 and 2
        int n = 47;
        int[] hs = new int[n];
        int[] rs = new int[n];
        int[] ts = new int[n];
        for (int i = 0; i < n; i++) {
            hs[i] = 0;
            ts[i] = 3 + i;
        }
        FilterIndex known = FilterIndex.of(new TripleSet(hs, rs, ts));
        // 3 of the blob's 50 members are allowed below; 500 tries make the uniform fallback (after every try
        // failed) a 0.94^500 = 4e-14 event
        LemonSampler s = new LemonSampler(vectors, known, new LemonSampler.Options(2, 3, 1, 500, 9));
        assertThat(s.entitiesWithText()).isEqualTo(150);
        assertThat(s.cluster(155)).isEqualTo(-1);
        assertThat(s.nearestClusters(155)).isEmpty();
        int blob0 = s.cluster(0);
        assertThat(s.nearestClusters(0)).containsExactly(blob0);
        assertThat(s.members(blob0)).hasSize(50);
        SplittableRandom rnd = new SplittableRandom(1);
        Set<Integer> drawn = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            // corrupt the tail of (0, 0, 3): entity 0 is kept, so draws come from its blob, never a known tail,
            // never the replaced 3; (0, 0, 0) is not known, so 0 may come
            drawn.add(s.corrupt(0, 0, 3, false, rnd));
        }
        assertThat(drawn).containsExactlyInAnyOrder(0, 1, 2);
        // a kept entity without text: uniform over all 160
        Set<Integer> uniform = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            uniform.add(s.corrupt(155, 0, 7, false, rnd));
        }
        assertThat(uniform).hasSizeGreaterThan(150);
        // head corruption keeps the tail: (x, 0, 60) with 60 in the second blob draws from that blob
        int blob1 = s.cluster(60);
        for (int i = 0; i < 500; i++) {
            assertThat(s.cluster(s.corrupt(20, 0, 60, true, rnd))).isEqualTo(blob1);
        }
    }

    @Test
    void anchoredOnTheReplacedEntityNegativesResembleTheTrueAnswer() {
        float[][] vectors = blobs(new SplittableRandom(5));
        LemonSampler s = new LemonSampler(vectors, null, new LemonSampler.Options(2, 3, 1, 10, 9)
                .withAnchor(LemonSampler.Anchor.REPLACED));
        SplittableRandom rnd = new SplittableRandom(4);
        for (int i = 0; i < 500; i++) {
            // tail of (0, 0, 60) replaced: drawn from 60's blob, not from the kept 0's; head of (110, 0, 20) likewise
            assertThat(s.cluster(s.corrupt(0, 0, 60, false, rnd))).isEqualTo(s.cluster(60));
            assertThat(s.cluster(s.corrupt(110, 0, 20, true, rnd))).isEqualTo(s.cluster(110));
        }
        assertThat(s.cluster(60)).isNotEqualTo(s.cluster(0));
        assertThat(s.describe()).contains("anchor=replaced");
        assertThatThrownBy(() -> LemonSampler.Anchor.parse("near")).hasMessageContaining("kept or replaced");
    }

    /**
     * A uniform share u mixes uniform draws in: with 3 blobs of 50, a negative lands outside the kept entity's blob
     * with probability u * 100/150 (LEMON never leaves it with one nearest cluster).
     */
    @Test
    void aUniformShareMixesUniformDrawsIn() {
        float[][] vectors = blobs(new SplittableRandom(5));
        for (double u : new double[] {0, 0.3, 1}) {
            LemonSampler s = new LemonSampler(vectors, null, new LemonSampler.Options(2, 3, 1, 10, 9)
                    .withUniformShare(u));
            SplittableRandom rnd = new SplittableRandom(8);
            int outside = 0;
            int draws = 30_000;
            for (int i = 0; i < draws; i++) {
                outside += s.cluster(s.corrupt(0, 0, 60, false, rnd)) != s.cluster(0) ? 1 : 0;
            }
            // binomial standard deviation at most 0.003 here: 5 of them
            assertThat(outside / (double) draws).as("share %s", u).isCloseTo(u * 100 / 150, within(0.015));
            assertThat(s.describe()).contains("uniform share=" + u);
        }
        assertThatThrownBy(() -> LemonSampler.Options.defaults().withUniformShare(1.5))
                .hasMessageContaining("uniform share").hasMessageContaining("1.5");
    }

    @Test
    void twoNearestClustersShareTheDraws() {
        float[][] vectors = blobs(new SplittableRandom(5));
        LemonSampler s = new LemonSampler(vectors, null, new LemonSampler.Options(2, 3, 2, 10, 9));
        int[] near = s.nearestClusters(0);
        assertThat(near).hasSize(2);
        assertThat(near[0]).isEqualTo(s.cluster(0));
        int[] counts = new int[3];
        SplittableRandom rnd = new SplittableRandom(2);
        int draws = 30_000;
        for (int i = 0; i < draws; i++) {
            counts[s.cluster(s.corrupt(0, 0, 5, false, rnd))]++;
        }
        // uniform over the two nearest clusters (binomial sd of a half: 0.003); the third never
        assertThat(counts[near[0]] / (double) draws).isCloseTo(0.5, within(0.02));
        assertThat(counts[near[1]] / (double) draws).isCloseTo(0.5, within(0.02));
        assertThat(counts[3 - near[0] - near[1]]).isZero();
    }

    @Test
    void tooFewEntitiesWithTextIsAClearError() {
        float[][] vectors = new float[10][];
        vectors[0] = new float[] {1, 2};
        vectors[1] = new float[] {2, 1};
        assertThatThrownBy(() -> new LemonSampler(vectors, null, new LemonSampler.Options(2, 3, 1, 10, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 of 10");
    }

    @Test
    void entityTextsReadLabelsAndDescriptionsAndNameABadLine(@TempDir Path dir) throws Exception {
        IdMap ids = new IdMap();
        ids.idOf("/m/a");
        ids.idOf("Q2");
        ids.idOf("none");
        Path f = dir.resolve("text.tsv");
        Files.writeString(f, "\uFEFF# a comment\n/m/a\tAlpha\r\nQ2\tBeta\tthe second letter\tsource\ttypes\n"
                + "unknown\tIgnored\n\n", StandardCharsets.UTF_8);
        String[] t = EntityTexts.read(f, ids);
        assertThat(t).containsExactly("Alpha", "Beta. the second letter", null);
        Files.writeString(f, "/m/a\tAlpha\nQ2 no tab here\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> EntityTexts.read(f, ids)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(":2:").hasMessageContaining("no tab");
    }
}
