package io.ganlab.core;

import io.ganlab.common.Json;
import io.ganlab.common.RunLayout;
import io.ganlab.common.StagedOutput;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * One file per checkpoint: everything needed to continue a run as if it had never stopped.
 * <pre>
 * "GANLABCK" · format (int) · meta length (int) · meta JSON · generator parameters · critic parameters ·
 * generator optimizer state · critic optimizer state · CRC-32C of all preceding bytes (long)
 * </pre>
 * Written to a temporary name, flushed to disk and renamed, so a file with the final name is always complete;
 * the checksum catches a file damaged later.
 */
public final class Checkpoint {
    static final byte[] MAGIC = "GANLABCK".getBytes(StandardCharsets.US_ASCII);
    static final int FORMAT = 1;

    /**
     * What a checkpoint says about itself.
     *
     * @param iteration     generator iterations completed
     * @param time          training wall time so far, seconds
     * @param metricsBytes  length of metrics.jsonl at this point: a resumed run truncates the log there
     * @param config        the run's effective config
     * @param generator     generator parameter names and shapes, to refuse a mismatched network clearly
     * @param critic        critic parameter names and shapes
     */
    public record Meta(long iteration, double time, long metricsBytes, JsonNode config,
                       List<String> generator, List<String> critic) {}

    private Checkpoint() {}

    /** Parameter names and shapes of a block, in order. */
    public static List<String> fingerprint(Block block) {
        List<String> out = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            out.add(p.getKey() + Arrays.toString(p.getValue().getArray().getShape().getShape()));
        }
        return out;
    }

    /** Writes a checkpoint atomically, forced to disk before it takes its name, and returns its path. */
    public static Path save(Path dir, Meta meta, Block generator, Block critic, Optimizer optG, Optimizer optD)
            throws IOException {
        Path file = RunLayout.iterationFile(dir, meta.iteration(), RunLayout.CHECKPOINT_EXTENSION);
        StagedOutput.writeFile(file, true, channel -> {
            OutputStream raw = java.nio.channels.Channels.newOutputStream(channel);
            CRC32C crc = new CRC32C();
            DataOutputStream out = new DataOutputStream(
                    new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16), crc));
            out.write(MAGIC);
            out.writeInt(FORMAT);
            byte[] json = Json.LINE.writeValueAsBytes(meta);
            out.writeInt(json.length);
            out.write(json);
            generator.saveParameters(out);
            critic.saveParameters(out);
            optG.save(out);
            optD.save(out);
            out.flush();
            new DataOutputStream(raw).writeLong(crc.getValue()); // the checksum itself is not checksummed
        });
        return file;
    }

    /** Reads only the meta of a checkpoint, after verifying its checksum. */
    public static Meta meta(Path file) throws IOException {
        verify(file);
        try (DataInputStream in = open(file)) {
            return readMeta(file, in);
        }
    }

    /**
     * Loads parameters and optimizer states into already initialised blocks and optimizers.
     *
     * @throws TrainingException when the file is damaged or holds other networks
     */
    public static Meta load(Path file, NDManager manager, Block generator, Block critic, Optimizer optG, Optimizer optD,
                            List<Parameter> generatorParams, List<Parameter> criticParams) throws IOException {
        verify(file);
        try (DataInputStream in = open(file)) {
            Meta meta = readMeta(file, in);
            check(file, "generator", meta.generator(), fingerprint(generator));
            check(file, "critic", meta.critic(), fingerprint(critic));
            try {
                generator.loadParameters(manager, in);
                critic.loadParameters(manager, in);
                attachGradients(generator);
                attachGradients(critic);
            } catch (ai.djl.MalformedModelException e) {
                throw new TrainingException(file + ": damaged checkpoint (" + e.getMessage() + ")");
            }
            optG.load(in, generatorParams);
            optD.load(in, criticParams);
            return meta;
        }
    }

    /** Loads only the generator's parameters (for sampling). */
    public static Meta loadGenerator(Path file, NDManager manager, Block generator) throws IOException {
        verify(file);
        try (DataInputStream in = open(file)) {
            Meta meta = readMeta(file, in);
            check(file, "generator", meta.generator(), fingerprint(generator));
            try {
                generator.loadParameters(manager, in);
            } catch (ai.djl.MalformedModelException e) {
                throw new TrainingException(file + ": damaged checkpoint (" + e.getMessage() + ")");
            }
            return meta;
        }
    }

    /** Loaded arrays come without gradients: trainable parameters need theirs back. */
    private static void attachGradients(Block block) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
    }

    /** Checkpoints of a run, oldest first. Partial files are ignored. */
    public static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> iterationOf(p) >= 0)
                    .sorted((a, b) -> Long.compare(iterationOf(a), iterationOf(b)))
                    .toList();
        }
    }

    static long iterationOf(Path p) {
        return RunLayout.iterationOf(p, RunLayout.CHECKPOINT_EXTENSION).orElse(-1);
    }

    /** Deletes all but the newest {@code keep} checkpoints. */
    public static void prune(Path dir, int keep) throws IOException {
        List<Path> all = list(dir);
        for (int i = 0; i < all.size() - keep; i++) {
            Files.deleteIfExists(all.get(i));
        }
    }

    private static void check(Path file, String what, List<String> saved, List<String> now) {
        if (!saved.equals(now)) {
            String detail = "";
            for (int i = 0; i < Math.min(saved.size(), now.size()); i++) {
                if (!saved.get(i).equals(now.get(i))) {
                    detail = ": checkpoint has " + saved.get(i) + ", this network " + now.get(i);
                    break;
                }
            }
            if (detail.isEmpty()) {
                detail = ": checkpoint has " + saved.size() + " parameters, this network " + now.size();
            }
            throw new TrainingException(file + ": the " + what + " in this checkpoint is a different network" + detail);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }

    private static Meta readMeta(Path file, DataInputStream in) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new TrainingException(file + ": not a ganlab checkpoint");
        }
        int format = in.readInt();
        if (format != FORMAT) {
            throw new TrainingException(file + ": checkpoint format " + format + ", this tool reads " + FORMAT);
        }
        int len = in.readInt();
        if (len < 2 || len > (64 << 20)) {
            throw new TrainingException(file + ": damaged checkpoint (meta length " + len + ")");
        }
        byte[] json = new byte[len];
        in.readFully(json);
        return Json.PRETTY.readValue(json, Meta.class);
    }

    /** Streams the file once to compare its checksum; a truncated or altered file is refused. */
    /** Checks the size and checksum of a checkpoint file; a damaged one is a {@link TrainingException}. */
    public static void verify(Path file) throws IOException {
        long size = Files.size(file);
        if (size < MAGIC.length + 16) {
            throw new TrainingException(file + ": damaged checkpoint (only " + size + " bytes)");
        }
        CRC32C crc = new CRC32C();
        try (InputStream raw = Files.newInputStream(file);
             CheckedInputStream in = new CheckedInputStream(new BufferedInputStream(raw, 1 << 16), crc)) {
            long body = size - Long.BYTES;
            byte[] buf = new byte[1 << 16];
            long left = body;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new EOFException();
                }
                left -= n;
            }
            if (trailer(file) != crc.getValue()) {
                throw new TrainingException(file + ": damaged checkpoint (checksum mismatch)");
            }
        } catch (EOFException e) {
            throw new TrainingException(file + ": damaged checkpoint (truncated)");
        }
    }

    private static long trailer(Path file) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(Long.BYTES);
            ch.read(b, ch.size() - Long.BYTES);
            return b.flip().getLong();
        }
    }
}
