package org.rhizome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void bytesUseBinaryUnitsWithOneDecimal() {
        assertThat(Units.bytes(0)).isEqualTo("0 B");
        assertThat(Units.bytes(1023)).isEqualTo("1023 B");
        assertThat(Units.bytes(1024)).isEqualTo("1.0 KiB");
        assertThat(Units.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Units.bytes((long) (12.3 * 1024 * 1024))).isEqualTo("12.3 MiB");
        assertThat(Units.bytes(4L << 30)).isEqualTo("4.0 GiB");
        assertThat(Units.bytes(3L << 40)).isEqualTo("3.0 TiB");
    }

    @Test
    void bytesJustBelowTheNextUnitMoveUpInsteadOfPrinting1024() {
        assertThat(Units.bytes((1L << 20) - 1)).isEqualTo("1.0 MiB");
        assertThat(Units.bytes((1L << 30) - 10)).isEqualTo("1.0 GiB");
    }

    @Test
    void countsHaveThousandsSeparatorsWhateverTheDefaultLocale() {
        java.util.Locale saved = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            assertThat(Units.count(272_115)).isEqualTo("272,115");
            assertThat(Units.count(999)).isEqualTo("999");
            assertThat(Units.bytes(1536)).isEqualTo("1.5 KiB");
        } finally {
            java.util.Locale.setDefault(saved);
        }
    }

    @Test
    void amountsAndRatesDependOnTheUnit() {
        assertThat(Units.amount(2048, "bytes")).isEqualTo("2.0 KiB");
        assertThat(Units.amount(1_234_567, "statements")).isEqualTo("1,234,567 statements");
        assertThat(Units.rate(4.1 * 1024 * 1024, "bytes")).isEqualTo("4.1 MiB/s");
        assertThat(Units.rate(85_000.4, "statements")).isEqualTo("85,000 statements/s");
    }

    @Test
    void etaRoundsUpToSecondsThenMinutesThenHours() {
        assertThat(Units.eta(6.2)).isEqualTo("7s");
        assertThat(Units.eta(0)).isEqualTo("0s");
        assertThat(Units.eta(125)).isEqualTo("2m05s");
        assertThat(Units.eta(3600 + 61)).isEqualTo("1h02m");
        assertThat(Units.eta(Double.POSITIVE_INFINITY)).isEqualTo("?");
        assertThat(Units.eta(Double.NaN)).isEqualTo("?");
    }

    @Test
    void durationsBelowASecondAreMilliseconds() {
        assertThat(Units.duration(85_000_000L)).isEqualTo("85 ms");
        assertThat(Units.duration(3_240_000_000L)).isEqualTo("3.2 s");
        assertThat(Units.seconds(3_240_000_000L)).isEqualTo("3.2 s");
    }
}
