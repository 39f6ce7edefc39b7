package org.rhizome.retrieval.subgraph;

/**
 * How many edges a node expands per hop in {@link KHopNeighbourhood}, and which ones when it has more candidates.
 *
 * <ul>
 *   <li>{@link Unlimited}: every candidate edge.</li>
 *   <li>{@link HighestDegree}: the {@code cap} edges whose far end has the highest total degree (in + out, parallel
 *       edges counted, over all relations), ties by the far end's id and then by edge id. Hubs first: the common
 *       choice when the subgraph should carry the best-connected context.</li>
 *   <li>{@link RandomSample}: {@code cap} edges drawn uniformly without replacement from a generator seeded with
 *       {@code seed} (fixed-size neighbour sampling as in GraphSAGE, Hamilton, Ying and Leskovec 2017). The same seed,
 *       graph and query give the same subgraph.</li>
 * </ul>
 */
public sealed interface FanOut permits FanOut.Unlimited, FanOut.HighestDegree, FanOut.RandomSample {

    /** Most edges a node expands per hop ({@link Integer#MAX_VALUE} when unlimited). */
    int cap();

    /** No cap. */
    static FanOut unlimited() {
        return Unlimited.INSTANCE;
    }

    /** At most {@code cap} edges per node and hop, highest-degree far ends first. */
    static FanOut highestDegree(int cap) {
        return new HighestDegree(cap);
    }

    /** At most {@code cap} edges per node and hop, a uniform sample seeded with {@code seed}. */
    static FanOut randomSample(int cap, long seed) {
        return new RandomSample(cap, seed);
    }

    /** No cap. */
    record Unlimited() implements FanOut {
        static final Unlimited INSTANCE = new Unlimited();

        @Override
        public int cap() {
            return Integer.MAX_VALUE;
        }
    }

    /** @param cap most edges per node and hop, >= 1 */
    record HighestDegree(int cap) implements FanOut {
        public HighestDegree {
            Checks.positive(cap, "fan-out cap");
        }
    }

    /**
     * @param cap  most edges per node and hop, >= 1
     * @param seed seed of the sampling generator
     */
    record RandomSample(int cap, long seed) implements FanOut {
        public RandomSample {
            Checks.positive(cap, "fan-out cap");
        }
    }
}
