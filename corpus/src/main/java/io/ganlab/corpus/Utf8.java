package io.ganlab.corpus;

/**
 * Streaming UTF-8 validation and symbol counting, byte by byte, so that a line of any length can be
 * checked without holding it. Rejects what Java's strict decoder rejects: overlongs, surrogates, code
 * points above U+10FFFF, stray continuation bytes and truncated sequences.
 */
final class Utf8 {
    private int need;      // continuation bytes still expected
    private int lo = 0x80; // allowed range of the next continuation byte
    private int hi = 0xBF;
    private long symbols;  // code points started so far

    /** Feeds bytes; returns the index of the first invalid byte, or -1. */
    int feed(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            int c = b[i] & 0xFF;
            if (need == 0) {
                if (c < 0x80) {
                    symbols++;
                    continue;
                }
                symbols++;
                if (c >= 0xC2 && c <= 0xDF) {
                    need = 1; lo = 0x80; hi = 0xBF;
                } else if (c == 0xE0) {
                    need = 2; lo = 0xA0; hi = 0xBF;
                } else if (c == 0xED) {
                    need = 2; lo = 0x80; hi = 0x9F;
                } else if (c >= 0xE1 && c <= 0xEF) {
                    need = 2; lo = 0x80; hi = 0xBF;
                } else if (c == 0xF0) {
                    need = 3; lo = 0x90; hi = 0xBF;
                } else if (c >= 0xF1 && c <= 0xF3) {
                    need = 3; lo = 0x80; hi = 0xBF;
                } else if (c == 0xF4) {
                    need = 3; lo = 0x80; hi = 0x8F;
                } else {
                    return i;
                }
            } else {
                if (c < lo || c > hi) {
                    return i;
                }
                need--;
                lo = 0x80;
                hi = 0xBF;
            }
        }
        return -1;
    }

    /** True when no multi-byte sequence is left open (call at the end of a line). */
    boolean complete() {
        return need == 0;
    }

    long symbols() {
        return symbols;
    }

    void reset() {
        need = 0;
        lo = 0x80;
        hi = 0xBF;
        symbols = 0;
    }

    /**
     * Decodes up to {@code max} code points of valid UTF-8 in {@code b[from, to)} into {@code out}.
     *
     * @return number of code points written
     */
    static int decode(byte[] b, int from, int to, int[] out, int max) {
        int n = 0;
        int i = from;
        while (i < to && n < max) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                out[n++] = c;
                i++;
            } else if (c < 0xE0) {
                out[n++] = (c & 0x1F) << 6 | (b[i + 1] & 0x3F);
                i += 2;
            } else if (c < 0xF0) {
                out[n++] = (c & 0x0F) << 12 | (b[i + 1] & 0x3F) << 6 | (b[i + 2] & 0x3F);
                i += 3;
            } else {
                out[n++] = (c & 0x07) << 18 | (b[i + 1] & 0x3F) << 12 | (b[i + 2] & 0x3F) << 6 | (b[i + 3] & 0x3F);
                i += 4;
            }
        }
        return n;
    }
}
