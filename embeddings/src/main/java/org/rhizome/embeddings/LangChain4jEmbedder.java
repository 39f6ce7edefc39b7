package org.rhizome.embeddings;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.rhizome.embeddings.vector.VectorKernels;

/**
 * A {@link TextEmbedder} over any LangChain4j {@link EmbeddingModel}: splits the texts into batches of
 * {@code batchSize} (one model call each), checks the dimension of what comes back, and scales every vector to
 * unit length (all-MiniLM-L6-v2 already returns unit vectors; remote models may not). Blank texts are refused
 * with an {@link IllegalArgumentException} naming their position: they have no meaning to embed.
 *
 * <p>Batching matters for the in-process model: one call with 32 texts runs about twice as fast per text as
 * single-text calls on two cores (STACK.md).
 */
public final class LangChain4jEmbedder implements TextEmbedder {
    /** Texts per model call unless configured otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    private final EmbeddingModel model;
    private final String modelId;
    private final int dimension;
    private final int batchSize;

    /**
     * @param model     the LangChain4j model
     * @param modelId   its identity (see {@link TextEmbedder#modelId()})
     * @param dimension the dimension it returns
     * @param batchSize texts per model call, at least 1
     */
    public LangChain4jEmbedder(EmbeddingModel model, String modelId, int dimension, int batchSize) {
        this.model = Objects.requireNonNull(model, "model");
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        this.dimension = dimension;
        this.batchSize = batchSize;
    }

    /** The model identity of the in-process default. */
    public static final String MINILM_ID = "langchain4j:all-minilm-l6-v2:384";

    /**
     * The in-process all-MiniLM-L6-v2 (384 dimensions) that ships inside LangChain4j's jar: no download, no server.
     * Loading the ONNX model takes about a second; share the instance.
     */
    public static LangChain4jEmbedder miniLm() {
        return miniLm(DEFAULT_BATCH_SIZE);
    }

    /** {@link #miniLm()} with another batch size. */
    public static LangChain4jEmbedder miniLm(int batchSize) {
        return inProcess(AllMiniLmL6V2EmbeddingModel::new, "all-MiniLM-L6-v2", MINILM_ID, batchSize);
    }

    /** The model identity of the quantised in-process model. */
    public static final String MINILM_Q_ID = "langchain4j:all-minilm-l6-v2-q:384";

    /**
     * all-MiniLM-L6-v2 quantised to 8-bit integers (LangChain4j's {@code -q} jar), 384 dimensions, in process.
     * Measured here (benchmarks/README.md, "Retrieval and embeddings"): about 2.7x faster than {@link #miniLm()} on
     * a CPU with AVX-512 VNNI, vectors at cosine 0.99 to the full model's. Its vectors are not the full model's, so it
     * has its own model identity and an index built with one model refuses the other.
     */
    public static LangChain4jEmbedder miniLmQuantized(int batchSize) {
        return inProcess(AllMiniLmL6V2QuantizedEmbeddingModel::new, "quantised all-MiniLM-L6-v2", MINILM_Q_ID,
                batchSize);
    }

    /** Loads an in-process 384-dimension model, turning a failure to load its natives into an EmbeddingException. */
    private static LangChain4jEmbedder inProcess(java.util.function.Supplier<EmbeddingModel> load, String name,
            String id, int batchSize) {
        EmbeddingModel m;
        try {
            m = load.get();
        } catch (RuntimeException | LinkageError e) {
            throw new EmbeddingException("could not load the in-process " + name + " model: " + e, e);
        }
        return new LangChain4jEmbedder(m, id, 384, batchSize);
    }

    /** The wrapped LangChain4j model (for benchmarks that call it directly). */
    public EmbeddingModel model() {
        return model;
    }

    /** Texts per model call. */
    public int batchSize() {
        return batchSize;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        List<float[]> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += batchSize) {
            int to = Math.min(texts.size(), from + batchSize);
            List<TextSegment> batch = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                String t = Objects.requireNonNull(texts.get(i), "texts[" + i + "]");
                if (t.isBlank()) {
                    throw new IllegalArgumentException("texts[" + i + "] is blank; there is nothing to embed");
                }
                batch.add(TextSegment.from(t));
            }
            List<Embedding> got;
            try {
                got = model.embedAll(batch).content();
            } catch (RuntimeException e) {
                throw new EmbeddingException("embedding model " + modelId + " failed on texts " + from + ".."
                        + (to - 1) + ": " + e.getMessage(), e);
            }
            if (got == null || got.size() != batch.size()) {
                throw new EmbeddingException("embedding model " + modelId + " returned "
                        + (got == null ? "nothing" : got.size() + " vectors") + " for " + batch.size() + " texts");
            }
            for (Embedding e : got) {
                float[] v = e.vector();
                if (v.length != dimension) {
                    throw new EmbeddingException("embedding model " + modelId + " returned a vector of dimension "
                            + v.length + ", expected " + dimension);
                }
                out.add(VectorKernels.get().normalizeInPlace(v.clone()));
            }
        }
        return out;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public String toString() {
        return "LangChain4jEmbedder[" + modelId + ", batch " + batchSize + "]";
    }
}
