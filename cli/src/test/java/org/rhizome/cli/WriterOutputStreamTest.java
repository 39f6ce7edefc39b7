package org.rhizome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class WriterOutputStreamTest {
    @Test
    void decodesMultiByteCharactersSplitAcrossWritesAndFlushes() throws Exception {
        byte[] bytes = "Kurt Gödel → 𝔾".getBytes(StandardCharsets.UTF_8);
        StringWriter w = new StringWriter();
        WriterOutputStream os = new WriterOutputStream(w);
        for (byte b : bytes) {
            os.write(b);
            os.flush();
        }
        os.close();
        assertThat(w.toString()).isEqualTo("Kurt Gödel → 𝔾");
    }

    @Test
    void handlesWritesLargerThanItsBuffer() throws Exception {
        String text = "é".repeat(20_000);
        StringWriter w = new StringWriter();
        try (WriterOutputStream os = new WriterOutputStream(w)) {
            os.write(text.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(w.toString()).isEqualTo(text);
    }
}
