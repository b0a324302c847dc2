package io.ganlab.common;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The one way this tool writes an output: a file or a directory is built under a hidden sibling name
 * ({@code .NAME.partial-PID}) and moved into place only when complete, so that an interrupted command never
 * leaves a half-written output that looks finished. Rules: a directory never replaces a file nor a file a
 * directory; a failed replace puts the old output back; a staged output can be removed when the JVM stops
 * (Ctrl-C) with {@link #removeOnExit}.
 */
public final class StagedOutput {
    /** Writes the content of a file being staged; {@code Channels.newOutputStream(channel)} gives a stream. */
    @FunctionalInterface
    public interface Body {
        void writeTo(FileChannel channel) throws IOException;
    }

    private StagedOutput() {}

    /** Where {@code out} is built: {@code .NAME.partial-PID} next to it, never taken for a finished output. */
    public static Path stagingPath(Path out) {
        Path abs = out.toAbsolutePath().normalize();
        return abs.resolveSibling("." + abs.getFileName() + ".partial-" + ProcessHandle.current().pid());
    }

    /** A name this class stages under: {@code .NAME.partial-PID} or {@code .NAME.partial-PID-TID} or {@code .NAME.old-PID}. */
    private static final java.util.regex.Pattern STAGING =
            java.util.regex.Pattern.compile("\\..+\\.(partial|old)-(\\d+)(-\\d+)?");

    /** True for a name this class stages under, so that listings can skip it. */
    public static boolean isStagingName(String fileName) {
        return STAGING.matcher(fileName).matches();
    }

    /**
     * True for a staged output whose writing process is gone (killed before it could clean up): nothing will ever
     * finish it, and it may be deleted.
     */
    public static boolean isAbandoned(Path p) {
        java.util.regex.Matcher m = STAGING.matcher(p.getFileName().toString());
        if (!m.matches()) {
            return false;
        }
        try {
            long pid = Long.parseLong(m.group(2));
            return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Deletes the partial outputs that killed processes left beside {@code out} ({@code .NAME.partial-PID…} of a
     * process that is gone). A moved-aside previous output ({@code .NAME.old-PID}) is never deleted here: after a
     * kill at the wrong moment it may be the only copy.
     */
    public static void removeAbandonedSiblings(Path out) throws IOException {
        Path abs = out.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        String prefix = "." + abs.getFileName() + ".partial-";
        try (Stream<Path> s = Files.list(parent)) {
            for (Path p : s.filter(f -> f.getFileName().toString().startsWith(prefix) && isAbandoned(f)).toList()) {
                deleteTree(p);
            }
        }
    }

    /**
     * Writes the file {@code out} atomically: {@code body} writes to a staging file beside it, which then replaces
     * {@code out} (a file, or nothing; never a directory). Nothing is left behind when {@code body} or the move
     * fails. Threads of one process may stage the same file at once: the staging name carries the thread.
     *
     * @param sync force the content to disk before the rename, for files that must survive a power cut whole
     *             (checkpoints); without it a crash may leave a complete name with lost content, which only
     *             checksummed files detect
     */
    public static void writeFile(Path out, boolean sync, Body body) throws IOException {
        Path abs = out.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new FileAlreadyExistsException(out.toString(), null, "is a directory; refusing to replace it");
        }
        Files.createDirectories(abs.getParent());
        removeAbandonedSiblings(abs);
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".partial-" + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().getId());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                body.writeTo(ch);
                if (sync) {
                    ch.force(true);
                }
            }
            moveIntoPlace(tmp, abs, true);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** {@link #writeFile(Path, boolean, Body)} of bytes, not forced to disk. */
    public static void writeFile(Path out, byte[] bytes) throws IOException {
        writeFile(out, false, ch -> {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
        });
    }

    /**
     * Moves the complete {@code staged} output to {@code out}, atomically where the file system allows. An
     * existing directory at {@code out} is first moved aside and deleted only after the new one is in place; a
     * directory never replaces a file, nor a file a directory.
     *
     * @param replace whether an output already at {@code out} may be replaced; the caller has checked this before
     *                starting, so an output found here appeared while this one was written
     * @throws FileAlreadyExistsException when {@code out} exists and {@code replace} is false, or is of the other
     *                                    kind (file or directory)
     */
    public static void moveIntoPlace(Path staged, Path out, boolean replace) throws IOException {
        Path old = null;
        if (Files.exists(out)) {
            if (!replace) {
                throw new FileAlreadyExistsException(out.toString(), null,
                        "appeared while this output was written; use --force to replace it");
            }
            if (Files.isDirectory(out) != Files.isDirectory(staged)) {
                throw new FileAlreadyExistsException(out.toString(), null, "exists and is "
                        + (Files.isDirectory(out) ? "a directory" : "not a directory") + "; refusing to replace it");
            }
            if (Files.isDirectory(out)) {
                old = out.resolveSibling("." + out.getFileName() + ".old-" + ProcessHandle.current().pid());
                deleteTree(old);
                move(out, old);
            }
        }
        try {
            move(staged, out);
        } catch (IOException e) {
            if (old != null) {
                move(old, out);           // put the previous output back: a failed replace loses nothing
            }
            throw e;
        }
        if (old != null) {
            deleteTreeQuietly(old);       // the new output is in place; a leftover .old-PID is only clutter
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes a file or a directory tree; nothing happens when {@code p} does not exist. */
    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * {@link #deleteTree} for clean-up after a failure, where a second error must not hide the first; a leftover
     * is named {@code .partial-PID} and never opened as an output.
     */
    public static void deleteTreeQuietly(Path p) {
        try {
            deleteTree(p);
        } catch (IOException | RuntimeException e) {
            // best effort, see above
        }
    }

    /**
     * Removes {@code staged} if the JVM stops (Ctrl-C, SIGTERM) before {@link Registration#close()}. The writing
     * thread keeps running while shutdown hooks do, and may create a file in the tree after it was listed, so the
     * removal is retried until the tree is gone (for up to five seconds).
     */
    public static Registration removeOnExit(Path staged) {
        Thread hook = new Thread(() -> {
            for (int attempt = 0; attempt < 100 && Files.exists(staged, LinkOption.NOFOLLOW_LINKS); attempt++) {
                deleteTreeQuietly(staged);
                if (Files.exists(staged, LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "ganlab-staged-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        return new Registration(hook);
    }

    /** A pending removal on exit; closing it cancels the removal (the output is in place or already gone). */
    public static final class Registration implements AutoCloseable {
        private final Thread hook;

        private Registration(Thread hook) {
            this.hook = hook;
        }

        @Override
        public void close() {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: nothing to cancel
            }
        }
    }
}
