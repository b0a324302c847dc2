package io.ganlab.eval;

import io.ganlab.corpus.EncodedLines;

/** Fixed-length lines of symbol ids that n-grams are counted over: dataset splits or samples. */
interface LineSource {
    long lines();

    int seqLen();

    /** Copies line {@code line} into {@code dst[0..seqLen)}; must be safe to call from several threads. */
    void read(long line, short[] dst);

    /** Fails if a scan found {@code got} windows where an earlier one found {@code expected}. */
    static void checkRead(long got, long expected) {
        if (got != expected) {
            throw new IllegalStateException("gathered " + got + " keys, expected " + expected
                    + "; the lines changed while being read");
        }
    }

    static LineSource of(EncodedLines lines) {
        return new LineSource() {
            @Override
            public long lines() {
                return lines.size();
            }

            @Override
            public int seqLen() {
                return lines.seqLen();
            }

            @Override
            public void read(long line, short[] dst) {
                lines.copy(line, dst);
            }
        };
    }
}
