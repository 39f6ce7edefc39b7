package org.rhizome.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IrisTest {
    @Test
    void slugLowercasesAndJoinsWordsWithUnderscores() {
        assertThat(Iris.slug("Alan Turing")).isEqualTo("alan_turing");
        assertThat(Iris.slug("  Sherlock   Holmes ")).isEqualTo("sherlock_holmes");
        assertThat(Iris.slug("sherlock-holmes")).isEqualTo("sherlock_holmes");
        assertThat(Iris.slug("J. C. R. Licklider")).isEqualTo("j_c_r_licklider");
        assertThat(Iris.slug("Moore's law")).isEqualTo("moore_s_law");
    }

    @Test
    void slugKeepsSymbolsApartByPercentEncoding() {
        assertThat(Iris.slug("C")).isEqualTo("c");
        assertThat(Iris.slug("C++")).isEqualTo("c%2B%2B");
        assertThat(Iris.slug("C#")).isEqualTo("c%23");
    }

    @Test
    void slugAppliesNfkcAndKeepsUnicodeLetters() {
        // U+FB01 (the "fi" ligature) becomes "fi" under NFKC; umlauts stay letters.
        assertThat(Iris.slug("\uFB01le")).isEqualTo("file");
        assertThat(Iris.slug("Kurt Gödel")).isEqualTo("kurt_gödel");
    }

    @Test
    void rejectsLabelWithNothingToNameBy() {
        assertThatThrownBy(() -> Iris.slug(" - ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nothing to name");
    }

    @Test
    void tokenEncodingRoundTrips() {
        for (String token : new String[] {"/m/027rn", "00001740", "a b\tc", "Zürich", "x%y", "~._-"}) {
            String enc = Iris.encodeToken(token);
            assertThat(enc).matches("[A-Za-z0-9._~%-]+");
            assertThat(Iris.decodeToken(enc)).isEqualTo(token);
        }
        assertThat(Iris.encodeToken("/m/027rn")).isEqualTo("%2Fm%2F027rn");
    }
}
