package io.ganlab.corpus;

import java.util.Arrays;

/**
 * The writing stage: scratch lines in their output order, each provisional id mapped to its vocabulary id.
 *
 * <p>Scattered reads of millions of records are slow (page faults, cache misses), so the output is built in
 * blocks of consecutive positions (at most 256 MB), each filled by one sequential scan of the scratch file.
 */
final class BlockWriter {
    private static final long BLOCK_BYTES = 256L << 20;

    private BlockWriter() {}

    /**
     * Writes the records {@code order} (output position -> scratch record) of {@code file}; the first
     * {@code validCount} positions go to the validation split, the others to training.
     */
    static void write(RecordFile file, int[] order, int validCount, int[] vocabularyIdOf, int seqLen,
                      DatasetWriter writer) {
        int n = order.length;
        int[] dest = new int[(int) file.size()];
        Arrays.fill(dest, -1); // scratch lines past the limit (out-of-order archives) are not written
        for (int k = 0; k < n; k++) {
            dest[order[k]] = k;
        }
        int blockLines = (int) Math.max(1, Math.min(n, BLOCK_BYTES / (seqLen * 2L + 4)));
        short[] block = new short[blockLines * seqLen];
        int[] lengths = new int[blockLines];
        short[] ids = new short[seqLen];
        for (int first = 0; first < n; first += blockLines) {
            int lo = first;
            int hi = Math.min(n, first + blockLines);
            file.scan(i -> dest[(int) i] >= lo && dest[(int) i] < hi, (i, length, provisional) -> {
                int at = dest[(int) i] - lo;
                lengths[at] = length;
                for (int j = 0; j < seqLen; j++) {
                    block[at * seqLen + j] = (short) vocabularyIdOf[provisional[j]];
                }
            });
            for (int d = lo; d < hi; d++) {
                System.arraycopy(block, (d - lo) * seqLen, ids, 0, seqLen);
                if (d < validCount) {
                    writer.addValid(ids, lengths[d - lo]);
                } else {
                    writer.addTrain(ids, lengths[d - lo]);
                }
            }
        }
    }
}
