package org.rhizome.agent.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;

/**
 * A chat model that answers from recorded answers instead of a server: the offline demo's model. Each recorded
 * answer belongs to one question; the question is found in the user message on its line starting
 * {@code "Question: "} (the growth loop's prompt format). A question with no recorded answer is refused with a
 * message that says how to configure a real model. Token counts are estimates (characters / 4).
 *
 * <p>{@link #demo()} reads {@code recorded-demo.json} next to this class: answers written for the Rhizome project and
 * recorded, not produced by a live model.
 */
public final class RecordedChatModel implements ChatModel {
    /** The model name recorded as the provenance of what the demo grows. */
    public static final String MODEL_NAME = "rhizome-recorded-demo";
    /** The classpath resource with the demo's recorded answers. */
    public static final String DEMO_RESOURCE = "recorded-demo.json";

    private final Map<String, String> answers;
    private final String name;

    /** A model answering {@code question -> answer} (questions compared after collapsing whitespace). */
    public RecordedChatModel(String name, Map<String, String> answers) {
        this.name = Objects.requireNonNull(name, "name");
        this.answers = new LinkedHashMap<>();
        answers.forEach((q, a) -> this.answers.put(key(q), a));
    }

    /** The demo's recorded answers. */
    public static RecordedChatModel demo() {
        try (InputStream in = RecordedChatModel.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the recorded demo answers " + DEMO_RESOURCE
                        + " are missing from the agent jar");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, String> m = new LinkedHashMap<>();
            for (JsonNode a : root.get("answers")) {
                m.put(a.get("question").asText(), a.get("answer").asText());
            }
            return new RecordedChatModel(root.path("model").asText(MODEL_NAME), m);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recorded demo answers: " + e.getMessage(), e);
        }
    }

    /** The recorded questions, in the order recorded. */
    public List<String> questions() {
        return List.copyOf(answers.keySet());
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        String user = "";
        int promptChars = 0;
        for (ChatMessage m : request.messages()) {
            if (m instanceof UserMessage u && u.hasSingleText()) {
                user = u.singleText();
            }
            promptChars += m.toString().length();
        }
        String question = null;
        for (String line : user.split("\n")) {
            if (line.startsWith("Question: ")) {
                question = line.substring("Question: ".length());
                break;
            }
        }
        String answer = question == null ? null : answers.get(key(question));
        if (answer == null) {
            throw new InvalidRequestException("the recorded demo model has no answer for the question \""
                    + (question == null ? "" : question) + "\"; configure a real model with --llm FILE or "
                    + LlmConfig.ENV_PROVIDER + " (see the README)");
        }
        return ChatResponse.builder().aiMessage(AiMessage.from(answer)).modelName(name)
                .tokenUsage(new TokenUsage(Math.max(1, promptChars / 4), Math.max(1, answer.length() / 4)))
                .finishReason(FinishReason.STOP).build();
    }

    private static String key(String question) {
        return question.strip().replaceAll("\\s+", " ");
    }
}
