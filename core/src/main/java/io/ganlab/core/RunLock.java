package io.ganlab.core;

import io.ganlab.common.RunLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The claim of one process on a run directory while it trains: an OS file lock on {@code RUN/.lock}, which the
 * operating system releases when the process ends however it ends (a killed process never leaves it stuck). The
 * file holds the owner's process id, so that a second writer is refused with a line naming the process.
 */
public final class RunLock implements AutoCloseable {
    /**
     * Runs this process holds. Closing any channel of a file drops all of the process's POSIX locks on it, so a
     * second claim from this process must be refused before it opens a channel of its own.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code run} for this process.
     *
     * @throws TrainingException when another process (or another run in this one) holds the run
     */
    public static RunLock acquire(RunDirectory run) throws IOException {
        if (Files.exists(run.dir()) && !Files.isDirectory(run.dir())) {
            throw new TrainingException(run.dir() + ": exists and is not a directory");
        }
        Files.createDirectories(run.dir());
        Path key = run.dir().toRealPath();
        if (!HELD.add(key)) {
            throw inUse(run, String.valueOf(ProcessHandle.current().pid()));
        }
        try {
            Path file = run.dir().resolve(RunLayout.LOCK);
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException | IOException e) {
                ch.close();
                throw e;
            }
            if (lock == null) {
                String owner = owner(ch);
                ch.close();      // this process holds no lock on the file, so closing drops nothing
                throw inUse(run, owner);
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            return new RunLock(key, ch, lock);
        } catch (IOException | RuntimeException e) {
            HELD.remove(key);
            throw e;
        }
    }

    private static TrainingException inUse(RunDirectory run, String owner) {
        return new TrainingException(run.dir() + ": in use by " + (owner.isEmpty() ? "another process"
                : "process " + owner) + ", which is training this run; wait for it to end or stop it first");
    }

    private static String owner(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(32);
        ch.read(b, 0);
        return new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).trim();
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
            HELD.remove(key);
        }
    }
}
