/**
 * The SPARQL endpoint load benchmark: {@link org.rhizome.benchmarks.server.RhizomeServerMain} (Rhizome's server with
 * its safety features on) against {@link org.rhizome.benchmarks.server.FusekiServerMain} (standalone Fuseki from the
 * same jars, nothing of Rhizome in the request path), each in its own JVM over its own copy of one TDB2 store written
 * by {@link org.rhizome.benchmarks.server.SyntheticKg}, driven over HTTP by
 * {@link org.rhizome.benchmarks.server.LoadClient} with the same seeded query mix ({@link
 * org.rhizome.benchmarks.server.QueryMix}); {@code benchmarks/run-server-bench.sh} alternates the two and
 * {@link org.rhizome.benchmarks.server.ServerBenchReport} prints the medians. Never part of {@code mvn verify}.
 */
package org.rhizome.benchmarks.server;
