package org.rhizome.graph.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void escapesMarkupAndQuotes() {
        assertThat(Html.text("<script>alert(\"x\" & 'y')</script>"))
                .isEqualTo("&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;");
    }

    @Test
    void replacesControlCharactersAndUnpairedSurrogates() {
        assertThat(Html.text("a\u0000b\u0007c\u007Fd\te\nf")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\te\nf");
        assertThat(Html.text("half \uD800 pair \uD83D\uDE00 low \uDC00"))
                .isEqualTo("half \uFFFD pair \uD83D\uDE00 low \uFFFD");
    }

    @Test
    void nullIsEmptyAndPlainTextIsUnchanged() {
        assertThat(Html.text(null)).isEmpty();
        assertThat(Html.text("Zachary's")).isEqualTo("Zachary&#39;s");
        assertThat(Html.text("plain text, ünïcode α")).isEqualTo("plain text, ünïcode α");
    }

    @Test
    void formatsNumbersForTables() {
        assertThat(Html.number(34)).isEqualTo("34");
        assertThat(Html.number(-2)).isEqualTo("-2");
        assertThat(Html.number(0.41979)).isEqualTo("0.4198");
        assertThat(Html.number(2.5)).isEqualTo("2.5");
        assertThat(Html.number(1.23456e-7)).isEqualTo("1.235e-07");
        assertThat(Html.number(123456789.5)).isEqualTo("1.235e+08");
        assertThat(Html.number(Double.NaN)).isEqualTo("n/a");
        assertThat(Html.number(Double.POSITIVE_INFINITY)).isEqualTo("∞");
        assertThat(Html.percent(1, 8)).isEqualTo("12.5%");
        assertThat(Html.percent(1, 0)).isEqualTo("n/a");
        assertThat(Html.seconds(0.0424)).isEqualTo("0.042");
    }
}
