/**
 * SPARQL property functions over the concept index, in the namespace {@code https://rhizome.dev/fn#} (prefix
 * {@code rzf:}): {@code rzf:search} (BM25, vector or hybrid text search), {@code rzf:similar} (concepts whose text
 * embedding is nearest a node's) and {@code rzf:similarToText}. Registered through Jena's
 * {@code PropertyFunctionRegistry} from this module's subsystem start-up hook ({@code META-INF/services}); they
 * answer on a dataset to which a {@link org.rhizome.retrieval.Retrieval} is attached.
 */
package org.rhizome.retrieval.sparql;
