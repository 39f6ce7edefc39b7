package org.rhizome.graph.analytics.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XmlTextTest {
    @Test
    void cleanTextIsReturnedAsIs() {
        String s = "Zürich <&\"> \t\n\r \u007F\u0085 \uE000 \uFFFD \uD83D\uDE00";
        assertThat(XmlText.clean(s)).isSameAs(s);
    }

    @Test
    void controlCharactersBecomeTheReplacementCharacter() {
        assertThat(XmlText.clean("a\u0000b\u0007c\u001Fd\u000Be")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe");
    }

    @Test
    void unpairedSurrogatesAndNonCharactersAreReplacedButPairsKept() {
        assertThat(XmlText.clean("x\uD800y")).isEqualTo("x\uFFFDy"); // high without low
        assertThat(XmlText.clean("x\uDC00y")).isEqualTo("x\uFFFDy"); // low without high
        assertThat(XmlText.clean("end\uD83D")).isEqualTo("end\uFFFD"); // high at the very end
        assertThat(XmlText.clean("\uDE00\uD83D")).isEqualTo("\uFFFD\uFFFD"); // reversed pair
        assertThat(XmlText.clean("\uD83D\uDE00\u0001")).isEqualTo("\uD83D\uDE00\uFFFD");
        assertThat(XmlText.clean("\uFFFE\uFFFF")).isEqualTo("\uFFFD\uFFFD");
    }
}
