package org.rhizome.retrieval.resolution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LabelNormalizerTest {

    @Test
    void keysIgnoreCaseAccentsPunctuationAndSpacing() {
        assertThat(LabelNormalizer.key("SHERLOCK  Holmes.")).isEqualTo("sherlock holmes");
        assertThat(LabelNormalizer.key("Sherlock-Holmes")).isEqualTo("sherlock holmes");
        assertThat(LabelNormalizer.key("Gödel’s theorem")).isEqualTo("godel s theorem");
        assertThat(LabelNormalizer.key("Java (island)")).isEqualTo("java island");
    }

    @Test
    void qualifiersAndBases() {
        assertThat(LabelNormalizer.base("Java (island)")).isEqualTo("Java");
        assertThat(LabelNormalizer.qualifier("Java (Island)")).hasValue("island");
        assertThat(LabelNormalizer.qualifier("Java")).isEmpty();
        assertThat(LabelNormalizer.base("(island)")).isEqualTo("(island)");
    }

    @Test
    void sortedKeysAndInitials() {
        assertThat(LabelNormalizer.sortedKey("Holmes, Sherlock")).isEqualTo(LabelNormalizer.sortedKey("Sherlock Holmes"));
        assertThat(LabelNormalizer.initials("North Atlantic Treaty Organization")).isEqualTo("nato");
        assertThat(LabelNormalizer.initials("Ministry of the Interior")).isEqualTo("mi");
    }

    @Test
    void editSimilarityCountsATranspositionOnce() {
        assertThat(EntityResolver.similarity("python", "pyhton")).isCloseTo(1 - 1 / 6.0, within(1e-12));
        assertThat(EntityResolver.similarity("kitten", "sitting")).isCloseTo(1 - 3 / 7.0, within(1e-12));
        assertThat(EntityResolver.similarity("", "")).isEqualTo(1.0);
        assertThat(EntityResolver.similarity("abc", "")).isEqualTo(0.0);
    }

    @Test
    void singularsAndAcronyms() {
        assertThat(EntityResolver.singulars("wolves")).contains("wolf");
        assertThat(EntityResolver.singulars("octopi")).contains("octopus");
        assertThat(EntityResolver.singulars("mitochondria")).contains("mitochondrion");
        assertThat(EntityResolver.singulars("cities")).contains("city");
        assertThat(EntityResolver.singulars("virus")).containsExactly("virus");
        assertThat(EntityResolver.isAcronymOf("NATO", "North Atlantic Treaty Organization")).isTrue();
        assertThat(EntityResolver.isAcronymOf("U.N.", "United Nations")).isTrue();
        assertThat(EntityResolver.isAcronymOf("Nato", "Nation")).isFalse();
        assertThat(EntityResolver.isAcronymOf("A", "Apple")).isFalse();
    }
}
