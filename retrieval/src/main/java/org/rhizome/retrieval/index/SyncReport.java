package org.rhizome.retrieval.index;

/**
 * What bringing the index in step with the store did.
 *
 * @param added     concepts new to the index
 * @param updated   concepts whose document was rebuilt because the store changed them
 * @param deleted   documents removed because their concept left the store
 * @param unchanged concepts whose document already matched the store
 * @param embedded  texts the embedding model had to compute (the rest came from the cache)
 * @param millis    wall-clock time
 */
public record SyncReport(int added, int updated, int deleted, int unchanged, long embedded, long millis) {
    /** True if the index was already in step. */
    public boolean wasInStep() {
        return added == 0 && updated == 0 && deleted == 0;
    }

    @Override
    public String toString() {
        return added + " added, " + updated + " updated, " + deleted + " deleted, " + unchanged + " unchanged ("
                + embedded + " texts embedded) in " + millis + " ms";
    }
}
