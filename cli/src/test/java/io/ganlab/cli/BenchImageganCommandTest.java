package io.ganlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code gan bench imagegan}: its figures parse, are positive and count what was asked; bad names are refused. */
class BenchImageganCommandTest {
    private static final Pattern STEP = Pattern.compile(
            "(\\S+) \\(DIM 16\\): critic step median ([0-9.]+) ms \\(p10 ([0-9.]+), p90 ([0-9.]+), (\\d+) steps\\),"
                    + " generator step median ([0-9.]+) ms \\((\\d+) steps\\)");

    // every architecture asked for gets a step line with p10 <= median <= p90, all > 0, and a non-finite count
    @Test
    void figuresParse() {
        GanRunner.Run r = GanRunner.run("bench", "imagegan", "--archs", "mnist-dcgan,cifar-resnet", "--dim", "16",
                "--steps", "3", "--generator-steps", "2", "--warmup", "1", "--batch", "4");
        assertEquals(0, r.code(), r.err());
        Matcher m = STEP.matcher(r.out());
        int found = 0;
        while (m.find()) {
            double median = Double.parseDouble(m.group(2));
            double p10 = Double.parseDouble(m.group(3));
            double p90 = Double.parseDouble(m.group(4));
            assertTrue(0 < p10 && p10 <= median && median <= p90, m.group());
            assertEquals(3, Integer.parseInt(m.group(5)));
            assertTrue(Double.parseDouble(m.group(6)) > 0, m.group());
            assertEquals(2, Integer.parseInt(m.group(7)));
            found++;
        }
        assertEquals(2, found, r.out());
        assertTrue(r.out().contains("mnist-dcgan (DIM 16): critic steps leaving a non-finite weight (a NaN or infinite"
                + " gradient): 0 of 4"), r.out());
        assertTrue(r.out().contains("cifar-resnet (DIM 16): RSS "), r.out());
    }

    @Test
    void unknownArchitecture() {
        GanRunner.Run r = GanRunner.run("bench", "imagegan", "--archs", "vgg16");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("unknown architecture 'vgg16'"), r.err());
    }
}
