package io.ganlab.eval;

import java.util.Arrays;
import java.util.List;

/**
 * How often each symbol id occurs in some lines, and codes for them that make narrow n-gram keys. A code
 * table of {@code b} bits numbers up to {@code 2^b} symbols, the most frequent, densely and in id order: code
 * {@code c} is the {@code c}-th smallest id among them. A vocabulary of 2048 ids of which 56 occur then needs 6
 * bits per symbol instead of 11; when more occur than {@code 2^b} codes hold, the rare ones get no code.
 * Because the numbering keeps the order of the ids, n-grams of coded symbols sorted by codes are sorted by ids
 * as well, and keys built from codes decode to exactly the keys built from ids.
 */
final class SymbolCodes {
    private final long[] occurrences; // by id, 65536 entries

    /** Codes of {@code bits} bits: id → code ({@code 2^bits} for an id without one), and code → id. */
    record Table(int bits, int[] codeOf, int[] idOf) {
        /** The code that marks an id without one ("wide": its windows are counted apart). */
        int none() {
            return 1 << bits;
        }
    }

    private SymbolCodes(long[] occurrences) {
        this.occurrences = occurrences;
    }

    /**
     * Counts the ids in {@code src}; threads read disjoint line ranges.
     *
     * @throws EvalException if a line holds an id outside the vocabulary (a damaged dataset)
     */
    static SymbolCodes of(LineSource src, int vocabSize, int threads) {
        List<long[]> parts = Parallel.parallelOverLines(src, threads, (part, from, to) -> {
            long[] c = new long[65536];
            short[] buf = new short[src.seqLen()];
            for (long line = from; line < to; line++) {
                src.read(line, buf);
                for (short id : buf) {
                    c[id & 0xFFFF]++;
                }
            }
            return c;
        });
        long[] occurrences = parts.get(0);
        for (int t = 1; t < parts.size(); t++) {
            long[] c = parts.get(t);
            for (int id = 0; id < 65536; id++) {
                occurrences[id] += c[id];
            }
        }
        for (int id = vocabSize; id < 65536; id++) {
            if (occurrences[id] > 0) {
                throw new EvalException("the lines hold symbol id " + id + ", outside the vocabulary of " + vocabSize
                        + " ids; the dataset is damaged");
            }
        }
        return new SymbolCodes(occurrences);
    }

    /** Number of distinct ids present. */
    int used() {
        int used = 0;
        for (long c : occurrences) {
            used += c > 0 ? 1 : 0;
        }
        return used;
    }

    /** Bits that give every id present a code: {@code ceil(log2(used))}, at least 1. */
    int bits() {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(used() - 1));
    }

    /** Codes of {@code bits} bits for the {@code 2^bits} most frequent ids present (ties: the smaller id). */
    Table table(int bits) {
        int limit = 1 << bits;
        int[] codeOf = new int[65536]; // every unsigned 16-bit id indexes it
        Arrays.fill(codeOf, limit);
        int used = used();
        boolean[] coded = new boolean[65536];
        if (used <= limit) {
            for (int id = 0; id < 65536; id++) {
                coded[id] = occurrences[id] > 0;
            }
        } else {
            // the limit most frequent: ids sorted by falling count, then rising id
            long[] order = new long[used];
            int k = 0;
            for (int id = 0; id < 65536; id++) {
                if (occurrences[id] > 0) {
                    order[k++] = id;
                }
            }
            Long[] boxed = Arrays.stream(order).boxed().toArray(Long[]::new);
            Arrays.sort(boxed, (a, b) -> {
                int c = Long.compare(occurrences[(int) (long) b], occurrences[(int) (long) a]);
                return c != 0 ? c : Long.compare(a, b);
            });
            for (int i = 0; i < limit; i++) {
                coded[(int) (long) boxed[i]] = true;
            }
        }
        int[] idOf = new int[Math.min(used, limit)];
        int code = 0;
        for (int id = 0; id < 65536; id++) {
            if (coded[id]) {
                codeOf[id] = code;
                idOf[code++] = id;
            }
        }
        return new Table(bits, codeOf, idOf);
    }
}
