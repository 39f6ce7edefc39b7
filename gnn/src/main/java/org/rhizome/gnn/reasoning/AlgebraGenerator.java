package org.rhizome.gnn.reasoning;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Training graphs for a {@link RelationAlgebra}, in the form of EpiGNN's RCC-8 and interval-algebra benchmarks:
 * {@code b} parallel branches of {@code k} labelled edges each from a source (node 0) to a sink (the last node),
 * labelled with the single relation that algebraic closure entails between source and sink. Balanced: the same number
 * of graphs per relation.
 *
 * <p>Written for this project from the benchmark's description; a simplification of the reference generator
 * ({@code comp_dataset_generator.py}), said plainly: each branch here is a chain of {@code k} relations drawn
 * uniformly among all chains of that length whose composition contains the target relation, and branches are drawn
 * until the intersection of their compositions is exactly the target; the reference grows long branches from 2-edge
 * chains by substituting edges with short chains of the same closure, which gives a different (not uniform)
 * distribution over chains. Single chains longer than the enumerated pool (k >= 5 for RCC-8) are grown the
 * reference's way ({@link #grownChain}). Test graphs with nested sub-branches (the published k >= 5 files) are not
 * generated.
 */
public final class AlgebraGenerator {
    private final RelationAlgebra algebra;
    private final Random random;

    public AlgebraGenerator(RelationAlgebra algebra, Random random) {
        this.algebra = algebra;
        this.random = random;
    }

    /** {@code perRelation} graphs for each relation, with {@code branches} branches of {@code hops} edges. */
    public List<ReasoningExample> generate(int hops, int branches, int perRelation) {
        if (hops < 1 || branches < 1 || perRelation < 0) {
            throw new IllegalArgumentException("hops, branches >= 1 and perRelation >= 0, got " + hops + ", "
                    + branches + ", " + perRelation);
        }
        int r = algebra.size();
        // every chain of `hops` relations (up to 8^4 = 4096 for RCC-8 at k = 4) with its composition, when small;
        // random chains otherwise
        long total = (long) Math.pow(r, hops);
        int poolSize = (int) Math.min(total, 20_000);
        int[][] chains = new int[poolSize][hops];
        int[] closures = new int[poolSize];
        for (int c = 0; c < poolSize; c++) {
            long code = total <= 20_000 ? c : (long) (random.nextDouble() * total);
            int set = 1 << algebra.identity();
            for (int h = 0; h < hops; h++) {
                chains[c][h] = (int) (code % r);
                code /= r;
                set = algebra.composeSets(set, 1 << chains[c][h]);
            }
            closures[c] = set;
        }
        List<ReasoningExample> out = new ArrayList<>();
        for (int label = 0; label < r; label++) {
            List<Integer> containing = new ArrayList<>();
            List<Integer> exact = new ArrayList<>();
            for (int c = 0; c < poolSize; c++) {
                if ((closures[c] & (1 << label)) != 0) {
                    containing.add(c);
                }
                if (closures[c] == 1 << label) {
                    exact.add(c);
                }
            }
            for (int s = 0; s < perRelation; s++) {
                String origin = "generated:" + algebra.name() + ":k" + hops + ":b" + branches + ":" + out.size();
                if (branches == 1 && (exact.isEmpty() || total > poolSize)) {
                    out.add(graph(new int[][] {grownChain(label, hops)}, new int[] {0}, hops, label, origin));
                } else if (branches == 1) {
                    out.add(graph(chains, new int[] {exact.get(random.nextInt(exact.size()))}, hops, label, origin));
                } else {
                    if (containing.isEmpty()) {
                        throw new IllegalStateException("no chain of " + hops + " relations composes to include "
                                + algebra.labels().get(label));
                    }
                    out.add(graph(chains, pick(containing, closures, branches, label), hops, label, origin));
                }
            }
        }
        return out;
    }

    /**
     * A chain of {@code hops} relations whose composition is exactly {@code label}, grown as the reference generator
     * grows long paths: start from a random 2-relation chain composing to exactly {@code label}, then replace a
     * random edge {@code l'} by a random 2-relation chain composing to exactly {@code l'}, which leaves the
     * composition unchanged, until the chain is long enough. Used for single chains longer than the enumerated
     * pool.
     */
    int[] grownChain(int label, int hops) {
        if (hops == 1) {
            return new int[] {label};
        }
        int r = algebra.size();
        List<List<int[]>> twoEdge = new ArrayList<>();
        for (int l = 0; l < r; l++) {
            twoEdge.add(new ArrayList<>());
        }
        for (int a = 0; a < r; a++) {
            for (int b = 0; b < r; b++) {
                int c = algebra.compose(a, b);
                if (Integer.bitCount(c) == 1) {
                    twoEdge.get(Integer.numberOfTrailingZeros(c)).add(new int[] {a, b});
                }
            }
        }
        List<Integer> chain = new ArrayList<>();
        int[] first = twoEdge.get(label).get(random.nextInt(twoEdge.get(label).size()));
        chain.add(first[0]);
        chain.add(first[1]);
        while (chain.size() < hops) {
            int at = random.nextInt(chain.size());
            List<int[]> options = twoEdge.get(chain.get(at));
            int[] sub = options.get(random.nextInt(options.size()));
            chain.set(at, sub[0]);
            chain.add(at + 1, sub[1]);
        }
        return chain.stream().mapToInt(Integer::intValue).toArray();
    }

    private int[] pick(List<Integer> containing, int[] closures, int branches, int label) {
        for (int attempt = 0; attempt < 100_000; attempt++) {
            int[] picked = new int[branches];
            int set = algebra.universal();
            for (int b = 0; b < branches; b++) {
                picked[b] = containing.get(random.nextInt(containing.size()));
                set &= closures[picked[b]];
            }
            if (set == 1 << label) {
                return picked;
            }
        }
        throw new IllegalStateException("could not draw " + branches + " branches whose closures meet in exactly "
                + algebra.labels().get(label));
    }

    /** Source 0, sink {@code branches * (hops - 1) + 1}, intermediate nodes numbered branch by branch. */
    private static ReasoningExample graph(int[][] chains, int[] picked, int hops, int label, String origin) {
        int branches = picked.length;
        int sink = branches * (hops - 1) + 1;
        int edges = branches * hops;
        int[] src = new int[edges];
        int[] dst = new int[edges];
        int[] rel = new int[edges];
        int e = 0;
        int next = 1;
        for (int b = 0; b < branches; b++) {
            int prev = 0;
            for (int h = 0; h < hops; h++) {
                int to = h == hops - 1 ? sink : next++;
                src[e] = prev;
                dst[e] = to;
                rel[e] = chains[picked[b]][h];
                e++;
                prev = to;
            }
        }
        return new ReasoningExample(sink + 1, src, dst, rel, 0, sink, label, hops, branches, origin);
    }
}
