package io.ganlab.core;

import io.ganlab.common.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * The run's metrics as JSON lines, appended and flushed one line at a time so that a crash loses at most the
 * line being written (readers ignore a truncated last line). A resumed run first cuts the log back to the
 * length recorded in its checkpoint, so the iterations it redoes are not logged twice.
 */
public final class MetricsLog implements AutoCloseable {
    private final Path file;
    private final OutputStream out;
    private long bytes;

    private MetricsLog(Path file, OutputStream out, long bytes) {
        this.file = file;
        this.out = out;
        this.bytes = bytes;
    }

    /** A new, empty log. */
    public static MetricsLog create(Path file) throws IOException {
        return new MetricsLog(file, Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), 0);
    }

    /** Continues a log from {@code length} bytes, dropping anything written after that point. */
    public static MetricsLog resume(Path file, long length) throws IOException {
        long size = Files.exists(file) ? Files.size(file) : -1;
        if (size < length) {
            throw new TrainingException(file + ": the metrics log is shorter (" + size + " bytes) than the checkpoint"
                    + " recorded (" + length + "); it was changed after the run stopped");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(length);
        }
        return new MetricsLog(file, Files.newOutputStream(file, StandardOpenOption.APPEND), length);
    }

    public void append(Map<String, Object> line) {
        try {
            byte[] b = Json.LINE.writeValueAsBytes(line);
            out.write(b);
            out.write('\n');
            out.flush();
            bytes += b.length + 1;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write metrics", e);
        }
    }

    /** Bytes written so far, recorded in each checkpoint. */
    public long bytes() {
        return bytes;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
