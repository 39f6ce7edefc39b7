package org.rhizome.retrieval.search;

import java.util.Objects;
import java.util.Set;

/**
 * A search for concepts.
 *
 * @param text         the query text (plain words; no query syntax is interpreted)
 * @param mode         how to rank
 * @param k            number of results wanted, at least 1
 * @param types        if not empty, only concepts with at least one of these type IRIs
 * @param bm25Weight   weight of the BM25 list in hybrid fusion (>= 0)
 * @param vectorWeight weight of the vector list in hybrid fusion (>= 0)
 * @param rrfConstant  the constant c of reciprocal rank fusion, {@code w / (c + rank)}; 60 in the original paper
 * @param candidates   how many results each list contributes to fusion (at least {@code k})
 */
public record SearchRequest(String text, SearchMode mode, int k, Set<String> types, double bm25Weight,
        double vectorWeight, int rrfConstant, int candidates) {
    /** Default RRF constant (Cormack et al. 2009). */
    public static final int DEFAULT_RRF_CONSTANT = 60;

    public SearchRequest {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(mode, "mode");
        types = Set.copyOf(types);
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        if (!(bm25Weight >= 0) || !(vectorWeight >= 0) || bm25Weight + vectorWeight == 0) {
            throw new IllegalArgumentException("fusion weights must be >= 0 and not both 0, got bm25 " + bm25Weight
                    + ", vector " + vectorWeight);
        }
        if (rrfConstant < 0) {
            throw new IllegalArgumentException("rrfConstant must be >= 0, got " + rrfConstant);
        }
        if (candidates < k) {
            throw new IllegalArgumentException("candidates (" + candidates + ") must be >= k (" + k + ")");
        }
    }

    /** A search with equal fusion weights, c = 60 and {@code max(k, 50)} candidates per list. */
    public static SearchRequest of(String text, SearchMode mode, int k) {
        return new SearchRequest(text, mode, k, Set.of(), 1.0, 1.0, DEFAULT_RRF_CONSTANT, Math.max(k, 50));
    }

    /** This request restricted to concepts of these type IRIs. */
    public SearchRequest withTypes(Set<String> typeIris) {
        return new SearchRequest(text, mode, k, typeIris, bm25Weight, vectorWeight, rrfConstant, candidates);
    }

    /** This request with other fusion weights. */
    public SearchRequest withWeights(double bm25, double vector) {
        return new SearchRequest(text, mode, k, types, bm25, vector, rrfConstant, candidates);
    }
}
