package org.rhizome.graph;

/**
 * Told after each committed write of a {@link KnowledgeGraph}, on the writing thread, outside the transaction.
 * A listener that throws does not undo the write (it is already durable); the exception is logged and the other
 * listeners still run. Keep the work short or hand it to another thread: the writer waits for it.
 */
@FunctionalInterface
public interface GraphChangeListener {
    /** Called once per committed write that changed at least one statement (or whose extent is unknown). */
    void committed(GraphChange change);
}
