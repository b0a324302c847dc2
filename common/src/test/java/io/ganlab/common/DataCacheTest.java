package io.ganlab.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCacheTest {
    static final class FetchException extends UserException {
        FetchException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static final DataCache.Entry TOY = new DataCache.Entry("toy", "the toy set", List.of("a.bin"), FetchException::new);

    @TempDir
    Path tmp;

    private static DataCache.Fetcher writing(String content, AtomicInteger calls) {
        return staging -> {
            calls.incrementAndGet();
            Files.writeString(staging.resolve("a.bin"), content);
            return new DataCache.Fetched("input: [a.bin]\n", Map.of("version", content), "the toy set " + content);
        };
    }

    private List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    // a fetch writes the files, the config and the info into cache/NAME, and says so
    @Test
    void fetchWritesTheCopyWithConfigAndInfo() throws IOException {
        List<String> log = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        Path dir = TOY.fetch(tmp, false, log::add, writing("v1", calls));
        assertEquals(tmp.resolve("toy"), dir);
        assertEquals(List.of("toy"), names(tmp));
        assertEquals(List.of("a.bin", "fetch.json", "prepare.yaml"), names(dir));
        assertEquals("input: [a.bin]\n", Files.readString(dir.resolve(DataCache.CONFIG)));
        assertEquals("v1", Json.LINE.readTree(dir.resolve(DataCache.INFO).toFile()).get("version").asText());
        assertEquals(List.of("fetched the toy set v1 into " + dir), log);
        assertTrue(TOY.isFetched(tmp));
    }

    // a complete copy is reused without --force and fetched again, replacing it, with it
    @Test
    void completeCopyIsReusedUnlessForced() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        TOY.fetch(tmp, false, m -> {}, writing("v1", calls));
        List<String> log = new ArrayList<>();
        Path dir = TOY.fetch(tmp, false, log::add, writing("v2", calls));
        assertEquals(1, calls.get());
        assertEquals(List.of("already fetched: " + dir), log);
        assertEquals("v1", Files.readString(dir.resolve("a.bin")));
        TOY.fetch(tmp, true, m -> {}, writing("v2", calls));
        assertEquals(2, calls.get());
        assertEquals("v2", Files.readString(dir.resolve("a.bin")));
        assertEquals(List.of("toy"), names(tmp));
    }

    // a copy lacking one of its files is not complete, and is fetched again without --force
    @Test
    void incompleteCopyIsFetchedAgain() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        Path dir = TOY.fetch(tmp, false, m -> {}, writing("v1", calls));
        Files.delete(dir.resolve("a.bin"));
        assertFalse(TOY.isFetched(tmp));
        TOY.fetch(tmp, false, m -> {}, writing("v2", calls));
        assertEquals(2, calls.get());
        assertEquals("v2", Files.readString(dir.resolve("a.bin")));
    }

    // a failed fetch leaves neither a copy nor a staging directory, and fails in the module's error type
    @Test
    void failedFetchLeavesNothing() throws IOException {
        FetchException e = assertThrows(FetchException.class, () -> TOY.fetch(tmp, false, m -> {}, staging -> {
            Files.writeString(staging.resolve("a.bin"), "half");
            throw new IOException("disk full");
        }));
        assertEquals(tmp.resolve("toy") + ": cannot fetch the toy set (disk full)", e.getMessage());
        assertEquals(List.of(), names(tmp));
    }
}
