package io.ganlab.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganlab.corpus.source.InputFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationPlanTest {
    private static final InputFiles.Found PLAIN_TEXT = new InputFiles.Found(List.of(), 0, 0, List.of(), 0);

    /** The plan for plain text (no held-out folder) without --valid. */
    private static ValidationPlan auto(long maxExamples) {
        PrepareOptions o = PrepareOptions.defaults(List.of(Path.of("in.txt")), Path.of("out"))
                .withMaxExamples(maxExamples);
        return ValidationPlan.of(o, PLAIN_TEXT);
    }

    // without --valid, a split takes a tenth of the lines read, at most 10,000, and never leaves more than
    // --max-examples for training; worked by hand
    @Test
    void autoSplit() {
        ValidationPlan big = auto(10_000_000);
        assertEquals(10_010_000, big.trainLimit());
        assertEquals(30, big.splitLines(300));          // a small corpus: 10% of 300
        assertEquals(10_000, big.splitLines(150_000));  // 15,000 would be 10%: capped
        assertEquals(10_000, big.splitLines(10_010_000)); // the limit reached: exactly --max-examples stay

        ValidationPlan small = auto(100);               // cap ceil(100 / 9) = 12, limit 112
        assertEquals(112, small.trainLimit());
        assertEquals(12, small.splitLines(112));        // 112 - 100 = 12 > 11 = 10%
        assertEquals(5, small.splitLines(50));
        assertEquals(0, small.splitLines(9));           // too few lines for a split
    }

    // an explicit --valid is taken as given; one that would take half of what --max-examples reads is a conflict
    @Test
    void explicit() {
        PrepareOptions o = PrepareOptions.defaults(List.of(Path.of("in.txt")), Path.of("out")).withMaxExamples(5)
                .withValid(10, PrepareOptions.ValidSource.AUTO);
        String m = org.junit.jupiter.api.Assertions.assertThrows(PrepareOptions.Conflict.class,
                () -> ValidationPlan.of(o, PLAIN_TEXT)).getMessage();
        assertTrue(m.startsWith("--valid 10 leaves no training lines out of --max-examples 5"), m);
        ValidationPlan p = new ValidationPlan(false, 7L, 100, 107, 0);
        assertEquals(7, p.splitLines(20));
        ValidationPlan held = new ValidationPlan(true, 1000L, 100, 100, 1000);
        assertEquals(400, held.heldoutLines(400));
        assertEquals(1000, held.heldoutLines(5000));
    }
}
