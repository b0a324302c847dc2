package io.ganlab.corpus;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines without decoding it, in bounded memory whatever the line length.
 *
 * <p>Each call to {@link #next} exposes the line's first {@code maxLineBytes} bytes as
 * {@code bytes()[start(), end())} (the newline and a trailing CR removed) and its full length in bytes and
 * symbols. In UTF-8 mode every byte of the line, kept or not, is validated; the first invalid byte is
 * reported by {@link #invalidAt()}. A UTF-8 byte-order mark at the start of the stream is not part of the first
 * line.
 */
final class LineScanner {
    private final InputStream in;
    private final boolean validate;
    private final int maxLineBytes;
    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private final Utf8 utf8 = new Utf8();

    // the current line
    private byte[] lineBuf;
    private int start;
    private int end;
    private long lineBytes;
    private long lineSymbols;
    private long invalidAt;
    private long lineNo;
    private long offset;      // stream offset of the current line's first byte
    private long nextOffset;  // stream offset of the next line
    private final byte[] longPrefix;
    private static final byte[] CR = {'\r'};

    LineScanner(InputStream in, boolean validateUtf8, int maxLineBytes) {
        this.in = in;
        this.validate = validateUtf8;
        this.maxLineBytes = maxLineBytes;
        this.buf = new byte[Math.max(1 << 20, 2 * maxLineBytes + 8)];
        this.longPrefix = new byte[maxLineBytes + 4];
    }

    /** Reads the next line; false at the end of the stream. */
    boolean next() throws IOException {
        while (true) {
            int nl = -1;
            boolean ascii = true;
            byte[] b = buf;
            int i = pos;
            int lim = limit;
            int acc = 0;
            for (; i < lim; i++) {
                byte c = b[i];
                if (c == '\n') {
                    nl = i;
                    break;
                }
                acc |= c;
            }
            ascii = acc >= 0;
            if (nl >= 0 || (eof && limit > pos)) {
                int lineEnd = nl >= 0 ? nl : limit;
                emit(pos, lineEnd, ascii);
                int consumed = (nl >= 0 ? nl + 1 : limit) - pos;
                pos += consumed;
                nextOffset = offset + consumed;
                skipByteOrderMark();
                return true;
            }
            if (eof) {
                return false;
            }
            if (pos > 0 && (limit - pos) < buf.length) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            if (limit == buf.length) {
                readLongLine();
                skipByteOrderMark();
                return true;
            }
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                eof = true;
            } else {
                limit += r;
            }
        }
    }

    private void emit(int from, int to, boolean ascii) {
        lineNo++;
        offset = nextOffset;
        int e = to;
        if (e > from && buf[e - 1] == '\r') {
            e--;
        }
        lineBytes = e - from;
        invalidAt = -1;
        if (ascii || !validate) {
            lineSymbols = lineBytes;
        } else {
            utf8.reset();
            int bad = utf8.feed(buf, from, e);
            if (bad < 0 && !utf8.complete()) {
                bad = e;
            }
            invalidAt = bad < 0 ? -1 : offset + (bad - from);
            lineSymbols = utf8.symbols();
        }
        lineBuf = buf;
        start = from;
        end = lineBytes > maxLineBytes ? from + prefixEnd(buf, from, maxLineBytes) : e;
    }

    /** A line longer than the buffer: keep its prefix, stream through the rest. */
    private void readLongLine() throws IOException {
        lineNo++;
        offset = nextOffset;
        // one byte more than is kept: prefixEnd looks at the byte at the cut to avoid splitting a sequence
        System.arraycopy(buf, pos, longPrefix, 0, maxLineBytes + 1);
        int keep = prefixEnd(longPrefix, 0, maxLineBytes);
        utf8.reset();
        invalidAt = -1;
        long total = 0;           // bytes of the line (a CR before the newline excluded)
        long consumed = 0;        // bytes of the stream up to the newline (every CR included)
        boolean crPending = false; // a CR ended the previous chunk: part of the line unless LF follows
        while (true) {
            int nl = -1;
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            if (crPending && nl != pos) {
                total++;
                if (validate && invalidAt < 0) {
                    utf8.feed(CR, 0, 1);
                }
            }
            int segEnd = nl >= 0 ? nl : limit;
            crPending = segEnd > pos && buf[segEnd - 1] == '\r';
            int dataEnd = crPending ? segEnd - 1 : segEnd;
            if (validate && invalidAt < 0) {
                int bad = utf8.feed(buf, pos, dataEnd);
                if (bad >= 0) {
                    invalidAt = offset + total + (bad - pos);
                }
            }
            total += dataEnd - pos;
            consumed += segEnd - pos;
            if (nl >= 0) {
                pos = nl + 1;
                break;
            }
            pos = 0;
            limit = 0;
            int r = in.read(buf, 0, buf.length);
            if (r < 0) {
                eof = true; // a CR at the very end is dropped, as on the short-line path
                break;
            }
            limit = r;
        }
        if (validate && invalidAt < 0 && !utf8.complete()) {
            invalidAt = offset + total;
        }
        lineBytes = total;
        lineSymbols = validate ? utf8.symbols() : total;
        lineBuf = longPrefix;
        start = 0;
        end = keep;
        nextOffset = offset + consumed + 1;
    }

    /** Editors write U+FEFF at the start of a file to mark UTF-8; it is no text (as {@code eval jsd} reads samples). */
    private void skipByteOrderMark() {
        if (lineNo == 1 && end - start >= 3 && (lineBuf[start] & 0xFF) == 0xEF && (lineBuf[start + 1] & 0xFF) == 0xBB
                && (lineBuf[start + 2] & 0xFF) == 0xBF) {
            start += 3;
            lineBytes -= 3;
            lineSymbols -= validate ? 1 : 3;
        }
    }

    /** Largest cut at or below {@code max} bytes that does not split a UTF-8 sequence. */
    private static int prefixEnd(byte[] b, int from, int max) {
        int e = max;
        while (e > 0 && (b[from + e] & 0xC0) == 0x80) {
            e--;
        }
        return e;
    }

    byte[] bytes() {
        return lineBuf;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    /** Length of the whole line in bytes (without newline and trailing CR). */
    long lineBytes() {
        return lineBytes;
    }

    /** Length of the whole line in symbols: code points when validating, else bytes. */
    long lineSymbols() {
        return lineSymbols;
    }

    /** Whether only a prefix of the line is exposed. */
    boolean truncated() {
        return end - start < lineBytes;
    }

    /** Stream offset of the first invalid byte of the line, or -1 if it is valid (or not validated). */
    long invalidAt() {
        return invalidAt;
    }

    /** 1-based number of the current line. */
    long lineNumber() {
        return lineNo;
    }
}
