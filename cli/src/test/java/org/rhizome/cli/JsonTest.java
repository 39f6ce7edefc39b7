package org.rhizome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void quoteEscapesQuotesBackslashesAndControlCharacters() {
        assertThat(Json.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(Json.quote("line\nnext\ttab\r\b\f")).isEqualTo("\"line\\nnext\\ttab\\r\\b\\f\"");
        assertThat(Json.quote("\u0001\u001f")).isEqualTo("\"\\u0001\\u001f\"");
        assertThat(Json.quote("Gödel \u2028")).isEqualTo("\"Gödel \\u2028\"");
    }

    @Test
    void objectKeepsInsertionOrderAndWritesRawNumbers() {
        String json = new Json().put("store", "/tmp/a \"b\"").put("statements", 778).put("mean", 2.10619469)
                .put("nan", Double.NaN).put("ok", true).toString();
        assertThat(json).isEqualTo("{\"store\": \"/tmp/a \\\"b\\\"\", \"statements\": 778, \"mean\": 2.1062, "
                + "\"nan\": null, \"ok\": true}");
    }

    @Test
    void wholeDecimalsLoseTheirTrailingZeros() {
        assertThat(new Json().put("x", 14.0).toString()).isEqualTo("{\"x\": 14}");
    }
}
