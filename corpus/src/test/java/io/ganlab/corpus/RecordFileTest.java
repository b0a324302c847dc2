package io.ganlab.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordFileTest {
    @TempDir
    Path tmp;

    // records written before widening read back unchanged after it, next to records with ids above 65,535 and
    // lengths above 65,535 (the length is stored in two halves while narrow)
    @Test
    void widenKeepsRecords() {
        List<int[]> want = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        try (RecordFile f = new RecordFile(tmp.resolve("s"), 3)) {
            for (int i = 0; i < 5000; i++) {
                int[] ids = {i % 65536, 65535, (i * 7) % 1000};
                want.add(ids.clone());
                lengths.add(i == 3 ? 70_000 : i % 40);
                f.append(lengths.get(i), ids);
            }
            f.widen();
            for (int i = 0; i < 5000; i++) {
                int[] ids = {65536 + i, 1_114_111, i};
                want.add(ids.clone());
                lengths.add(i + 100_000);
                f.append(lengths.get(5000 + i), ids);
            }
            f.seal();
            assertEquals(10_000, f.size());
            List<int[]> got = new ArrayList<>();
            List<Integer> gotLengths = new ArrayList<>();
            f.scan(i -> true, (i, length, ids) -> {
                got.add(ids.clone());
                gotLengths.add(length);
            });
            assertEquals(lengths, gotLengths);
            for (int i = 0; i < want.size(); i++) {
                assertArrayEquals(want.get(i), got.get(i), "record " + i);
            }
            // only the records asked for are handed over
            List<Long> picked = new ArrayList<>();
            f.scan(i -> i % 2500 == 7, (i, length, ids) -> picked.add(i));
            assertEquals(List.of(7L, 2507L, 5007L, 7507L), picked);
        }
    }
}
