package io.ganlab.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An output (a file or a directory) built under a hidden sibling name and moved into place only when complete,
 * so that an interrupted command never leaves a half-written output that looks finished. Datasets, the demo
 * corpus, JSD results and reports are all written this way.
 */
public final class StagedOutput {
    private StagedOutput() {}

    /** Where {@code out} is built: {@code .NAME.partial-PID} next to it, never taken for a finished output. */
    public static Path stagingPath(Path out) {
        Path abs = out.toAbsolutePath().normalize();
        return abs.resolveSibling("." + abs.getFileName() + ".partial-" + ProcessHandle.current().pid());
    }

    /**
     * Moves the complete {@code staged} output to {@code out}, atomically where the file system allows. An
     * existing directory at {@code out} is first moved aside and deleted only after the new one is in place; a
     * directory never replaces a file, nor a file a directory.
     *
     * @param replace whether an output already at {@code out} may be replaced; the caller has checked this before
     *                starting, so an output found here appeared while this one was written
     * @throws FileAlreadyExistsException when {@code out} exists and {@code replace} is false
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
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
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
        } catch (IOException e) {
            // best effort, see above
        }
    }
}
