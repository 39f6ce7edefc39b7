/**
 * Agentic graph growth and document ingestion. Will hold LLM access through LangChain4j, structured
 * extraction and validation, the merge path with entity resolution and provenance, next-focus strategies, budgets,
 * checkpoints and resume. Nothing here yet: the agent issue builds it on
 * {@link org.rhizome.graph.KnowledgeGraph} and its provenance model.
 */
package org.rhizome.agent;
