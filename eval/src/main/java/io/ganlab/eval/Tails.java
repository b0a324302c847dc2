package io.ganlab.eval;

/**
 * The last {@code k} ids of each line of another source, held in memory: the windows of a line that start too
 * late to be the prefix of a longer window lie there (see {@link NgramCounter}). Shorter tails of these are
 * views of the same array, not copies.
 */
final class Tails implements LineSource {
    private final short[] ids; // line i at [i * stride + offset, … + seqLen)
    private final int stride;
    private final int offset;
    private final int seqLen;
    private final long lines;

    private Tails(short[] ids, int stride, int offset, int seqLen, long lines) {
        this.ids = ids;
        this.stride = stride;
        this.offset = offset;
        this.seqLen = seqLen;
        this.lines = lines;
    }

    /** The last {@code k} ids of each line of {@code src} ({@code 0 < k <= src.seqLen()}); threads copy line ranges. */
    static Tails of(LineSource src, int k, int threads) {
        if (k < 1 || k > src.seqLen()) {
            throw new IllegalArgumentException("tails of " + k + " of lines of " + src.seqLen());
        }
        if (src instanceof Tails t) {
            return new Tails(t.ids, t.stride, t.offset + t.seqLen - k, k, t.lines);
        }
        long size = src.lines() * k;
        if (size > Integer.MAX_VALUE - 16) {
            throw new EvalException(src.lines() + " lines are too many to hold their last " + k + " symbols at once");
        }
        short[] ids = new short[(int) size];
        int skip = src.seqLen() - k;
        Parallel.parallelOverLines(src, threads, (part, from, to) -> {
            short[] buf = new short[src.seqLen()];
            for (long line = from; line < to; line++) {
                src.read(line, buf);
                System.arraycopy(buf, skip, ids, (int) (line * k), k);
            }
            return null;
        });
        return new Tails(ids, k, 0, k, src.lines());
    }

    @Override
    public long lines() {
        return lines;
    }

    @Override
    public int seqLen() {
        return seqLen;
    }

    @Override
    public void read(long line, short[] dst) {
        System.arraycopy(ids, (int) (line * stride) + offset, dst, 0, seqLen);
    }
}
