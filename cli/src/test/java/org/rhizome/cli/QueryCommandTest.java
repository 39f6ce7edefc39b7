package org.rhizome.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rhizome.graph.InputFormatException;

/** Parsing and error messages of {@code rhizome query}, without a store. */
class QueryCommandTest {
    /** The search index is opened only for the search functions, written prefixed or in full, in sub-queries too. */
    @Test
    void onlyTheSearchFunctionsOpenTheSearchIndex() {
        String p = "PREFIX rzf: <https://rhizome.dev/fn#> ";
        assertThat(QueryCommand.usesRetrievalFunctions(QueryCommand.parse(p
                + "SELECT ?c WHERE { ?c rzf:search (\"x\") }", "q"))).isTrue();
        assertThat(QueryCommand.usesRetrievalFunctions(QueryCommand.parse(
                "SELECT ?c WHERE { (?c ?s) <https://rhizome.dev/fn#similarToText> (\"x\") }", "q"))).isTrue();
        assertThat(QueryCommand.usesRetrievalFunctions(QueryCommand.parse(p
                + "SELECT ?c WHERE { { SELECT ?c WHERE { (?c ?s) rzf:similar (<urn:a>) } } }", "q"))).isTrue();
        assertThat(QueryCommand.usesRetrievalFunctions(QueryCommand.parse(p
                + "SELECT ?t WHERE { ?t rzf:predictTails (<urn:a> <urn:r>) }", "q"))).isFalse();
        assertThat(QueryCommand.usesRetrievalFunctions(QueryCommand.parse(
                "SELECT * WHERE { ?s <urn:search> ?o }", "q"))).isFalse();
    }

    @Test
    void anUnexpectedTokenIsNamedAtItsOwnPosition() {
        assertThatThrownBy(() -> QueryCommand.parse("SELECT ?x WHERE { ?x ?y }", "query"))
                .isInstanceOf(InputFormatException.class)
                .hasMessage("query:1:25: SPARQL syntax error: unexpected \"}\"");
    }

    @Test
    void aQueryCutShortIsAnUnexpectedEnd() {
        assertThatThrownBy(() -> QueryCommand.parse("SELECT ?x WHERE { ?x ?y ?z ", "q.rq"))
                .isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith("q.rq:1:")
                .hasMessageEndingWith("SPARQL syntax error: unexpected end of query");
    }

    @Test
    void aLexicalErrorKeepsItsPositionAndNamesTheWord() {
        assertThatThrownBy(() -> QueryCommand.parse("SELEKT ?x", "query"))
                .isInstanceOf(InputFormatException.class)
                .hasMessage("query:1:7: SPARQL syntax error: unexpected character U+0020 after \"SELEKT\"");
    }

    @Test
    void aShortListOfExpectedTokensIsShown() {
        assertThatThrownBy(() -> QueryCommand.parse("SELECT ?x WHERE { ?x ?y ?z } GROUP ?x", "query"))
                .isInstanceOf(InputFormatException.class)
                .hasMessageEndingWith("unexpected \"?x\"; expected \"by\"");
    }

    @Test
    void anUnknownPrefixIsReportedWithItsPosition() {
        assertThatThrownBy(() -> QueryCommand.parse("SELECT ?x WHERE {\n  ?x b:y ?z }", "query"))
                .isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith("query:2:")
                .hasMessageContaining("b:y");
    }

    @Test
    void sparqlUpdateIsRefusedWithItsOwnMessage() {
        assertThatThrownBy(() -> QueryCommand.parse("DELETE WHERE { ?s ?p ?o }", "query"))
                .isInstanceOfSatisfying(CommandFailedException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.BAD_INPUT))
                .hasMessageContaining("SPARQL Update");
    }

    @Test
    void aValidQueryParses() {
        assertThat(QueryCommand.parse("ASK { ?s ?p ?o }", "query").isAskType()).isTrue();
    }
}
