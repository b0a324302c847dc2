package io.ganlab.core;

import ai.djl.engine.Engine;
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
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
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

    /** The newest complete checkpoint of the run. */
    public Path latestCheckpoint() throws IOException {
        List<Path> all = Checkpoint.list(checkpoints());
        if (all.isEmpty()) {
            throw new TrainingException(dir + ": the run has no checkpoint yet");
        }
        return all.get(all.size() - 1);
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
    public void writeEnvironment() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("tool", ToolInfo.version());
        env.put("java", System.getProperty("java.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        env.put("cpu", ToolInfo.cpuModel());
        env.put("cores", Runtime.getRuntime().availableProcessors());
        Engine e = Engine.getInstance();
        env.put("djl", Engine.getDjlVersion());
        env.put("engine", e.getEngineName() + " " + e.getVersion());
        env.put("device", e.defaultDevice().toString());
        env.put("threads", Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors()));
        writeJson(dir.resolve(ENV), env);
    }

    /**
     * Makes the directory ready for a new run. One that holds a run is refused unless {@code force}; then only
     * what a run writes is removed (its files, checkpoints and {@code alsoWritten}), so anything else
     * the user put there stays. A non-empty directory that holds no run is refused unless {@code force}.
     */
    public void prepareNew(boolean force, Path... alsoWritten) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new TrainingException(dir + ": exists and is not a directory");
        }
        if (exists() || Files.exists(metrics()) || Files.isDirectory(checkpoints())) {
            if (!force) {
                throw new TrainingException(dir + ": already holds a run; --resume continues it, --force replaces it");
            }
            for (String f : List.of(CONFIG, ENV, STATUS, METRICS)) {
                Files.deleteIfExists(dir.resolve(f));
            }
            deleteTree(checkpoints());
            for (Path p : alsoWritten) {
                deleteTree(p);
            }
        } else if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent() && !force) {
                    throw new TrainingException(dir + ": exists and is not empty; choose another --out or pass --force");
                }
            }
        }
        Files.createDirectories(dir);
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
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
