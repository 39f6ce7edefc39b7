package org.rhizome.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rhizome.agent.growth.RunStatus;
import org.rhizome.agent.llm.RecordedChatModel;

class GrowAGraphTest {
    @Test
    void growsStopsAndResumesWithoutRepeatingAQuestion(@TempDir Path dir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GrowAGraph.Outcome o = GrowAGraph.run(dir.resolve("store"), new PrintStream(bytes, true,
                StandardCharsets.UTF_8));
        assertThat(o.afterStop().iterations()).isEqualTo(3);
        assertThat(o.afterStop().status()).isEqualTo(RunStatus.STOPPED);
        assertThat(o.afterResume().iterations()).isEqualTo(5);
        // the recorded answers chain their follow-up questions: the run asks the first five recorded questions
        assertThat(o.questions()).isEqualTo(RecordedChatModel.demo().questions().subList(0, 5));
        assertThat(o.concepts()).isEqualTo(o.afterResume().concepts()).isGreaterThan(20);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("iteration 5: ", "stopped: reached 5 iterations");
    }
}
