package io.ganlab.eval;

import io.ganlab.corpus.Dataset;
import io.ganlab.corpus.EncodedLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Answers "does this sample occur verbatim among the training lines?": a sorted array of 64-bit hashes of
 * the training lines with their line numbers; a hash match is confirmed against the line itself, so the
 * answer is exact. Cached beside the dataset like the n-gram models ({@code ngrams/train-lines.bin}).
 */
public final class TrainLineIndex {
    private final EncodedLines lines;
    private final long[] hashes;
    private final long[] lineNumbers;

    private TrainLineIndex(EncodedLines lines, long[] hashes, long[] lineNumbers) {
        this.lines = lines;
        this.hashes = hashes;
        this.lineNumbers = lineNumbers;
    }

    /** Builds the index of {@code lines} (no cache). */
    static TrainLineIndex build(EncodedLines lines, int threads) {
        int n = Math.toIntExact(lines.size());
        long[] hashes = new long[n];
        long[] numbers = new long[n];
        LineSource src = LineSource.of(lines);
        Parallel.parallelOverLines(src, threads, (part, from, to) -> {
            short[] buf = new short[lines.seqLen()];
            for (long i = from; i < to; i++) {
                lines.copy(i, buf);
                hashes[(int) i] = hash(buf, 0, buf.length);
                numbers[(int) i] = i;
            }
            return null;
        });
        RadixSort.sort(hashes, numbers, n, 64, 0, new long[n], new long[n]);
        return new TrainLineIndex(lines, hashes, numbers);
    }

    /** Loads the cached index of the dataset's training lines, or builds and caches it. */
    public static TrainLineIndex load(Dataset ds, String toolVersion, int threads, Consumer<String> log) {
        Path f = ds.dir().resolve(TrueModels.DIR).resolve("train-lines.bin");
        CacheFile.Key key = new CacheFile.Key("train-lines", ds.checksum(), toolVersion,
                new int[] {TrueModels.FORMAT, ds.seqLen()});
        if (Files.exists(f)) {
            try {
                CacheFile.Contents c = CacheFile.read(f, key);
                if (c.longs().length == 2 && c.longs()[0].length == ds.train().size()
                        && c.longs()[1].length == ds.train().size()) {
                    return new TrainLineIndex(ds.train(), c.longs()[0], c.longs()[1]);
                }
                log.accept(f + ": cached line index does not fit the dataset; building it again");
            } catch (CacheFile.Stale e) {
                log.accept(f + ": cached line index is stale (" + e.getMessage() + "); building it again");
            } catch (IOException e) {
                log.accept(f + ": cannot read the cached line index (" + e.getMessage() + "); building it again");
            }
        }
        TrainLineIndex idx = build(ds.train(), threads);
        try {
            Files.createDirectories(f.getParent());
            CacheFile.write(f, key, new long[][] {idx.hashes, idx.lineNumbers}, new int[0][]);
        } catch (IOException e) {
            log.accept(f + ": cannot write the cache (" + e.getMessage() + ")");
        }
        return idx;
    }

    /** Whether {@code ids[from..from+seqLen)} is one of the training lines. */
    public boolean contains(short[] ids, int from) {
        int seqLen = lines.seqLen();
        long h = hash(ids, from, seqLen);
        int a = 0;
        int b = hashes.length;
        while (a < b) {
            int m = (a + b) >>> 1;
            if (Long.compareUnsigned(hashes[m], h) < 0) {
                a = m + 1;
            } else {
                b = m;
            }
        }
        short[] buf = new short[seqLen];
        for (int i = a; i < hashes.length && hashes[i] == h; i++) {
            lines.copy(lineNumbers[i], buf);
            if (java.util.Arrays.equals(buf, 0, seqLen, ids, from, from + seqLen)) {
                return true;
            }
        }
        return false;
    }

    /** Share of the samples that are training lines. */
    public double copiedShare(Samples s) {
        if (s.seqLen() != lines.seqLen()) {
            throw new EvalException("samples of " + s.seqLen() + " symbols, training lines of " + lines.seqLen());
        }
        short[] buf = new short[s.seqLen()];
        int copied = 0;
        for (int i = 0; i < s.count(); i++) {
            s.copy(i, buf);
            if (contains(buf, 0)) {
                copied++;
            }
        }
        return (double) copied / s.count();
    }

    static long hash(short[] ids, int from, int len) {
        long h = 0x9E3779B97F4A7C15L ^ len;
        for (int i = from; i < from + len; i++) {
            h = Long.rotateLeft(h ^ (ids[i] & 0xFFFF) * 0xC2B2AE3D27D4EB4FL, 31) * 0x9E3779B97F4A7C15L;
        }
        // murmur3 finaliser: spreads every input bit over the word
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
