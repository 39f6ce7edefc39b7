/**
 * Agentic graph growth: LLM access through LangChain4j with retries, rate limits and cost accounting
 * ({@link org.rhizome.agent.llm}), extraction and validation of the local graph an answer proposes
 * ({@link org.rhizome.agent.extract}), and the crash-safe, resumable growth loop with entity resolution, provenance
 * and next-question strategies ({@link org.rhizome.agent.growth}).
 */
package org.rhizome.agent;
