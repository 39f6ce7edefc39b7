/**
 * Import and export: every RDF syntax Jena's RIOT reads and TSV triples, gzip'd or not, streamed, all-or-nothing
 * per import, with errors that name the file, line and column ({@link org.rhizome.graph.io.Importer},
 * {@link org.rhizome.graph.io.Exporter}, {@link org.rhizome.graph.io.Format}).
 */
package org.rhizome.graph.io;
