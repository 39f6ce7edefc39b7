package org.rhizome.benchmarks.retrieval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.rhizome.embeddings.ConceptText;
import org.rhizome.retrieval.index.IndexedConcept;

/**
 * Deterministic, realistic-looking concepts for the retrieval benchmarks: people, places, organisations, medical
 * conditions, scientific concepts, works and events, with labels of 1 to 6 words, aliases for about a quarter of
 * them (initials, acronyms) and descriptions of 0 to 3 short sentences (about 20% have none).
 *
 * <p>Words come from small hand-written lists and from a long tail of 40,000 pseudo-words built from syllables (the
 * names of people and places), each picked with a Zipf-like skew, so term frequencies fall off the way they do in
 * real label sets and the BM25 postings have realistic lengths. Concept {@code i} depends only on the seed and
 * {@code i} ({@link #concept(long)}), so a benchmark can regenerate any concept (for queries) without keeping the set
 * in memory. Time O(1) per concept; memory: the word tables, about 1 MB.
 */
public final class SyntheticConcepts {
    /** Namespace of the generated IRIs. */
    public static final String NS = "http://rhizome.example/";

    private static final String[] GIVEN = {"Ada", "Alan", "Amara", "Anton", "Beatrix", "Bruno", "Carmen", "Chen",
        "Clara", "Daniel", "Dmitri", "Elena", "Emil", "Fatima", "Felix", "Greta", "Hannah", "Hiro", "Ines", "Ivan",
        "Jamal", "Jana", "Johann", "Julia", "Kenji", "Lars", "Leila", "Lucia", "Marco", "Maria", "Mei", "Nadia",
        "Nikolai", "Olga", "Omar", "Pablo", "Priya", "Rafael", "Rosa", "Samuel", "Sofia", "Tariq", "Thomas",
        "Ursula", "Victor", "Wei", "Yusuf", "Zofia", "Henri", "Ingrid", "Kofi", "Amina", "Erik", "Lena", "Mateo",
        "Noor", "Oskar", "Paula", "Ravi", "Sara"};
    private static final String[] ROLE = {"physicist", "chemist", "mathematician", "painter", "composer",
        "novelist", "poet", "economist", "philosopher", "engineer", "architect", "botanist", "astronomer",
        "historian", "linguist", "surgeon", "politician", "diplomat", "sculptor", "film director", "geologist",
        "biologist", "statistician", "cartographer"};
    private static final String[] NATIONALITY = {"French", "German", "Japanese", "Brazilian", "Nigerian", "Polish",
        "Canadian", "Indian", "Swedish", "Mexican", "Egyptian", "Italian", "Korean", "Chilean", "Dutch", "Kenyan",
        "Spanish", "Turkish", "Irish", "Vietnamese"};
    private static final String[] ADJ = {"linear", "stochastic", "convex", "quantum", "thermal", "acoustic",
        "spectral", "recursive", "distributed", "neural", "optical", "magnetic", "elastic", "nonlinear", "discrete",
        "continuous", "adaptive", "Bayesian", "causal", "sparse", "dense", "latent", "hierarchical", "dynamic",
        "static", "relational", "semantic", "lexical", "molecular", "cellular", "genetic", "metabolic", "ecological",
        "social", "economic", "monetary", "fiscal", "urban", "rural", "coastal", "tropical", "polar", "ancient",
        "medieval", "modern", "classical", "baroque", "romantic", "digital", "analog", "formal", "partial",
        "general", "special", "inverse", "principal", "minimal", "maximal", "local", "global", "invariant",
        "symmetric", "orthogonal", "harmonic", "chaotic", "random", "deterministic", "robust", "fuzzy", "modular",
        "algebraic", "geometric", "topological", "numerical", "empirical", "theoretical", "applied", "comparative"};
    private static final String[] NOUN = {"equation", "theorem", "transform", "algorithm", "network", "field",
        "model", "process", "operator", "matrix", "lattice", "manifold", "kernel", "filter", "estimator",
        "distribution", "entropy", "inference", "regression", "clustering", "graph", "tree", "automaton", "grammar",
        "logic", "calculus", "geometry", "mechanics", "dynamics", "resonance", "diffusion", "oscillator", "circuit",
        "semiconductor", "catalyst", "enzyme", "protein", "receptor", "hormone", "membrane", "pathway", "ecosystem",
        "habitat", "migration", "market", "equilibrium", "inflation", "tariff", "policy", "doctrine", "dialect",
        "syntax", "morphology", "metaphor", "sonnet", "fugue", "symphony", "fresco", "cathedral", "bridge", "canal",
        "reservoir", "turbine", "engine", "compiler", "protocol", "database", "index", "cache", "scheduler",
        "sensor", "antenna", "telescope", "spectrometer", "vaccine", "antibody", "neuron", "synapse", "cortex",
        "glacier", "volcano", "delta", "estuary", "plateau", "aquifer"};
    private static final String[] ORGAN = {"cardiac", "renal", "hepatic", "pulmonary", "cerebral", "gastric",
        "spinal", "ocular", "dermal", "thyroid", "pancreatic", "vascular", "bone", "joint", "muscle", "nerve",
        "lymphatic", "bronchial", "colonic", "retinal"};
    private static final String[] CONDITION = {"failure", "insufficiency", "infarction", "stenosis", "fibrosis",
        "carcinoma", "inflammation", "syndrome", "disorder", "dystrophy", "neuropathy", "sclerosis", "hypertrophy",
        "embolism", "lesion", "infection", "ulcer", "haemorrhage", "deficiency", "tumour"};
    private static final String[] CLINICAL = {"acute", "chronic", "congenital", "idiopathic", "primary",
        "secondary", "benign", "malignant", "progressive", "recurrent", "juvenile", "autoimmune", "hereditary",
        "diffuse", "focal"};
    private static final String[] PLACE_PREFIX = {"North", "South", "East", "West", "Upper", "Lower", "New", "Old",
        "Port", "Lake", "Mount", "Cape", "Fort", "Saint"};
    private static final String[] PLACE_SUFFIX = {"ton", "ford", "ville", "burg", "field", "haven", "mouth",
        "bridge", "wick", "dale", "stad", "polis", "grad"};
    private static final String[] PLACE_KIND = {"town", "city", "village", "river", "lake", "mountain", "island",
        "valley", "province", "district", "harbour", "bay"};
    private static final String[] ORG = {"Institute", "University", "Society", "Foundation", "Laboratory",
        "Company", "Museum", "Orchestra", "Council", "Agency", "Bank", "Observatory", "Academy", "Hospital", "Press"};
    private static final String[] FIELD = {"biology", "physics", "chemistry", "mathematics", "medicine",
        "economics", "history", "linguistics", "philosophy", "astronomy", "geology", "computer science", "music",
        "architecture", "law", "sociology", "psychology", "statistics", "ecology", "genetics"};
    private static final String[] WORK = {"novel", "painting", "opera", "film", "album", "poem", "play", "ballet"};
    private static final String[] EVENT = {"Battle of", "Treaty of", "Siege of", "Council of", "Congress of",
        "Flood of", "Exhibition of"};
    private static final String[] ONSET = {"b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "j", "k", "kr",
        "l", "m", "n", "p", "pr", "r", "s", "sh", "st", "t", "tr", "v", "w", "z", "th"};
    private static final String[] VOWEL = {"a", "e", "i", "o", "u", "ai", "ei", "ou", "ia", "y"};
    private static final String[] CODA = {"", "", "", "n", "r", "l", "s", "m", "rt", "nd", "ck", "x"};

