package org.rhizome.retrieval.subgraph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The small value types and helpers: relation filters, paths, the int map and the top-k heap. */
class SupportTest {
    @Test
    void relationFilterAcceptsWhatItSays() {
        assertThat(RelationFilter.all().accepts(7)).isTrue();
        assertThat(RelationFilter.all().acceptsAll()).isTrue();
        RelationFilter only = RelationFilter.only(3, 1, 3);
        assertThat(only.relations()).containsExactly(1, 3);
        assertThat(only.accepts(1)).isTrue();
        assertThat(only.accepts(2)).isFalse();
        RelationFilter except = RelationFilter.except(1);
        assertThat(except.accepts(1)).isFalse();
        assertThat(except.accepts(2)).isTrue();
        assertThat(RelationFilter.except()).isEqualTo(RelationFilter.all());
        assertThat(RelationFilter.only(1, 3)).isEqualTo(only).hasSameHashCodeAs(only);
        assertThatThrownBy(RelationFilter::only).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> RelationFilter.except(-2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-2");
    }

    @Test
    void pathsJoinCompareAndCheckSimplicity() {
        GraphPath ab = GraphPath.of(new int[] {0, 1}, new int[] {4}, new boolean[] {true});
        GraphPath bc = GraphPath.of(new int[] {1, 2}, new int[] {6}, new boolean[] {false});
        GraphPath abc = ab.concat(bc);
        assertThat(abc.nodes()).containsExactly(0, 1, 2);
        assertThat(abc.edges()).containsExactly(4, 6);
        assertThat(abc.forward()).containsExactly(true, false);
        assertThat(abc.length()).isEqualTo(2);
        assertThat(abc.isSimple()).isTrue();
        assertThat(abc.concat(GraphPath.of(new int[] {2, 0}, new int[] {5}, new boolean[] {true})).isSimple())
                .isFalse();
        assertThat(abc.toString()).isEqualTo("0 -[4]-> 1 <-[6]- 2");
        assertThat(GraphPath.BY_LENGTH_THEN_IDS.compare(ab, abc)).isNegative();
        assertThat(GraphPath.BY_LENGTH_THEN_IDS.compare(abc, abc.prefix(2))).isZero();
        assertThatThrownBy(() -> ab.concat(ab)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ending at 1").hasMessageContaining("starting at 0");
        assertThatThrownBy(() -> GraphPath.of(new int[] {0, 1}, new int[0], new boolean[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 1 edges");
        int[] nodes = {0, 1};
        GraphPath copy = GraphPath.of(nodes, new int[] {4}, new boolean[] {true});
        nodes[0] = 9;
        assertThat(copy).isEqualTo(ab);
    }

    @Test
    void intMapAgreesWithAHashMap() {
        SplittableRandom random = new SplittableRandom(1);
        IntIntMap map = new IntIntMap();
        Map<Integer, Integer> reference = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            int key = random.nextInt(5_000);
            int value = random.nextInt();
            map.put(key, value);
            reference.put(key, value);
        }
        assertThat(map.size()).isEqualTo(reference.size());
        for (int key = 0; key < 6_000; key++) {
            assertThat(map.get(key, -7)).isEqualTo(reference.getOrDefault(key, -7));
            assertThat(map.contains(key)).isEqualTo(reference.containsKey(key));
        }
        map.clear();
        assertThat(map.size()).isZero();
        assertThat(map.contains(3)).isFalse();
    }

    @Test
    void topKKeepsTheBestInOrder() {
        SplittableRandom random = new SplittableRandom(2);
        for (int k : new int[] {0, 1, 3, 10, 50}) {
            int[] values = new int[37];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextInt(10); // many ties, broken by index
            }
            TopK top = new TopK(k, (a, b) -> values[a] != values[b] ? values[a] > values[b] : a < b);
            for (int i = 0; i < values.length; i++) {
                top.offer(i);
            }
            Integer[] expected = new Integer[values.length];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = i;
            }
            Arrays.sort(expected, (a, b) -> values[a] != values[b] ? Integer.compare(values[b], values[a])
                    : Integer.compare(a, b));
            int[] want = Arrays.stream(expected).limit(k).mapToInt(Integer::intValue).toArray();
            assertThat(top.drainBestFirst()).as("k=%d", k).containsExactly(want);
        }
    }
}
