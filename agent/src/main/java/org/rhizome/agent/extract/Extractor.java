package org.rhizome.agent.extract;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.rhizome.agent.llm.LlmClient;
import org.rhizome.agent.llm.LlmException;
import org.rhizome.agent.llm.LlmReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the model for a local graph and repairs: the answer is refused when it is longer than the client's
 * {@code maxAnswerChars}, fails {@link LocalGraphParser}, or violates the optional SHACL shapes
 * ({@link LocalGraphShapes}); then the model is asked again with the problems listed,
 * up to {@code maxRepairs} times. Shared by the growth loop and document ingestion. Thread-safe.
 */
public final class Extractor {
    private static final Logger LOG = LoggerFactory.getLogger(Extractor.class);

    private final LlmClient llm;
    private final LocalGraphParser parser;
    private final int maxRepairs;
    private final Optional<LocalGraphShapes> shapes;

    public Extractor(LlmClient llm, LocalGraphParser parser, int maxRepairs) {
        this(llm, parser, maxRepairs, Optional.empty());
    }

    /** An extractor that also refuses local graphs violating {@code shapes} (with the violations as problems). */
    public Extractor(LlmClient llm, LocalGraphParser parser, int maxRepairs, Optional<LocalGraphShapes> shapes) {
        this.llm = Objects.requireNonNull(llm, "llm");
        this.parser = Objects.requireNonNull(parser, "parser");
        if (maxRepairs < 0) {
            throw new IllegalArgumentException("maxRepairs must be >= 0");
        }
        this.maxRepairs = maxRepairs;
        this.shapes = Objects.requireNonNull(shapes, "shapes");
    }

    /** The model client. */
    public LlmClient llm() {
        return llm;
    }

    /**
     * Asks with {@code system} and {@code user}, then with {@code repairPrompt.apply(problems)} while the answer is
     * unusable and repairs remain.
     *
     * @throws LlmException when a model call fails for good
     */
    public Extraction extract(String system, String user, Function<List<String>, String> repairPrompt) {
        String promptHash = Prompts.hash(system, user);
        String prompt = user;
        long in = 0;
        long out = 0;
        double cost = 0;
        long llmNanos = 0;
        int repairs = 0;
        String model = llm.config().model();
        List<String> problems = List.of();
        String last = "";
        for (int attempt = 0; attempt <= maxRepairs; attempt++) {
            if (attempt > 0) {
                prompt = repairPrompt.apply(problems);
                repairs++;
            }
            LlmReply reply = llm.chat(system, prompt, Optional.of(Prompts.responseFormat()));
            in += reply.inputTokens();
            out += reply.outputTokens();
            cost += reply.cost();
            llmNanos += reply.latency().toNanos();
            model = reply.model();
            last = reply.text();
            if (reply.text().length() > llm.config().maxAnswerChars()) {
                problems = List.of("the answer is " + reply.text().length() + " characters long; at most "
                        + llm.config().maxAnswerChars() + " are accepted: answer with fewer, shorter nodes");
                continue;
            }
            try {
                LocalGraph g = parser.parse(reply.text());
                List<String> violations = shapes.map(sh -> sh.check(g)).orElse(List.of());
                if (!violations.isEmpty()) {
                    throw new ExtractionException(violations);
                }
                return new Extraction(Optional.of(g), List.of(), last, model, promptHash, repairs, in, out, cost,
                        Duration.ofNanos(llmNanos));
            } catch (ExtractionException e) {
                problems = e.problems();
                LOG.info("answer refused ({}){}", e.getMessage(), attempt < maxRepairs ? ", asking for a repair" : "");
            }
        }
        return new Extraction(Optional.empty(), problems, last, model, promptHash, repairs, in, out, cost,
                Duration.ofNanos(llmNanos));
    }
}
