package org.rhizome.gnn.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rhizome.graph.RhizomeException;

/** The optimiser against hand computation, a network that must learn XOR, and the parameter file. */
class TrainingCoreTest {

    @Test
    void adamFirstStepByHand() {
        Parameters ps = new Parameters();
        Tensor p = ps.add("p", Tensor.of(new float[] {1f, -2f}, 2));
        p.zeroGrad();
        Ops.sum(Ops.mul(p, Tensor.of(new float[] {0.5f, -3f}, 2))).backward();
        new Adam(ps, 0.1f, 0f, false).step();
        // first step: m_hat = g, v_hat = g^2, so p -= lr * g / (|g| + eps)
        assertThat(p.data()[0]).isCloseTo(1f - 0.1f, within(1e-6f));
        assertThat(p.data()[1]).isCloseTo(-2f + 0.1f, within(1e-6f));

        Parameters qs = new Parameters();
        Tensor q = qs.add("q", Tensor.of(new float[] {2f}, 1));
        Ops.sum(Ops.scale(q, 0.5f)).backward();
        new Adam(qs, 0.1f, 0.5f, true).step();
        // AdamW: q -= lr * wd * q first (2 - 0.1), then the Adam step of size lr
        assertThat(q.data()[0]).isCloseTo(2f - 0.1f * 0.5f * 2f - 0.1f, within(1e-6f));
    }

    @Test
    void clipGradNormScalesToTheBound() {
        Parameters ps = new Parameters();
        Tensor a = ps.add("a", Tensor.zeros(2));
        Tensor b = ps.add("b", Tensor.zeros(1));
        Ops.add(Ops.sum(Ops.mul(a, Tensor.of(new float[] {3f, 0f}, 2))),
                Ops.sum(Ops.mul(b, Tensor.of(new float[] {4f}, 1)))).backward();
        assertThat(ps.clipGradNorm(1.0)).isCloseTo(5.0, within(1e-9));
        assertThat(a.grad()[0]).isCloseTo(0.6f, within(1e-5f));
        assertThat(b.grad()[0]).isCloseTo(0.8f, within(1e-5f));
    }

    /** A 2-8-2 network with tanh learns XOR (a linear model cannot). */
    @Test
    void twoLayerNetworkLearnsXor() {
        Random r = new Random(11);
        Parameters ps = new Parameters();
        Tensor w1 = ps.add("w1", Tensor.uniform(r, 1f, 2, 8));
        Tensor b1 = ps.add("b1", Tensor.zeros(8));
        Tensor w2 = ps.add("w2", Tensor.uniform(r, 0.5f, 8, 2));
        Tensor b2 = ps.add("b2", Tensor.zeros(2));
        Tensor x = Tensor.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
        int[] y = {0, 1, 1, 0};
        Adam adam = new Adam(ps, 0.05f, 0f, false);
        float loss = Float.NaN;
        for (int step = 0; step < 400; step++) {
            ps.zeroGrad();
            Tensor logits = Ops.tanh(x.matmul(w1).add(b1)).matmul(w2).add(b2);
            Tensor l = Nn.crossEntropy(logits, y, 0f);
            l.backward();
            adam.step();
            loss = l.item();
        }
        assertThat(loss).isLessThan(0.05f);
        Tensor logits = Tensor.noGrad(() -> Ops.tanh(x.matmul(w1).add(b1)).matmul(w2).add(b2));
        for (int i = 0; i < 4; i++) {
            int predicted = logits.get(i, 1) > logits.get(i, 0) ? 1 : 0;
            assertThat(predicted).as("XOR row %d", i).isEqualTo(y[i]);
        }
    }

    @Test
    void parameterFileRoundTripAndRefusals(@TempDir Path dir) throws IOException {
        Random r = new Random(2);
        Parameters ps = new Parameters();
        Tensor a = ps.add("a", Tensor.uniform(r, 1, 3, 4));
        Tensor b = ps.add("b", Tensor.uniform(r, 1, 5));
        Path file = dir.resolve("p.bin");
        ps.save(file);
        float[] a0 = a.data().clone();
        float[] b0 = b.data().clone();
        a.data()[0] = 42f;
        b.data()[4] = -42f;
        ps.load(file);
        assertThat(a.data()).containsExactly(a0);
        assertThat(b.data()).containsExactly(b0);

        Parameters other = new Parameters();
        Tensor c = other.add("a", Tensor.zeros(4, 3));
        other.add("b", Tensor.zeros(5));
        assertThatThrownBy(() -> other.load(file)).isInstanceOf(RhizomeException.class)
                .hasMessageContaining("parameter a has shape [3, 4]; the model expects [4, 3]");
        assertThat(c.data()).containsOnly(0f);

        Path corrupt = dir.resolve("corrupt.bin");
        Files.copy(file, corrupt);
        try (RandomAccessFile raf = new RandomAccessFile(corrupt.toFile(), "rw")) {
            raf.seek(40);
            raf.write(raf.read() ^ 0x55);
        }
        a.data()[0] = 7f;
        assertThatThrownBy(() -> ps.load(corrupt)).hasMessageContaining("corrupted");
        assertThat(a.data()[0]).isEqualTo(7f);

        Path truncated = dir.resolve("truncated.bin");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(file), 30));
        assertThatThrownBy(() -> ps.load(truncated)).hasMessageContaining("truncated");
    }
}
