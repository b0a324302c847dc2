package io.ganlab.corpus;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Fixed-length encoded lines, memory-mapped from a file of little-endian {@code uint16} ids, row-major
 * ({@code lines × seqLen}, no header: the shape lives in the manifest).
 *
 * <p>Files larger than 2 GiB are mapped in several segments of whole lines. Read-only and thread-safe.
 */
public final class EncodedLines {
    /** Lines per mapped segment: keeps each segment under 1 GiB whatever the line length. */
    private final int linesPerSegment;
    private final ShortBuffer[] segments;
    private final long lines;
    private final int seqLen;

    private EncodedLines(ShortBuffer[] segments, int linesPerSegment, long lines, int seqLen) {
        this.segments = segments;
        this.linesPerSegment = linesPerSegment;
        this.lines = lines;
        this.seqLen = seqLen;
    }

    /** Maps {@code file}, checking that its size is exactly {@code lines × seqLen × 2} bytes. */
    public static EncodedLines map(Path file, long lines, int seqLen) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long expected = lines * seqLen * 2L;
            long size = ch.size();
            if (size != expected) {
                throw new CorpusException(file + ": size " + size + " bytes, expected " + expected
                        + " (" + lines + " lines of " + seqLen + " ids); the dataset is damaged or incomplete");
            }
            int perSegment = (int) Math.max(1, (1L << 30) / (seqLen * 2L));
            int n = (int) ((lines + perSegment - 1) / perSegment);
            ShortBuffer[] segs = new ShortBuffer[n];
            for (int s = 0; s < n; s++) {
                long first = (long) s * perSegment;
                long count = Math.min(perSegment, lines - first);
                MappedByteBuffer mb = ch.map(FileChannel.MapMode.READ_ONLY, first * seqLen * 2L, count * seqLen * 2L);
                segs[s] = mb.order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
            }
            return new EncodedLines(segs, perSegment, lines, seqLen);
        } catch (IOException e) {
            throw new CorpusException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Lines of zero length, for empty splits. */
    public static EncodedLines empty(int seqLen) {
        return new EncodedLines(new ShortBuffer[0], 1, 0, seqLen);
    }

    /** Number of lines. */
    public long size() {
        return lines;
    }

    public int seqLen() {
        return seqLen;
    }

    /** Id at position {@code pos} of line {@code line}, as an unsigned value. */
    public int get(long line, int pos) {
        int s = (int) (line / linesPerSegment);
        int off = (int) (line % linesPerSegment) * seqLen + pos;
        return segments[s].get(off) & 0xFFFF;
    }

    /** Copies line {@code line} into {@code dst[0..seqLen)}. */
    public void copy(long line, short[] dst) {
        copy(line, dst, 0);
    }

    /** Copies line {@code line} into {@code dst[offset..offset+seqLen)}. */
    public void copy(long line, short[] dst, int offset) {
        if (line < 0 || line >= lines) {
            throw new IndexOutOfBoundsException("line " + line + " of " + lines);
        }
        int s = (int) (line / linesPerSegment);
        int off = (int) (line % linesPerSegment) * seqLen;
        segments[s].get(off, dst, offset, seqLen);
    }

    /** A new array holding line {@code line}. */
    public short[] line(long line) {
        short[] out = new short[seqLen];
        copy(line, out);
        return out;
    }

    static void checkExists(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CorpusException(file + ": missing; the dataset is incomplete");
        }
    }
}
