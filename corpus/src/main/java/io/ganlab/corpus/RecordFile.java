package io.ganlab.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A scratch file of fixed-size records of 16-bit values, appended sequentially and then read back at random
 * through memory maps: how lines wait on disk, not on the heap, until the vocabulary is known. Kept compact
 * because writing fresh pages is the dominant cost on small virtual machines.
 */
final class RecordFile implements AutoCloseable {
    private final Path path;
    private final int recordShorts;
    private final FileChannel ch;
    private final ByteBuffer out;
    private final ShortBuffer outShorts;
    private long records;

    RecordFile(Path path, int recordShorts) {
        this.path = path;
        this.recordShorts = recordShorts;
        this.out = ByteBuffer.allocateDirect(1 << 22).order(ByteOrder.LITTLE_ENDIAN);
        this.outShorts = out.asShortBuffer();
        try {
            this.ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
        } catch (IOException e) {
            throw new CorpusException(path + ": cannot create scratch file (" + e.getMessage() + ")", e);
        }
    }

    void append(short[] record) {
        if (outShorts.remaining() < recordShorts) {
            flush();
        }
        outShorts.put(record, 0, recordShorts);
        records++;
    }

    private void flush() {
        out.position(0).limit(outShorts.position() * 2);
        try {
            while (out.hasRemaining()) {
                ch.write(out);
            }
        } catch (IOException e) {
            throw new CorpusException(path + ": cannot write scratch file (" + e.getMessage()
                    + "); is the disk full?", e);
        }
        out.clear();
        outShorts.clear();
    }

    long size() {
        return records;
    }

    /** Ends writing; records can then be read. */
    void seal() {
        flush();
    }

    /** Reads one record (for a few scattered records; use {@link #scan} for many). */
    void read(long record, short[] dst) {
        ByteBuffer b = ByteBuffer.allocate(recordShorts * 2).order(ByteOrder.LITTLE_ENDIAN);
        try {
            long pos = record * recordShorts * 2L;
            while (b.hasRemaining()) {
                if (ch.read(b, pos + b.position()) < 0) {
                    throw new IOException("unexpected end of scratch file");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        b.flip();
        b.asShortBuffer().get(dst, 0, recordShorts);
    }

    /** Visits every record in order; the buffer holds the record at {@code offset}. */
    interface Visitor {
        void record(long index, ShortBuffer buffer, int offset);
    }

    /**
     * Streams all records in order through a reused buffer: sequential reads of the page cache, without
     * the page faults that memory-mapping the scratch file costs on small virtual machines.
     */
    void scan(Visitor visitor) {
        int perChunk = Math.max(1, (1 << 22) / (recordShorts * 2));
        ByteBuffer chunk = ByteBuffer.allocateDirect(perChunk * recordShorts * 2).order(ByteOrder.LITTLE_ENDIAN);
        ShortBuffer shorts = chunk.asShortBuffer();
        long index = 0;
        long pos = 0;
        try {
            while (index < records) {
                chunk.clear();
                int want = (int) Math.min(perChunk, records - index);
                chunk.limit(want * recordShorts * 2);
                while (chunk.hasRemaining()) {
                    int r = ch.read(chunk, pos + chunk.position());
                    if (r < 0) {
                        throw new IOException("unexpected end of scratch file");
                    }
                }
                pos += chunk.limit();
                for (int k = 0; k < want; k++) {
                    visitor.record(index + k, shorts, k * recordShorts);
                }
                index += want;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            ch.close();
        } catch (IOException e) {
            // scratch only
        }
    }
}
