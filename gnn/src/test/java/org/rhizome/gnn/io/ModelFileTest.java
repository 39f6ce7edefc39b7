package org.rhizome.gnn.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rhizome.gnn.data.IdMap;
import org.rhizome.gnn.model.KgeModel;
import org.rhizome.gnn.model.ModelKind;

class ModelFileTest {
    @TempDir
    Path dir;

    private static TrainedModel model(ModelKind kind) {
        IdMap e = new IdMap();
        for (int i = 0; i < 6; i++) {
            e.idOf("https://example.org/e" + i);
        }
        IdMap r = new IdMap();
        r.idOf("knows");
        r.idOf("likes");
        return new TrainedModel(KgeModel.random(kind, 6, 2, 8, 0.5f, 3), e, r, "{\"model\":\"" + kind + "\"}");
    }

    @Test
    void roundTripsEveryModel() {
        for (ModelKind kind : ModelKind.values()) {
            TrainedModel m = model(kind);
            Path f = dir.resolve(kind + ".rzkge");
            ModelFile.write(m, f);
            TrainedModel back = ModelFile.read(f);
            assertThat(back.model().kind()).isEqualTo(kind);
            assertThat(back.model().entities()).containsExactly(m.model().entities());
            assertThat(back.model().relations()).containsExactly(m.model().relations());
            assertThat(back.model().phaseScale()).isEqualTo(m.model().phaseScale());
            assertThat(back.entities().names()).isEqualTo(m.entities().names());
            assertThat(back.relations().names()).containsExactly("knows", "likes");
            assertThat(back.config()).isEqualTo(m.config());
            assertThat(back.model().score(1, 1, 4)).isEqualTo(m.model().score(1, 1, 4));
            assertThat(back.predictTails("https://example.org/e1", "likes", 3))
                    .isEqualTo(m.predictTails("https://example.org/e1", "likes", 3));
        }
    }

    @Test
    void truncatedCorruptedAndForeignFilesAreRefusedWithTheReason() throws Exception {
        Path f = dir.resolve("m.rzkge");
        ModelFile.write(model(ModelKind.COMPLEX), f);
        byte[] bytes = Files.readAllBytes(f);
        Path truncated = Files.write(dir.resolve("t.rzkge"), Arrays.copyOf(bytes, bytes.length - 30));
        assertThatThrownBy(() -> ModelFile.read(truncated)).hasMessageContaining("truncated");
        byte[] flipped = bytes.clone();
        flipped[bytes.length - 40] ^= 0x10;
        Path corrupted = Files.write(dir.resolve("c.rzkge"), flipped);
        assertThatThrownBy(() -> ModelFile.read(corrupted)).hasMessageContaining("checksum");
        byte[] v2 = bytes.clone();
        v2[9] = 2; // the version int follows the 6-byte magic: bytes 6..9
        Path other = Files.write(dir.resolve("v.rzkge"), v2);
        assertThatThrownBy(() -> ModelFile.read(other)).hasMessageContaining("format version 2")
                .hasMessageContaining("reads version 1");
        Path text = Files.writeString(dir.resolve("x.rzkge"), "hello, not a model");
        assertThatThrownBy(() -> ModelFile.read(text)).hasMessageContaining("not a Rhizome model file");
        assertThat(Files.list(dir).filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
    }
}
