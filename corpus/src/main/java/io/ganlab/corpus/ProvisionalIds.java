package io.ganlab.corpus;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Arrays;

/**
 * Provisional symbol ids, in order of first appearance, and how often each occurs in training lines (padding
 * included): what lines are stored as until the vocabulary is known, and what the vocabulary is chosen from.
 * Bounded by the number of distinct symbols (at most 1,114,112 code points), not by the corpus.
 */
final class ProvisionalIds {
    private static final int BMP = 1 << 16;

    private final Int2IntOpenHashMap idOfCode = new Int2IntOpenHashMap();
    private final int[] idOfBmpCode = new int[BMP]; // fast path of idOfCode for the Basic Multilingual Plane
    private final IntArrayList codeOfId = new IntArrayList();
    private long[] trainCounts = new long[256];

    ProvisionalIds() {
        idOfCode.defaultReturnValue(-1);
        Arrays.fill(idOfBmpCode, -1);
    }

    /** The provisional id of a code point or byte value, assigning the next one on first sight. */
    int of(int code) {
        if (code >= 0 && code < BMP) {
            int id = idOfBmpCode[code];
            if (id >= 0) {
                return id;
            }
        }
        int id = idOfCode.get(code);
        if (id < 0) {
            id = codeOfId.size();
            idOfCode.put(code, id);
            codeOfId.add(code);
            if (id >= trainCounts.length) {
                trainCounts = Arrays.copyOf(trainCounts, trainCounts.length * 2);
            }
            if (code >= 0 && code < BMP) {
                idOfBmpCode[code] = id;
            }
        }
        return id;
    }

    /** Number of ids assigned. */
    int size() {
        return codeOfId.size();
    }

    int code(int id) {
        return codeOfId.getInt(id);
    }

    void count(int id, long times) {
        trainCounts[id] += times;
    }

    /** Takes a training line's symbols out of the counts (a line that went to validation, or was dropped). */
    void uncount(int[] ids) {
        for (int id : ids) {
            trainCounts[id]--;
        }
    }

    long count(int id) {
        return trainCounts[id];
    }
}
