package org.rhizome.retrieval.subgraph;

import java.util.Objects;

/**
 * Settings of a {@link WaypointPathSampler} run.
 *
 * @param samples           how many distinct paths to return at most, >= 0
 * @param waypoints         random waypoints per path, >= 0 (0 samples among the shortest paths)
 * @param direction         which way edges may be walked
 * @param relations         which relations may be used
 * @param allowRevisits     keep paths that visit a node twice (otherwise such samples are dropped)
 * @param attemptsPerSample draws allowed per requested path, >= 1: the run stops after
 *                          {@code samples * attemptsPerSample} draws even if it found fewer paths
 * @param seed              seed of the random generator; the same seed gives the same paths
 */
public record SamplingOptions(int samples, int waypoints, Direction direction, RelationFilter relations,
        boolean allowRevisits, int attemptsPerSample, long seed) {
    public SamplingOptions {
        Checks.nonNegative(samples, "samples");
        Checks.nonNegative(waypoints, "waypoints");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(relations, "relations");
        Checks.positive(attemptsPerSample, "attemptsPerSample");
    }

    /** Ten paths, one waypoint, both directions, all relations, no revisits, 20 draws per path, this seed. */
    public static SamplingOptions defaults(long seed) {
        return new SamplingOptions(10, 1, Direction.BOTH, RelationFilter.all(), false, 20, seed);
    }

    public SamplingOptions withSamples(int n) {
        return new SamplingOptions(n, waypoints, direction, relations, allowRevisits, attemptsPerSample, seed);
    }

    public SamplingOptions withWaypoints(int k) {
        return new SamplingOptions(samples, k, direction, relations, allowRevisits, attemptsPerSample, seed);
    }

    public SamplingOptions withDirection(Direction d) {
        return new SamplingOptions(samples, waypoints, d, relations, allowRevisits, attemptsPerSample, seed);
    }

    public SamplingOptions withRelations(RelationFilter r) {
        return new SamplingOptions(samples, waypoints, direction, r, allowRevisits, attemptsPerSample, seed);
    }

    public SamplingOptions withAllowRevisits(boolean a) {
        return new SamplingOptions(samples, waypoints, direction, relations, a, attemptsPerSample, seed);
    }

    public SamplingOptions withAttemptsPerSample(int a) {
        return new SamplingOptions(samples, waypoints, direction, relations, allowRevisits, a, seed);
    }

    public SamplingOptions withSeed(long s) {
        return new SamplingOptions(samples, waypoints, direction, relations, allowRevisits, attemptsPerSample, s);
    }
}