    private static final int PSEUDO_WORDS = 40_000;

    private final long seed;
    private final String[] pseudo = new String[PSEUDO_WORDS];
    private final Zipf pseudoZipf = new Zipf(PSEUDO_WORDS, 0.8);

    /** @param seed the seed of the whole set: the same seed gives the same concepts */
    public SyntheticConcepts(long seed) {
        this.seed = seed;
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < PSEUDO_WORDS; i++) {
            StringBuilder b = new StringBuilder();
            int syllables = 2 + (r.nextInt(10) < 3 ? 1 : 0);
            for (int s = 0; s < syllables; s++) {
                b.append(ONSET[r.nextInt(ONSET.length)]).append(VOWEL[r.nextInt(VOWEL.length)]);
                if (s == syllables - 1 || r.nextInt(3) == 0) {
                    b.append(CODA[r.nextInt(CODA.length)]);
                }
            }
            b.setCharAt(0, Character.toUpperCase(b.charAt(0)));
            pseudo[i] = b.toString();
        }
    }

    /** A generated concept; {@code text()} is what gets embedded ({@link ConceptText}). */
    public record Concept(String iri, String label, List<String> aliases, Optional<String> description,
            List<String> types) {
        /** The text to embed, by the project's recipe. */
        public String text() {
            return ConceptText.of(label, description);
        }

        /** As the index holds it; the fingerprint is a hash of the text (the benchmark never re-syncs). */
        public IndexedConcept indexed() {
            return new IndexedConcept(iri, label, aliases, description, types,
                    Long.toHexString(mix(text().hashCode())));
        }
    }

    /** The type IRI of a type name. */
    public static String typeIri(String name) {
        return NS + "type/" + name;
    }

    /** Concept number {@code i} of this set (the same for the same seed and {@code i}). */
    public Concept concept(long i) {
        SplittableRandom r = new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + i));
        int kind = r.nextInt(100);
        List<String> aliases = new ArrayList<>(1);
        String label;
        String type;
        StringBuilder d = new StringBuilder();
        if (kind < 25) {
            type = "Person";
            String given = pick(r, GIVEN);
            String surname = surname(r);
            label = r.nextInt(10) == 0 ? given + " " + pick(r, GIVEN).charAt(0) + ". " + surname
                    : given + " " + surname;
            if (r.nextInt(10) < 4) {
                aliases.add(given.charAt(0) + ". " + surname);
            }
            int born = 1600 + r.nextInt(400);
            d.append(pick(r, NATIONALITY)).append(' ').append(pick(r, ROLE)).append(" (").append(born).append('-')
                    .append(born + 30 + r.nextInt(60)).append(')');
            if (r.nextBoolean()) {
                d.append(" known for work on the ").append(pick(r, ADJ)).append(' ').append(pick(r, NOUN));
            }
            d.append('.');
        } else if (kind < 40) {
            type = "Place";
            label = place(r);
            if (r.nextInt(10) == 0) {
                aliases.add(surname(r));
            }
            d.append(capitalise(pick(r, PLACE_KIND))).append(" in ").append(surname(r)).append(" province");
            if (r.nextBoolean()) {
                d.append(", near ").append(place(r));
            }
            d.append('.');
        } else if (kind < 50) {
            type = "Organization";
            label = switch (r.nextInt(3)) {
                case 0 -> surname(r) + " " + pick(r, ORG);
                case 1 -> pick(r, ORG) + " of " + capitalise(pick(r, FIELD)) + " " + place(r);
                default -> place(r) + " " + pick(r, ORG);
            };
            if (r.nextInt(10) < 4) {
                aliases.add(acronym(label));
            }
            d.append(pick(r, ORG)).append(" founded in ").append(1700 + r.nextInt(320)).append(" in ")
                    .append(place(r)).append('.');
        } else if (kind < 65) {
            type = "Disease";
            label = (r.nextInt(3) > 0 ? capitalise(pick(r, CLINICAL)) + " " + pick(r, ORGAN)
                    : capitalise(pick(r, ORGAN))) + " " + pick(r, CONDITION);
            if (r.nextBoolean()) {
                aliases.add(acronym(label));
            }
            d.append(capitalise(pick(r, CLINICAL))).append(" condition of the ").append(pick(r, ORGAN))
                    .append(" system");
            if (r.nextBoolean()) {
                d.append(" first described by ").append(surname(r)).append(" in ").append(1800 + r.nextInt(220));
            }
            d.append('.');
        } else if (kind < 88) {
            type = "Concept";
            label = switch (r.nextInt(4)) {
                case 0 -> capitalise(pick(r, ADJ)) + " " + pick(r, NOUN);
                case 1 -> capitalise(pick(r, NOUN)) + " " + pick(r, NOUN);
                case 2 -> surname(r) + "'s " + pick(r, NOUN);
                default -> capitalise(pick(r, ADJ)) + " " + pick(r, ADJ) + " " + pick(r, NOUN);
            };
            if (r.nextInt(10) == 0) {
                aliases.add(surname(r) + "-" + surname(r) + " " + pick(r, NOUN));
            }
            d.append("Concept in ").append(pick(r, FIELD));
            if (r.nextBoolean()) {
                d.append(" describing the ").append(pick(r, ADJ)).append(' ').append(pick(r, NOUN)).append(" of a ")
                        .append(pick(r, NOUN));
            }
            d.append('.');
        } else {
            if (r.nextBoolean()) {
                type = "CreativeWork";
                label = "The " + capitalise(pick(r, ADJ)) + " " + capitalise(pick(r, NOUN));
                d.append(capitalise(pick(r, WORK))).append(" by ").append(pick(r, GIVEN)).append(' ')
                        .append(surname(r)).append(" (").append(1700 + r.nextInt(320)).append(").");
            } else {
                type = "Event";
                label = pick(r, EVENT) + " " + place(r);
                d.append("Event of ").append(1200 + r.nextInt(820)).append(" in ").append(place(r)).append('.');
            }
        }
        // a further 0-2 sentences, so text lengths vary from a bare label to about 40 words
        int extra = r.nextInt(10) < 5 ? 0 : r.nextInt(10) < 7 ? 1 : 2;
        for (int s = 0; s < extra; s++) {
            d.append(' ').append(sentence(r));
        }
        Optional<String> description = r.nextInt(10) < 2 ? Optional.empty() : Optional.of(d.toString());
        List<String> types = List.of(typeIri(type));
        return new Concept(NS + "c/" + i, label, aliases, description, types);
    }

    /** A short query-like phrase of 1-3 vocabulary words (may or may not match a concept). */
    public String phrase(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> pick(r, ADJ) + " " + pick(r, NOUN);
            case 1 -> pick(r, CLINICAL) + " " + pick(r, ORGAN) + " " + pick(r, CONDITION);
            case 2 -> surname(r) + " " + pick(r, NOUN);
            default -> pick(r, ROLE) + " " + place(r);
        };
    }

    private String sentence(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> "It is studied in " + pick(r, FIELD) + " and " + pick(r, FIELD) + ".";
            case 1 -> "First recorded in " + (1500 + r.nextInt(520)) + " by " + pick(r, GIVEN) + " " + surname(r)
                    + ".";
            case 2 -> "Closely related to the " + pick(r, ADJ) + " " + pick(r, NOUN) + " and the " + pick(r, NOUN)
                    + " of " + place(r) + ".";
            case 3 -> "Widely used in " + pick(r, ADJ) + " " + pick(r, NOUN) + " research.";
            default -> "Named after the " + pick(r, NATIONALITY) + " " + pick(r, ROLE) + " " + surname(r) + ".";
        };
    }

    private String surname(SplittableRandom r) {
        return pseudo[pseudoZipf.sample(r)];
    }

    private String place(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> surname(r) + pick(r, PLACE_SUFFIX);
            case 1 -> pick(r, PLACE_PREFIX) + " " + surname(r);
            default -> surname(r);
        };
    }

    /** An element of {@code words}, earlier ones more often (Zipf-like, exponent 0.6 over the list). */
    private static String pick(SplittableRandom r, String[] words) {
        // inverse CDF of a continuous power law on [1, n+1): cheap and skewed like a Zipf law of exponent 0.6
        double u = r.nextDouble();
        double a = 1 - 0.6;
        double x = Math.pow(1 + u * (Math.pow(words.length + 1, a) - 1), 1 / a);
        return words[Math.min(words.length - 1, (int) x - 1)];
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String acronym(String label) {
        StringBuilder b = new StringBuilder();
        for (String w : label.split("[\\s-]+")) {
            if (!w.isEmpty() && !w.equals("of") && !w.equals("the")) {
                b.append(Character.toUpperCase(w.charAt(0)));
            }
        }
        return b.toString();
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Samples ranks 0..n-1 with probability proportional to 1 / (rank + 1)^s. */
    private static final class Zipf {
        private final double[] cdf;

        Zipf(int n, double s) {
            cdf = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += 1 / Math.pow(i + 1, s);
                cdf[i] = sum;
            }
            for (int i = 0; i < n; i++) {
                cdf[i] /= sum;
            }
        }

        int sample(SplittableRandom r) {
            int at = Arrays.binarySearch(cdf, r.nextDouble());
            return Math.min(cdf.length - 1, at >= 0 ? at : -at - 1);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SyntheticConcepts[seed %d]", seed);
    }
}
