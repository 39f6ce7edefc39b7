/** Helpers for Rhizome's SPARQL property functions, shared by the modules that define them. */
package org.rhizome.graph.sparql;
