package org.rhizome.gnn.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

class FilterIndexTest {
    private static TripleSet triples(int[]... hrt) {
        int[] h = new int[hrt.length];
        int[] r = new int[hrt.length];
        int[] t = new int[hrt.length];
        for (int i = 0; i < hrt.length; i++) {
            h[i] = hrt[i][0];
            r[i] = hrt[i][1];
            t[i] = hrt[i][2];
        }
        return new TripleSet(h, r, t);
    }

    @Test
    void unionOfSetsAnswersKnownTailsAndHeadsSortedWithoutDuplicates() {
        TripleSet train = triples(new int[] {0, 1, 5}, new int[] {0, 1, 2}, new int[] {0, 2, 3}, new int[] {4, 1, 2});
        TripleSet test = triples(new int[] {0, 1, 4}, new int[] {0, 1, 2}); // (0,1,2) again

        FilterIndex f = FilterIndex.of(train, test);

        assertThat(f.size()).isEqualTo(5);
        assertThat(f.knownTails(0, 1)).containsExactly(2, 4, 5);
        assertThat(f.knownTails(0, 2)).containsExactly(3);
        assertThat(f.knownTails(0, 0)).isEmpty();
        assertThat(f.knownHeads(1, 2)).containsExactly(0, 4);
        assertThat(f.knownHeads(2, 3)).containsExactly(0);
        assertThat(f.contains(0, 1, 4)).isTrue();
        assertThat(f.contains(4, 1, 0)).isFalse();
        assertThat(f.contains(0, 2, 2)).isFalse();
    }

    @Test
    void unknownOrOutOfRangeIdsHaveNoAnswers() {
        FilterIndex f = FilterIndex.of(triples(new int[] {0, 0, 1}));

        assertThat(f.knownTails(7, 0)).isEmpty();
        assertThat(f.knownHeads(0, -1)).isEmpty();
        assertThat(f.knownTails(0, -1)).isEmpty();
        assertThat(f.contains(99, 0, 1)).isFalse();
        assertThat(FilterIndex.of().size()).isZero();
        assertThat(FilterIndex.of(TripleSet.empty()).knownTails(0, 0)).isEmpty();
    }

    @Test
    void agreesWithASetOfTriplesOnRandomData() {
        SplittableRandom random = new SplittableRandom(5);
        int m = 3000;
        int[] h = new int[m];
        int[] r = new int[m];
        int[] t = new int[m];
        Set<Long> truth = new HashSet<>();
        for (int i = 0; i < m; i++) {
            h[i] = random.nextInt(60);
            r[i] = random.nextInt(4);
            t[i] = random.nextInt(60);
            truth.add(key(h[i], r[i], t[i]));
        }
        FilterIndex f = FilterIndex.of(new TripleSet(h, r, t));

        assertThat(f.size()).isEqualTo(truth.size());
        for (int a = 0; a < 61; a++) {
            for (int rel = 0; rel < 5; rel++) {
                TreeSet<Integer> tails = new TreeSet<>();
                TreeSet<Integer> heads = new TreeSet<>();
                for (int b = 0; b < 61; b++) {
                    assertThat(f.contains(a, rel, b)).isEqualTo(truth.contains(key(a, rel, b)));
                    if (truth.contains(key(a, rel, b))) {
                        tails.add(b);
                    }
                    if (truth.contains(key(b, rel, a))) {
                        heads.add(b);
                    }
                }
                assertThat(f.knownTails(a, rel)).containsExactly(tails.stream().mapToInt(Integer::intValue).toArray());
                assertThat(f.knownHeads(rel, a)).containsExactly(heads.stream().mapToInt(Integer::intValue).toArray());
            }
        }
    }

    private static long key(int h, int r, int t) {
        return ((long) h * 100 + r) * 100 + t;
    }
}
