package org.rhizome.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextTableTest {
    @Test
    void alignsTextLeftAndNumbersRightUnderADashedRule() {
        TextTable t = new TextTable("concept", "statements").row("Alan Turing", 15).row("Z3", 2);
        assertThat(t.lines()).containsExactly(
                "concept      statements",
                "-----------  ----------",
                "Alan Turing          15",
                "Z3                    2");
    }

    @Test
    void lineBreaksInCellsBecomeSpaces() {
        TextTable t = new TextTable("a").row("x\ny");
        assertThat(t.lines().get(2)).isEqualTo("x y");
    }

    @Test
    void rejectsRowsOfTheWrongWidth() {
        TextTable t = new TextTable("a", "b");
        assertThatThrownBy(() -> t.row("only one")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 cells").hasMessageContaining("2 columns");
    }
}
