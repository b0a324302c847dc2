package io.ganlab.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongPredicate;

/**
 * A scratch file of lines waiting for the vocabulary: each record is the line's length before truncation and
 * {@code seqLen} provisional symbol ids. Appended sequentially, then streamed back.
 *
 * <p>Records are 16-bit values (the length as two of them, low half first) while every provisional id fits;
 * {@link #widen} rewrites the file with 32-bit values when the 65,536th distinct symbol appears, which only a
 * corpus of rare characters ever reaches. Kept compact because writing fresh pages is the dominant cost on small
 * virtual machines.
 */
final class RecordFile implements AutoCloseable {
    private static final int BUFFER = 1 << 22;
    private final Path path;
    private final int seqLen;
    private FileChannel channel;
    private boolean wide;
    private final ByteBuffer out = ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    private final ShortBuffer outShorts = out.asShortBuffer(); // views of the whole buffer, written at out's position
    private final IntBuffer outInts = out.asIntBuffer();
    private final short[] narrowRecord;
    private final int[] wideRecord;
    private long records;

    RecordFile(Path path, int seqLen) {
        this.path = path;
        this.seqLen = seqLen;
        this.narrowRecord = new short[seqLen + 2];
        this.wideRecord = new int[seqLen + 1];
        this.channel = open(path);
    }

    private static FileChannel open(Path path) {
        try {
            return FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
        } catch (IOException e) {
            throw new CorpusException(path + ": cannot create scratch file (" + e.getMessage() + ")", e);
        }
    }

    private int recordBytes() {
        return wide ? (seqLen + 1) * 4 : (seqLen + 2) * 2;
    }

    /** Appends a line: its length before truncation and {@code seqLen} provisional ids. */
    void append(int length, int[] ids) {
        if (out.remaining() < recordBytes()) {
            flush();
        }
        if (wide) {
            wideRecord[0] = length;
            System.arraycopy(ids, 0, wideRecord, 1, seqLen);
            outInts.put(out.position() / 4, wideRecord);
        } else {
            narrowRecord[0] = (short) length;
            narrowRecord[1] = (short) (length >>> 16);
            for (int i = 0; i < seqLen; i++) {
                narrowRecord[i + 2] = (short) ids[i];
            }
            outShorts.put(out.position() / 2, narrowRecord);
        }
        out.position(out.position() + recordBytes());
        records++;
    }

    private void flush() {
        out.flip();
        try {
            while (out.hasRemaining()) {
                channel.write(out);
            }
        } catch (IOException e) {
            throw new CorpusException(path + ": cannot write scratch file (" + e.getMessage()
                    + "); is the disk full?", e);
        }
        out.clear();
    }

    long size() {
        return records;
    }

    /** Ends writing; records can then be read. */
    void seal() {
        flush();
    }

    /** Rewrites the records written so far with 32-bit values, so that ids of 65,536 and above fit. */
    void widen() {
        if (wide) {
            return;
        }
        flush();
        Path widePath = path.resolveSibling(path.getFileName() + ".wide");
        RecordFile copy = new RecordFile(widePath, seqLen);
        copy.wide = true;
        scan(i -> true, (i, length, ids) -> copy.append(length, ids));
        copy.flush();
        close();
        try {
            Files.delete(path);
            Files.move(widePath, path);
        } catch (IOException e) {
            throw new CorpusException(path + ": cannot replace scratch file (" + e.getMessage() + ")", e);
        }
        channel = copy.channel;
        wide = true;
    }

    /** Receives records of a {@link #scan}. */
    interface Visitor {
        /** Record {@code index}: its length and its ids (a reused array, valid during the call). */
        void record(long index, int length, int[] ids);
    }

    /**
     * Streams the records in order through a reused buffer, decoding those {@code wanted}: sequential reads of
     * the page cache, without the page faults that memory-mapping the scratch file costs on small virtual
     * machines.
     */
    void scan(LongPredicate wanted, Visitor visitor) {
        int recordBytes = recordBytes();
        int perChunk = Math.max(1, BUFFER / recordBytes);
        ByteBuffer chunk = ByteBuffer.allocateDirect(perChunk * recordBytes).order(ByteOrder.LITTLE_ENDIAN);
        ShortBuffer shorts = chunk.asShortBuffer();
        IntBuffer ints = chunk.asIntBuffer();
        int[] ids = new int[seqLen];
        long index = 0;
        long pos = 0;
        try {
            while (index < records) {
                chunk.clear();
                int want = (int) Math.min(perChunk, records - index);
                chunk.limit(want * recordBytes);
                while (chunk.hasRemaining()) {
                    if (channel.read(chunk, pos + chunk.position()) < 0) {
                        throw new IOException("unexpected end of scratch file");
                    }
                }
                pos += chunk.limit();
                for (int k = 0; k < want; k++) {
                    if (!wanted.test(index + k)) {
                        continue;
                    }
                    int length;
                    if (wide) {
                        int off = k * (seqLen + 1);
                        length = ints.get(off);
                        ints.get(off + 1, ids, 0, seqLen);
                    } else {
                        int off = k * (seqLen + 2);
                        length = (shorts.get(off) & 0xFFFF) | (shorts.get(off + 1) & 0xFFFF) << 16;
                        for (int j = 0; j < seqLen; j++) {
                            ids[j] = shorts.get(off + 2 + j) & 0xFFFF;
                        }
                    }
                    visitor.record(index + k, length, ids);
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
            channel.close();
        } catch (IOException e) {
            // scratch only
        }
    }
}
