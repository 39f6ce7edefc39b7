package org.rhizome.gnn.reasoning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Kinship reasoning examples in CLUTRR's form, generated from random family trees written for this project (not
 * CLUTRR's generator): each example is a chain of {@code k} kinship edges {@code u -r-> v}, read "v is the r of u",
 * and the label is the relation of the chain's last person to its first, computed from the tree.
 *
 * <p>A tree grows for a few generations from founding couples; every child may marry someone from outside and have
 * children in turn. Twenty relations are defined on it: parent (father, mother), child (son, daughter), sibling
 * (brother, sister), spouse (husband, wife), grandparent, grandchild, uncle/aunt (a parent's sibling),
 * nephew/niece (a sibling's child), parent-in-law (a spouse's parent) and child-in-law (a child's spouse), gendered
 * by the second person. A chain is a random walk along defined relations that visits no person twice; it is kept only
 * when its two ends are related by one of the twenty.
 */
public final class KinshipGenerator {
    /** The twenty relation labels, in vocabulary order. */
    public static final List<String> RELATIONS = List.of("father", "mother", "son", "daughter", "brother", "sister",
            "husband", "wife", "grandfather", "grandmother", "grandson", "granddaughter", "uncle", "aunt", "nephew",
            "niece", "father-in-law", "mother-in-law", "son-in-law", "daughter-in-law");

    private final Random random;

    /** A generator drawing from {@code random}. */
    public KinshipGenerator(Random random) {
        this.random = random;
    }

    /** A vocabulary of {@link #RELATIONS}. */
    public static Vocabulary vocabulary() {
        return Vocabulary.of(RELATIONS);
    }

    /** {@code count} examples with chains of {@code hops} edges, labels mapped through {@link #vocabulary()}. */
    public List<ReasoningExample> generate(int count, int hops) {
        if (hops < 1) {
            throw new IllegalArgumentException("a chain needs at least one edge, got " + hops);
        }
        List<ReasoningExample> out = new ArrayList<>(count);
        Family family = null;
        int fromFamily = 0;
        int triesHere = 0;
        long attempts = 0;
        while (out.size() < count) {
            if (family == null || fromFamily >= 20 || triesHere >= 200) {
                family = Family.grow(random);
                fromFamily = 0;
                triesHere = 0;
            }
            triesHere++;
            if (++attempts > 1000L * (count + 10)) {
                throw new IllegalStateException("could not generate " + count + " chains of " + hops + " hops");
            }
            ReasoningExample x = family.chain(random, hops, "kinship:" + out.size());
            if (x != null) {
                out.add(x);
                fromFamily++;
            }
        }
        return out;
    }

    /** The relation id of {@code b} to {@code a} in {@code family}, or -1 (package-private for tests). */
    static int relation(Family family, int a, int b) {
        return family.relation(a, b);
    }

    /** A family tree: gender, two parents (or -1), one spouse (or -1) per person. */
    static final class Family {
        final List<Boolean> male = new ArrayList<>();
        final List<int[]> parents = new ArrayList<>();
        final List<Integer> spouse = new ArrayList<>();
        final List<List<Integer>> children = new ArrayList<>();

        int person(boolean isMale, int father, int mother) {
            male.add(isMale);
            parents.add(new int[] {father, mother});
            spouse.add(-1);
            children.add(new ArrayList<>());
            int id = male.size() - 1;
            if (father >= 0) {
                children.get(father).add(id);
                children.get(mother).add(id);
            }
            return id;
        }

        void marry(int a, int b) {
            spouse.set(a, b);
            spouse.set(b, a);
        }

        static Family grow(Random random) {
            Family f = new Family();
            List<int[]> couples = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                int h = f.person(true, -1, -1);
                int w = f.person(false, -1, -1);
                f.marry(h, w);
                couples.add(new int[] {h, w});
            }
            for (int generation = 0; generation < 3; generation++) {
                List<int[]> next = new ArrayList<>();
                for (int[] couple : couples) {
                    int kids = 1 + random.nextInt(3);
                    for (int k = 0; k < kids; k++) {
                        boolean isMale = random.nextBoolean();
                        int child = f.person(isMale, couple[0], couple[1]);
                        if (generation < 2 && random.nextDouble() < 0.8) {
                            int partner = f.person(!isMale, -1, -1);
                            f.marry(child, partner);
                            next.add(isMale ? new int[] {child, partner} : new int[] {partner, child});
                        }
                    }
                }
                couples = next;
            }
            return f;
        }

        int size() {
            return male.size();
        }

        boolean isParent(int p, int c) {
            int[] ps = parents.get(c);
            return ps[0] == p || ps[1] == p;
        }

        boolean siblings(int a, int b) {
            int[] pa = parents.get(a);
            int[] pb = parents.get(b);
            return a != b && pa[0] >= 0 && pa[0] == pb[0] && pa[1] == pb[1];
        }

        boolean isGrandparent(int g, int c) {
            for (int p : parents.get(c)) {
                if (p >= 0 && isParent(g, p)) {
                    return true;
                }
            }
            return false;
        }

        /** The relation id of {@code b} to {@code a} ("b is the r of a"), or -1. */
        int relation(int a, int b) {
            if (a == b) {
                return -1;
            }
            int g = male.get(b) ? 0 : 1;
            if (isParent(b, a)) {
                return g; // father, mother
            }
            if (isParent(a, b)) {
                return 2 + g; // son, daughter
            }
            if (siblings(a, b)) {
                return 4 + g;
            }
            if (spouse.get(a) == b) {
                return 6 + g; // husband, wife
            }
            if (isGrandparent(b, a)) {
                return 8 + g;
            }
            if (isGrandparent(a, b)) {
                return 10 + g;
            }
            for (int p : parents.get(a)) {
                if (p >= 0 && siblings(p, b)) {
                    return 12 + g; // uncle, aunt
                }
            }
            for (int p : parents.get(b)) {
                if (p >= 0 && siblings(a, p)) {
                    return 14 + g; // nephew, niece
                }
            }
            int s = spouse.get(a);
            if (s >= 0 && isParent(b, s)) {
                return 16 + g; // father-in-law, mother-in-law
            }
            int sb = spouse.get(b);
            if (sb >= 0 && isParent(a, sb)) {
                return 18 + g; // son-in-law, daughter-in-law
            }
            return -1;
        }

        /** A random chain of {@code hops} related people with a related pair of ends, or null. */
        ReasoningExample chain(Random random, int hops, String origin) {
            int n = size();
            int[] people = new int[hops + 1];
            int[] rel = new int[hops];
            people[0] = random.nextInt(n);
            Set<Integer> used = new HashSet<>();
            used.add(people[0]);
            int[] candidates = new int[n];
            for (int step = 0; step < hops; step++) {
                int a = people[step];
                int c = 0;
                for (int b = 0; b < n; b++) {
                    if (!used.contains(b) && relation(a, b) >= 0) {
                        candidates[c++] = b;
                    }
                }
                if (c == 0) {
                    return null;
                }
                int b = candidates[random.nextInt(c)];
                rel[step] = relation(a, b);
                people[step + 1] = b;
                used.add(b);
            }
            int label = relation(people[0], people[hops]);
            if (label < 0) {
                return null;
            }
            int[] src = new int[hops];
            int[] dst = new int[hops];
            for (int i = 0; i < hops; i++) {
                src[i] = i;
                dst[i] = i + 1;
            }
            return new ReasoningExample(hops + 1, src, dst, Arrays.copyOf(rel, hops), 0, hops, label, hops, 1, origin);
        }
    }
}
