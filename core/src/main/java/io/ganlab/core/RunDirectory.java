package io.ganlab.core;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ganlab.common.Json;
import io.ganlab.common.Provenance;
import io.ganlab.common.RunLayout;
import io.ganlab.common.RunState;
import io.ganlab.common.StagedOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A training run on disk, as training writes it; the file names are {@link RunLayout}'s, which {@code gan report}
 * reads too. Every file but the metrics log is written through {@link StagedOutput}.
 */
public final class RunDirectory {
    private final Path dir;

    public RunDirectory(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path config() {
        return dir.resolve(RunLayout.CONFIG);
    }

    public Path metrics() {
        return dir.resolve(RunLayout.METRICS);
    }

    public Path checkpoints() {
        return dir.resolve(RunLayout.CHECKPOINTS);
    }

    public Path samples() {
        return dir.resolve(RunLayout.SAMPLES);
    }

    public Path plots() {
        return dir.resolve(RunLayout.PLOTS);
    }

    /** {@code samples/iter-00001000.EXT}. */
    public Path samplesAt(long iteration, String extension) {
        return RunLayout.iterationFile(samples(), iteration, extension);
    }

    /**
     * The newest checkpoint whose checksum verifies. A damaged newer one is skipped and said through {@code warn}
     * (the run keeps older checkpoints for this); only when none verifies is it an error, naming every file.
     */
    public Path latestCheckpoint(Consumer<String> warn) throws IOException {
        List<Path> all = Checkpoint.list(checkpoints());
        if (all.isEmpty()) {
            throw new TrainingException(dir + ": the run has no checkpoint yet");
        }
        List<String> damaged = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            Path candidate = all.get(i);
            try {
                Checkpoint.verify(candidate);
                for (String d : damaged) {
                    warn.accept("skipped " + d + "; using " + candidate.getFileName());
                }
                return candidate;
            } catch (TrainingException e) {
                damaged.add(e.getMessage());
            }
        }
        throw new TrainingException(dir + ": no checkpoint verifies: " + String.join("; ", damaged));
    }

    /**
     * Removes the files a session wrote after {@code iteration} under the given folders ({@code iter-N.*} with N
     * greater): a run resumed from an older checkpoint than its newest rewrites them.
     */
    public void forgetAfter(long iteration, List<Path> folders) throws IOException {
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> s = Files.list(folder)) {
                for (Path f : s.toList()) {
                    String name = f.getFileName().toString();
                    int dot = name.lastIndexOf('.');
                    if (dot > 0 && RunLayout.iterationOf(f, name.substring(dot + 1)).orElse(-1) > iteration) {
                        Files.delete(f);
                    }
                }
            }
        }
    }

    /**
     * Deletes what killed processes left half-written in the run (staged files of processes that are gone), so that
     * a run resumed after {@code kill -9} holds only complete files. Called with the run locked.
     */
    public void removeAbandonedFiles() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir, 2)) {
            for (Path p : s.filter(StagedOutput::isAbandoned).toList()) {
                StagedOutput.deleteTree(p);
            }
        }
    }

    /** True when {@code dir} holds a run (a config). */
    public boolean exists() {
        return Files.isRegularFile(config());
    }

    /** Writes the run's state for people and for {@code gan report}. */
    public void status(RunState state, long iteration, Long target, String message) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("state", state.word());
        s.put("iteration", iteration);
        s.put("target_iterations", target);
        s.put("message", message);
        s.put("updated", Instant.now().toString());
        writeJson(dir.resolve(RunLayout.STATUS), s);
    }

    /** Versions, device and threads of this process. */
    public void writeEnvironment() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("tool", Provenance.version());
        env.put("java", System.getProperty("java.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        env.put("cpu", Provenance.cpuModel());
        env.put("cores", Runtime.getRuntime().availableProcessors());
        Engine e = Engine.getInstance();
        env.put("djl", Engine.getDjlVersion());
        env.put("engine", e.getEngineName() + " " + e.getVersion());
        env.put("device", e.defaultDevice().toString());
        env.put("threads", Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors()));
        writeJson(dir.resolve(RunLayout.ENV), env);
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
            for (String f : List.of(RunLayout.CONFIG, RunLayout.ENV, RunLayout.STATUS, RunLayout.METRICS)) {
                Files.deleteIfExists(dir.resolve(f));
            }
            StagedOutput.deleteTree(checkpoints());
            for (Path p : alsoWritten) {
                StagedOutput.deleteTree(p);
            }
        } else if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                // the lock of the session that is preparing the run is not the user's
                if (s.anyMatch(p -> !p.getFileName().toString().equals(RunLayout.LOCK)) && !force) {
                    throw new TrainingException(dir + ": exists and is not empty; choose another --out or pass --force");
                }
            }
        }
        Files.createDirectories(dir);
    }

    public ObjectNode readConfig() {
        try {
            return (ObjectNode) Json.LINE.readTree(config().toFile());
        } catch (IOException | ClassCastException e) {
            throw new TrainingException(config() + ": unreadable run config (" + e.getMessage() + ")");
        }
    }

    /** Writes JSON to {@code file} atomically. */
    public static void writeJson(Path file, Object value) {
        try {
            StagedOutput.writeFile(file, Json.PRETTY.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }
}
