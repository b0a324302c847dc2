package io.ganlab.corpus;

import io.ganlab.common.Shuffle;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Random;

/**
 * The shuffle and the validation split: Fisher–Yates ({@link Shuffle}) with {@code java.util.Random(seed)} over the
 * kept training lines, then over the kept held-out lines with the same generator. The validation split is the first
 * lines of the shuffled held-out lines, or, without them, of the shuffled training lines (the others stay
 * training). Symbols of lines that leave the training split are taken out of the vocabulary counts, which are
 * counted on the training split only, as in the reference.
 *
 * @param trainOrder  scratch records of the training file in output order; the first {@code validFromTrain} are
 *                    validation lines
 * @param validFromTrain how many of them
 * @param heldoutValid scratch records of the held-out file that form the validation split, in order
 */
record ValidationSplit(int[] trainOrder, int validFromTrain, int[] heldoutValid) {

    static ValidationSplit shuffle(ScratchLines scratch, ValidationPlan plan, long seed) {
        Random random = new Random(seed);
        int[] trainOrder = Shuffle.permutation((int) scratch.train.kept(), random);
        scratch.train.toRecords(trainOrder);
        if (scratch.train.dropped() > 0) {
            BitSet kept = scratch.train.keptRecords();
            scratch.train.file.scan(i -> !kept.get((int) i), (i, length, ids) -> scratch.ids.uncount(ids));
        }
        int[] heldOrder = Shuffle.permutation((int) scratch.heldout.kept(), random);
        scratch.heldout.toRecords(heldOrder);
        if (plan.fromHeldout() && heldOrder.length > 0) {
            int valid = (int) plan.heldoutLines(heldOrder.length);
            return new ValidationSplit(trainOrder, 0, Arrays.copyOf(heldOrder, valid));
        }
        long valid = plan.splitLines(trainOrder.length);
        if (valid > 0 && valid * 2 > trainOrder.length) {
            String why = trainOrder.length < plan.trainLimit()
                    ? "the input holds no more, fewer than the " + plan.trainLimit() + " lines that --max-examples "
                            + plan.maxExamples() + " and --valid " + valid + " would read"
                    : "reading stopped at --max-examples " + plan.maxExamples();
            throw new CorpusException("only " + trainOrder.length + " lines were read; --valid " + valid
                    + " would take half or more of them (" + why + "); lower --valid");
        }
        BitSet validRecords = new BitSet();
        for (int k = 0; k < valid; k++) {
            validRecords.set(trainOrder[k]);
        }
        scratch.train.file.scan(i -> validRecords.get((int) i), (i, length, ids) -> scratch.ids.uncount(ids));
        return new ValidationSplit(trainOrder, (int) valid, new int[0]);
    }

    long validLines() {
        return validFromTrain + heldoutValid.length;
    }
}
