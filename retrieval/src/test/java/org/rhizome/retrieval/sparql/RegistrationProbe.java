package org.rhizome.retrieval.sparql;

import org.apache.jena.sparql.pfunction.PropertyFunctionRegistry;
import org.apache.jena.sys.JenaSystem;

/** Run in a fresh JVM by {@link SparqlFunctionCasesTest}: prints whether Jena's start-up registered rzf:search. */
public final class RegistrationProbe {
    private RegistrationProbe() {
    }

    public static void main(String[] args) {
        JenaSystem.init();
        System.out.println(PropertyFunctionRegistry.get().isRegistered(RetrievalFunctions.NS + "search"));
    }
}
