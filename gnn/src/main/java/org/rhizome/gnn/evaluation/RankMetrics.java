package org.rhizome.gnn.evaluation;

/**
 * Summary of a set of ranks (1 is best).
 *
 * @param mrr    mean reciprocal rank, the mean of {@code 1 / rank} (for realistic ranks, of {@code 1 / realistic
 *               rank}, not the mean of the optimistic and pessimistic reciprocals); NaN when {@code count} is 0
 * @param mr     mean rank; NaN when {@code count} is 0
 * @param hits1  share of ranks {@code <= 1}, in {@code [0, 1]}; NaN when {@code count} is 0
 * @param hits3  share of ranks {@code <= 3} (a realistic rank of 3.5 is not a hit); NaN when {@code count} is 0
 * @param hits10 share of ranks {@code <= 10}; NaN when {@code count} is 0
 * @param count  number of ranks (queries) summarised
 */
public record RankMetrics(double mrr, double mr, double hits1, double hits3, double hits10, long count) {
    /** The metrics of no ranks. */
    public static final RankMetrics EMPTY = new RankMetrics(Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, 0);

    public RankMetrics {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
    }

    /** Sums ranks in the order given; {@link #metrics()} divides. Not thread-safe. */
    static final class Accumulator {
        private double reciprocalSum;
        private double rankSum;
        private long hits1;
        private long hits3;
        private long hits10;
        private long count;

        void add(double rank) {
            reciprocalSum += 1.0 / rank;
            rankSum += rank;
            if (rank <= 1) {
                hits1++;
            }
            if (rank <= 3) {
                hits3++;
            }
            if (rank <= 10) {
                hits10++;
            }
            count++;
        }

        RankMetrics metrics() {
            if (count == 0) {
                return EMPTY;
            }
            double c = count;
            return new RankMetrics(reciprocalSum / c, rankSum / c, hits1 / c, hits3 / c, hits10 / c, count);
        }
    }
}
