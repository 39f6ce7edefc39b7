/**
 * End-to-end tests across modules live in this module's test sources: the README's commands, the CLI as a user
 * runs it, and (as they land) the SPARQL server over HTTP, the agent against a local OpenAI-compatible server,
 * crash and resume, security. Nothing ships from here.
 */
package org.rhizome.tests;
