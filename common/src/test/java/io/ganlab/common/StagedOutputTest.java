package io.ganlab.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedOutputTest {
    @TempDir
    Path tmp;

    private Path stagedDir(Path out, String content) throws IOException {
        Path staged = StagedOutput.stagingPath(out);
        Files.createDirectories(staged.resolve("sub"));
        Files.writeString(staged.resolve("sub/file.txt"), content);
        return staged;
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void stagingIsAHiddenSiblingNamedPartial() {
        Path staged = StagedOutput.stagingPath(tmp.resolve("report"));
        assertEquals(tmp.toAbsolutePath().normalize(), staged.getParent());
        assertEquals(".report.partial-" + ProcessHandle.current().pid(), staged.getFileName().toString());
    }

    @Test
    void aNewOutputAppearsWhole() throws IOException {
        Path out = tmp.resolve("ds");
        StagedOutput.moveIntoPlace(stagedDir(out, "new"), out, false);
        assertEquals("new", Files.readString(out.resolve("sub/file.txt")));
        assertEquals(List.of("ds"), names());
    }

    @Test
    void anExistingOutputIsKeptWithoutReplace() throws IOException {
        Path out = tmp.resolve("ds");
        Files.createDirectories(out);
        Files.writeString(out.resolve("mine.txt"), "user's work");
        Path staged = stagedDir(out, "new");
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> StagedOutput.moveIntoPlace(staged, out, false));
        assertTrue(e.getReason().contains("--force"), e.getReason());
        assertEquals("user's work", Files.readString(out.resolve("mine.txt")));
        assertTrue(Files.exists(staged.resolve("sub/file.txt")), "the staged output must not be lost either");
    }

    @Test
    void replaceSwapsDirectoriesAndLeavesNothingAside() throws IOException {
        Path out = tmp.resolve("ds");
        Files.createDirectories(out);
        Files.writeString(out.resolve("old.txt"), "old");
        StagedOutput.moveIntoPlace(stagedDir(out, "new"), out, true);
        assertEquals("new", Files.readString(out.resolve("sub/file.txt")));
        assertFalse(Files.exists(out.resolve("old.txt")));
        assertEquals(List.of("ds"), names());
    }

    @Test
    void aFileReplacesAFileButNeverADirectory() throws IOException {
        Path file = tmp.resolve("scores.json");
        Files.writeString(file, "old");
        Path staged = StagedOutput.stagingPath(file);
        Files.writeString(staged, "new");
        StagedOutput.moveIntoPlace(staged, file, true);
        assertEquals("new", Files.readString(file));

        Path dir = tmp.resolve("results");
        Files.createDirectories(dir.resolve("keep"));
        Path stagedFile = StagedOutput.stagingPath(dir);
        Files.writeString(stagedFile, "new");
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> StagedOutput.moveIntoPlace(stagedFile, dir, true));
        assertTrue(e.getReason().contains("is a directory"), e.getReason());
        assertTrue(Files.isDirectory(dir.resolve("keep")));
    }

    @Test
    void deleteTreeRemovesEverythingAndIgnoresMissingPaths() throws IOException {
        Path out = tmp.resolve("ds");
        Path staged = stagedDir(out, "x");
        StagedOutput.deleteTree(staged);
        assertFalse(Files.exists(staged));
        StagedOutput.deleteTree(tmp.resolve("never-existed"));
        StagedOutput.deleteTreeQuietly(tmp.resolve("never-existed"));
        assertEquals(List.of(), names());
    }
}
