package org.rhizome.gnn.data;

/**
 * How {@link KgDataset#fromSnapshot(org.rhizome.graph.snapshot.GraphSnapshot, SplitOptions)} splits the edges of a
 * graph into train, validation and test triples.
 *
 * @param validFraction share of the triples drawn for validation, in {@code [0, 1)}
 * @param testFraction  share of the triples drawn for test, in {@code [0, 1)}; with {@code validFraction} below 1
 * @param seed          seed of the shuffle: the same snapshot and options always give the same split
 */
public record SplitOptions(double validFraction, double testFraction, long seed) {
    /** Default validation and test share: 5% each. */
    public static final double DEFAULT_FRACTION = 0.05;
    /** Default seed. */
    public static final long DEFAULT_SEED = 42L;

    public SplitOptions {
        if (!(validFraction >= 0 && validFraction < 1)) {
            throw new IllegalArgumentException("validFraction must be in [0, 1), got " + validFraction);
        }
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in [0, 1), got " + testFraction);
        }
        if (validFraction + testFraction >= 1) {
            throw new IllegalArgumentException("validFraction + testFraction must be below 1, got "
                    + validFraction + " + " + testFraction);
        }
    }

    /** 5% validation, 5% test, seed 42. */
    public static SplitOptions defaults() {
        return new SplitOptions(DEFAULT_FRACTION, DEFAULT_FRACTION, DEFAULT_SEED);
    }

    /** These options with another seed. */
    public SplitOptions withSeed(long newSeed) {
        return new SplitOptions(validFraction, testFraction, newSeed);
    }
}
