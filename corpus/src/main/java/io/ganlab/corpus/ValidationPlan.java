package io.ganlab.corpus;

import io.ganlab.corpus.source.Benchmark;
import io.ganlab.corpus.source.InputFiles;

/**
 * Where the validation lines come from and how many lines of each role to read.
 *
 * <p>From the benchmark's held-out folder when an input has one (unless {@code --valid-source split}): read
 * {@code --max-examples} training lines and {@code --valid} held-out lines. Else set aside from the shuffled
 * training lines: read {@code --max-examples + --valid} lines. Without {@code --valid} (auto): 10,000 held-out
 * lines; or, split from the training lines, about a tenth of them: read up to {@code --max-examples + cap} lines,
 * {@code cap = min(10,000, ceil(max-examples / 9))}, and set aside {@code max(read - max-examples, min(cap,
 * floor(read / 10)))}, so that at most {@code --max-examples} stay for training.
 *
 * @param fromHeldout  whether the held-out folder is to supply the split
 * @param requested    the {@code --valid} given, or null for auto
 * @param trainLimit   training lines to read
 * @param heldoutLimit held-out lines to read
 */
record ValidationPlan(boolean fromHeldout, Long requested, long maxExamples, long trainLimit, long heldoutLimit) {
    static final long AUTO_MAX = 10_000;

    static ValidationPlan of(PrepareOptions o, InputFiles.Found found) {
        boolean heldoutInput = found.hasHeldout();
        if (o.validSource() == PrepareOptions.ValidSource.HELDOUT && !heldoutInput) {
            throw new PrepareOptions.Conflict("--valid-source heldout, but no input has a held-out folder ("
                    + Benchmark.HELDOUT_DIR + "); use --valid-source split");
        }
        boolean fromHeldout = heldoutInput && o.validSource() != PrepareOptions.ValidSource.SPLIT;
        Long requested = o.valid().lines();
        long m = o.maxExamples();
        if (fromHeldout) {
            return new ValidationPlan(true, requested, m, m, requested == null ? AUTO_MAX : requested);
        }
        if (requested != null && requested >= m) {
            // the split reads --max-examples + --valid lines and may take at most half of them
            throw new PrepareOptions.Conflict("--valid " + requested + " leaves no training lines out of --max-examples "
                    + m + " (the split would take half or more of the " + (m + requested)
                    + " lines read); lower --valid or raise --max-examples");
        }
        return new ValidationPlan(false, requested, m, m + (requested == null ? autoCap(m) : requested), 0);
    }

    /** Most lines an automatic split sets aside: 10,000, or a tenth of what is read at most. */
    private static long autoCap(long maxExamples) {
        return Math.min(AUTO_MAX, (maxExamples + 8) / 9);
    }

    /** Validation lines to set aside from {@code read} shuffled training lines. */
    long splitLines(long read) {
        if (requested != null) {
            return requested;
        }
        return Math.max(read - maxExamples, Math.min(autoCap(maxExamples), read / 10));
    }

    /** Validation lines to take from {@code available} shuffled held-out lines. */
    long heldoutLines(long available) {
        return Math.min(heldoutLimit, available);
    }
}
