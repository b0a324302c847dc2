package io.ganlab.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedDirectoryTest {
    /** The error type a module would supply. */
    static final class ThingException extends UserException {
        ThingException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A "thing" is a directory holding thing.json. */
    static final DatasetKind THING = new DatasetKind("thing", "thing.json", "things/1", "gan thing prepare",
            dir -> Files.exists(dir.resolve("thing.json")), ThingException::new);

    @TempDir
    Path tmp;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private void writeThing(Path out, boolean force, String content) throws IOException {
        try (StagedDirectory d = StagedDirectory.create(out, force, THING)) {
            Files.writeString(d.staging().resolve("data.txt"), content);
            d.commit(Map.of("content", content));
        }
    }

    // while being written the output is only the hidden .NAME.partial-PID; after commit it is in place, complete
    @Test
    void commitMovesIntoPlaceWithTheManifest() throws IOException {
        Path out = tmp.resolve("out");
        try (StagedDirectory d = StagedDirectory.create(out, false, THING)) {
            assertEquals(StagedOutput.stagingPath(out), d.staging());
            assertEquals(out.toAbsolutePath().normalize(), d.out());
            Files.writeString(d.staging().resolve("data.txt"), "x");
            assertEquals(List.of(".out.partial-" + ProcessHandle.current().pid()), names());
            d.commit(Map.of("content", "x"));
        }
        assertEquals(List.of("out"), names());
        assertEquals("x", Files.readString(out.resolve("data.txt")));
        assertEquals("x", Json.LINE.readTree(out.resolve("thing.json").toFile()).get("content").asText());
    }

    // closing without commit removes the partial directory and leaves no output
    @Test
    void closeWithoutCommitLeavesNothing() throws IOException {
        Path out = tmp.resolve("out");
        try (StagedDirectory d = StagedDirectory.create(out, false, THING)) {
            Files.createDirectories(d.staging().resolve("deep/er"));
            Files.writeString(d.staging().resolve("deep/er/f.txt"), "half");
        }
        assertEquals(List.of(), names());
    }

    // scratch files never reach the finished output
    @Test
    void scratchIsGoneAfterCommit() throws IOException {
        Path out = tmp.resolve("out");
        try (StagedDirectory d = StagedDirectory.create(out, false, THING)) {
            Files.writeString(d.scratch().resolve("tmp.bin"), "scratch");
            assertEquals(d.staging().resolve(StagedDirectory.SCRATCH), d.scratch());
            d.commit(Map.of());
        }
        assertFalse(Files.exists(out.resolve(StagedDirectory.SCRATCH)));
        assertTrue(Files.exists(out.resolve("thing.json")));
    }

    // an existing output is kept without force and replaced with it; the error is the module's type
    @Test
    void existingOutputNeedsForce() throws IOException {
        Path out = tmp.resolve("out");
        writeThing(out, false, "old");
        ThingException e = assertThrows(ThingException.class, () -> StagedDirectory.create(out, false, THING));
        assertEquals(out + ": already exists; use --force to replace it", e.getMessage());
        assertEquals("old", Files.readString(out.resolve("data.txt")));
        assertEquals(List.of("out"), names());
        writeThing(out, true, "new");
        assertEquals("new", Files.readString(out.resolve("data.txt")));
        assertEquals(List.of("out"), names());
    }

    // a directory that is not of the kind is never replaced, a file neither; an empty directory is
    @Test
    void refusesWhatIsNotOfTheKind() throws IOException {
        Path mine = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(mine.resolve("thesis.tex"), "precious");
        ThingException e = assertThrows(ThingException.class,
                () -> StagedDirectory.checkReplaceable(mine, true, THING));
        assertEquals(mine + ": exists and is not a thing; refusing to replace it even with --force", e.getMessage());
        assertEquals("precious", Files.readString(mine.resolve("thesis.tex")));

        Path file = Files.writeString(tmp.resolve("file"), "x");
        ThingException f = assertThrows(ThingException.class, () -> StagedDirectory.create(file, true, THING));
        assertEquals(file + ": exists and is not a directory; refusing to replace it", f.getMessage());

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        StagedDirectory.checkReplaceable(empty, true, THING);
        writeThing(empty, true, "filled");
        assertEquals("filled", Files.readString(empty.resolve("data.txt")));
        assertEquals(List.of("empty", "file", "mine"), names());
    }

    // an output that appears while this one is written is not overwritten without force, and the staging goes
    @Test
    void outputAppearingMeanwhileIsKept() throws IOException {
        Path out = tmp.resolve("out");
        try (StagedDirectory d = StagedDirectory.create(out, false, THING)) {
            Files.createDirectories(out.resolve("other"));
            assertThrows(IOException.class, () -> d.commit(Map.of()));
        }
        assertEquals(List.of("out"), names());
        assertTrue(Files.isDirectory(out.resolve("other")));
    }

    // a failure to create the staging directory is reported in the module's type with its cause
    @Test
    void cannotCreateIsTheModulesError() throws IOException {
        Path blocker = Files.writeString(tmp.resolve("blocker"), "file, not a directory");
        ThingException e = assertThrows(ThingException.class,
                () -> StagedDirectory.create(blocker.resolve("out"), false, THING));
        assertTrue(e.getMessage().startsWith(blocker.resolve("out") + ": cannot create ("), e.getMessage());
        assertTrue(e.getCause() instanceof IOException);
    }
}
