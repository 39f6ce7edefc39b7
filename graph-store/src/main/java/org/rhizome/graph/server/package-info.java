/**
 * The embedded SPARQL server: {@link org.rhizome.graph.server.RhizomeServer} serves a store's dataset through
 * Fuseki (jena-fuseki-main) with the SPARQL 1.1 Protocol and the Graph Store Protocol, safe by default (loopback,
 * read-only, timeouts, result and body limits, no SERVICE, no LOAD of local files, no CORS, credentials for writes),
 * with a ping and a status page. The store API does not know about the server; the server takes the store.
 */
package org.rhizome.graph.server;
