package org.rhizome.retrieval.sparql;

import org.apache.jena.sys.JenaSubsystemLifecycle;

/**
 * Registers the retrieval module's SPARQL functions when Jena initialises (listed in
 * {@code META-INF/services/org.apache.jena.sys.JenaSubsystemLifecycle}). Runs after ARQ's own start-up.
 */
public final class RetrievalSubsystem implements JenaSubsystemLifecycle {
    @Override
    public void start() {
        RetrievalFunctions.register();
    }

    @Override
    public void stop() {
        // nothing to release: the registry entries go with the JVM
    }

    @Override
    public int level() {
        return 500;
    }
}
