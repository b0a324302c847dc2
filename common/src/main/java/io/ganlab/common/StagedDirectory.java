package io.ganlab.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A directory output with a manifest (a dataset) that only ever appears complete. It is built in
 * {@link StagedOutput#stagingPath} ({@code .DIR.partial-PID}, removed on Ctrl-C); {@link #commit} writes the
 * manifest last, so that a directory without one is never taken for finished, and moves the directory into place;
 * {@link #close} without commit deletes it. An existing output is replaced only with {@code force}, an empty
 * directory always, and a directory that is not of this {@link DatasetKind} never: it may be someone's work.
 */
public final class StagedDirectory implements AutoCloseable {
    /** Name of the scratch sub-directory, which never reaches the finished output. */
    public static final String SCRATCH = "scratch";

    private final Path out;
    private final Path staging;
    private final boolean force;
    private final DatasetKind kind;
    private final StagedOutput.Registration cleanup;
    private boolean committed;

    private StagedDirectory(Path out, Path staging, boolean force, DatasetKind kind) {
        this.out = out;
        this.staging = staging;
        this.force = force;
        this.kind = kind;
        this.cleanup = StagedOutput.removeOnExit(staging);
    }

    /**
     * Fails unless {@code out} may be written: absent, an empty directory, or a directory of this kind and
     * {@code force}. Callers check before any work, so that none is done for nothing.
     */
    public static void checkReplaceable(Path out, boolean force, DatasetKind kind) {
        Path abs = out.toAbsolutePath().normalize();
        if (!Files.exists(abs)) {
            return;
        }
        if (!force) {
            throw kind.failure().of(out + ": already exists; use --force to replace it", null);
        }
        if (!Files.isDirectory(abs)) {
            throw kind.failure().of(out + ": exists and is not a directory; refusing to replace it", null);
        }
        if (!isEmptyDir(abs) && !kind.recognises().test(abs)) {
            throw kind.failure().of(out + ": exists and is not " + kind.withArticle()
                    + "; refusing to replace it even with --force", null);
        }
    }

    /** Starts the output {@code out}: checks it may be written, then creates the empty staging directory. */
    public static StagedDirectory create(Path out, boolean force, DatasetKind kind) {
        checkReplaceable(out, force, kind);
        Path abs = out.toAbsolutePath().normalize();
        try {
            Files.createDirectories(abs.getParent());
            StagedOutput.removeAbandonedSiblings(abs);
            Path staging = StagedOutput.stagingPath(abs);
            StagedOutput.deleteTree(staging);
            Files.createDirectory(staging);
            return new StagedDirectory(abs, staging, force, kind);
        } catch (IOException e) {
            throw kind.failure().of(out + ": cannot create (" + e.getMessage() + ")", e);
        }
    }

    private static boolean isEmptyDir(Path p) {
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** Where the files go until {@link #commit}. */
    public Path staging() {
        return staging;
    }

    /** The finished output's path (absolute). */
    public Path out() {
        return out;
    }

    /**
     * A scratch directory inside the staged output: deleted at {@link #commit} before the output moves into place
     * (so no scratch file ever ends up in it), and with the staged output on failure.
     */
    public Path scratch() {
        Path dir = staging.resolve(SCRATCH);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw kind.failure().of(dir + ": cannot create scratch directory (" + e.getMessage() + ")", e);
        }
        return dir;
    }

    /**
     * Deletes the scratch directory, writes {@code manifest} as pretty JSON to the kind's manifest file (last: its
     * presence marks the output complete), then moves the directory into place.
     */
    public void commit(Object manifest) throws IOException {
        StagedOutput.deleteTree(staging.resolve(SCRATCH));
        Json.PRETTY.writeValue(staging.resolve(kind.manifest()).toFile(), manifest);
        StagedOutput.moveIntoPlace(staging, out, force);
        committed = true;
        cleanup.close();
    }

    /** Deletes the staged directory unless it was committed; the caller closes its own files in it first. */
    @Override
    public void close() {
        if (!committed) {
            StagedOutput.deleteTreeQuietly(staging);
            cleanup.close();
        }
    }
}
