package io.ganlab.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A training run on disk, the layout {@code gan report} reads:
 * <pre>
 * RUN/config.json     effective config          RUN/metrics.jsonl  one JSON object per line
 * RUN/env.json        versions, device, threads RUN/samples/iter-NNNNNNNN.txt
 * RUN/status.json     running|finished|stopped|failed, iteration, message
 * RUN/checkpoints/iter-NNNNNNNN.ckpt
 * </pre>
 * Every file but the metrics log is written to a temporary name and renamed when complete.
 */
public final class RunDirectory {
    /** The one JSON mapper of run files. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** Compact mapper for one-line records. */
    public static final ObjectMapper JSON_LINE = new ObjectMapper();

    public static final String CONFIG = "config.json";
    public static final String ENV = "env.json";
    public static final String STATUS = "status.json";
    public static final String METRICS = "metrics.jsonl";

    private final Path dir;

    public RunDirectory(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path config() {
        return dir.resolve(CONFIG);
    }

    public Path metrics() {
        return dir.resolve(METRICS);
    }

    public Path checkpoints() {
        return dir.resolve("checkpoints");
    }

    public Path samples() {
        return dir.resolve("samples");
    }

    /** {@code samples/iter-00001000.txt}. */
    public Path samplesAt(long iteration) {
        return samples().resolve(String.format("iter-%08d.txt", iteration));
    }

    /** True when {@code dir} holds a run (a config). */
    public boolean exists() {
        return Files.isRegularFile(config());
    }

    /** Writes the run's state for people and for {@code gan report}. */
    public void status(String state, long iteration, Long target, String message) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("state", state);
        s.put("iteration", iteration);
        s.put("target_iterations", target);
        s.put("message", message);
        s.put("updated", Instant.now().toString());
        writeJson(dir.resolve(STATUS), s);
    }

    /** Versions, device and threads of this process. */
    public void writeEnvironment(Map<String, Object> extra) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("tool", ToolInfo.version());
        env.put("java", System.getProperty("java.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        env.put("cpu", ToolInfo.cpuModel());
        env.put("cores", Runtime.getRuntime().availableProcessors());
        env.putAll(extra);
        writeJson(dir.resolve(ENV), env);
    }

    public ObjectNode readConfig() {
        try {
            return (ObjectNode) JSON.readTree(config().toFile());
        } catch (IOException | ClassCastException e) {
            throw new TrainingException(config() + ": unreadable run config (" + e.getMessage() + ")");
        }
    }

    /** Writes JSON to {@code file} atomically. */
    public static void writeJson(Path file, Object value) {
        try {
            writeAtomically(file, JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code bytes} to a temporary sibling and renames it over {@code file}. */
    public static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".partial");
        Files.write(tmp, bytes);
        move(tmp, file);
    }

    static void move(Path tmp, Path file) throws IOException {
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
