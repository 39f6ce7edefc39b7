package org.rhizome.graph.snapshot;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import org.rhizome.graph.ProgressListener;
import org.rhizome.graph.Status;

/**
 * Which statements become edges of a {@link GraphSnapshot}.
 *
 * @param statuses         sources whose statements are read (asserted only by default; predicted ones can be added)
 * @param includeTypeEdges whether {@code rdf:type} statements become edges to class nodes (off by default: types
 *                         would turn every class into a hub)
 * @param progress         receives statements read
 */
public record SnapshotOptions(Set<Status> statuses, boolean includeTypeEdges, ProgressListener progress) {
    public SnapshotOptions {
        Objects.requireNonNull(progress, "progress");
        statuses = Set.copyOf(statuses);
        if (statuses.isEmpty()) {
            throw new IllegalArgumentException("statuses must not be empty");
        }
    }

    /** Asserted statements, no type edges, no progress. */
    public static SnapshotOptions defaults() {
        return new SnapshotOptions(EnumSet.of(Status.ASSERTED), false, ProgressListener.NONE);
    }

    public SnapshotOptions withStatuses(Set<Status> s) {
        return new SnapshotOptions(s, includeTypeEdges, progress);
    }

    public SnapshotOptions withTypeEdges(boolean include) {
        return new SnapshotOptions(statuses, include, progress);
    }

    public SnapshotOptions withProgress(ProgressListener p) {
        return new SnapshotOptions(statuses, includeTypeEdges, p);
    }
}
