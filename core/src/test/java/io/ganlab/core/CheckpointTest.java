package io.ganlab.core;

import io.ganlab.common.Json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints appear complete or not at all, are verified on load, and round-trip the weights. */
class CheckpointTest {
    @TempDir
    Path tmp;

    static Block linear(NDManager m, int units, int in) {
        Linear b = Linear.builder().setUnits(units).build();
        b.initialize(m, DataType.FLOAT32, new Shape(1, in));
        return b;
    }

    static List<Parameter> params(Block b) {
        List<Parameter> out = new ArrayList<>();
        b.getParameters().forEach(p -> out.add(p.getValue()));
        return out;
    }

    static Checkpoint.Meta meta(long it, Block g, Block d) {
        return new Checkpoint.Meta(it, 1.5, 42, Json.PRETTY.createObjectNode().put("seed", 1),
                Checkpoint.fingerprint(g), Checkpoint.fingerprint(d));
    }

    /** An optimizer whose state cannot be written: a failure in the middle of a checkpoint. */
    static final class Failing implements Optimizer {
        @Override
        public void step(List<Parameter> params, float lr) {}

        @Override
        public void save(DataOutputStream out) throws IOException {
            out.write(new byte[1000]);
            throw new IOException("disk full");
        }

        @Override
        public void load(DataInputStream in, List<Parameter> params) {}

        @Override
        public void close() {}
    }

    // A write that fails half-way leaves no file with a checkpoint's name, and the previous one intact.
    @Test
    void failedWriteLeavesNothingThatLooksFinished() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Block g = linear(m, 3, 2);
            Block d = linear(m, 1, 3);
            Adam a = new Adam(0.5f, 0.9f, 1e-8f);
            Adam b = new Adam(0.5f, 0.9f, 1e-8f);
            Path dir = tmp.resolve("checkpoints");
            Path first = Checkpoint.save(dir, meta(10, g, d), g, d, a, b);
            byte[] before = Files.readAllBytes(first);
            assertThrows(IOException.class, () -> Checkpoint.save(dir, meta(20, g, d), g, d, a, new Failing()));
            try (Stream<Path> s = Files.list(dir)) {
                assertEquals(List.of(first.getFileName().toString()), s.map(p -> p.getFileName().toString()).toList());
            }
            assertArrayEquals(before, Files.readAllBytes(first));
            assertEquals(List.of(first), Checkpoint.list(dir));
            // a stray partial file from a crash is never listed
            Files.write(dir.resolve(".iter-00000030.ckpt.partial"), new byte[] {1, 2, 3});
            assertEquals(List.of(first), Checkpoint.list(dir));
        }
    }

    // Saved weights come back exactly; truncated or altered files and other networks are refused.
    @Test
    void roundTripAndRefusals() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Block g = linear(m, 3, 2);
            Block d = linear(m, 1, 3);
            Adam a = new Adam(0.5f, 0.9f, 1e-8f);
            Adam b = new Adam(0.5f, 0.9f, 1e-8f);
            float[] w = g.getParameters().get(0).getValue().getArray().toFloatArray();
            Path file = Checkpoint.save(tmp, meta(7, g, d), g, d, a, b);

            Block g2 = linear(m, 3, 2);
            Block d2 = linear(m, 1, 3);
            Checkpoint.Meta got = Checkpoint.load(file, m, g2, d2, new Adam(0.5f, 0.9f, 1e-8f),
                    new Adam(0.5f, 0.9f, 1e-8f), params(g2), params(d2));
            assertEquals(7, got.iteration());
            assertEquals(42, got.metricsBytes());
            assertArrayEquals(w, g2.getParameters().get(0).getValue().getArray().toFloatArray());
            assertTrue(g2.getParameters().get(0).getValue().getArray().hasGradient(), "trainable again after load");

            Block wide = linear(m, 4, 2);
            TrainingException e = assertThrows(TrainingException.class, () -> Checkpoint.load(file, m, wide, d2,
                    new Adam(0.5f, 0.9f, 1e-8f), new Adam(0.5f, 0.9f, 1e-8f), params(wide), params(d2)));
            assertTrue(e.getMessage().contains("different network"), e.getMessage());

            byte[] bytes = Files.readAllBytes(file);
            Path cut = tmp.resolve("cut.ckpt");
            Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 9));
            e = assertThrows(TrainingException.class, () -> Checkpoint.meta(cut));
            assertTrue(e.getMessage().contains("damaged checkpoint"), e.getMessage());
            bytes[bytes.length / 2] ^= 1;
            Path flipped = tmp.resolve("flipped.ckpt");
            Files.write(flipped, bytes);
            e = assertThrows(TrainingException.class, () -> Checkpoint.meta(flipped));
            assertTrue(e.getMessage().contains("checksum"), e.getMessage());
            assertFalse(Files.exists(tmp.resolve(".iter-00000007.ckpt.partial")));
        }
    }
}
