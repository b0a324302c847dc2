package io.ganlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganlab.common.StagedOutput;
import io.ganlab.core.Checkpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk (a small tmpfs) during {@code corpus prepare}, a checkpoint write and a report write: one clear line,
 * exit 1, the previous output intact and nothing half-written left. Needs permission to mount a tmpfs (root on
 * Linux); elsewhere the tests are skipped with that reason.
 */
class DiskFullTest {
    @TempDir
    Path tmp;
    Path disk;

    @BeforeEach
    void mount() throws Exception {
        disk = Files.createDirectories(tmp.resolve("disk"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        boolean ok = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        Assumptions.assumeTrue(ok, "cannot mount a tmpfs here (needs root on Linux): disk-full tests skipped");
    }

    @AfterEach
    void unmount() throws Exception {
        new ProcessBuilder("umount", "-l", disk.toString()).start().waitFor(20, TimeUnit.SECONDS);
    }

    /** Fills the disk until fewer than {@code leave} bytes are free. */
    private void fill(long leave) throws IOException {
        byte[] block = new byte[16 << 10];
        try (OutputStream os = Files.newOutputStream(disk.resolve("filler"))) {
            while (Files.getFileStore(disk).getUsableSpace() > leave) {
                os.write(block);
            }
        } catch (IOException full) {
            // the last block did not fit: full enough
        }
    }

    private static void oneLine(GanRunner.Run r, String command) {
        assertEquals(1, r.code(), r.toString());
        List<String> lines = r.err().lines().filter(l -> l.contains("error:")).toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("gan " + command + ": error: ") && lines.get(0).contains("No space left"),
                r.err());
    }

    private void noPartials() throws IOException {
        try (Stream<Path> all = Files.walk(disk)) {
            List<Path> left = all.filter(f -> StagedOutput.isStagingName(f.getFileName().toString())).toList();
            assertTrue(left.isEmpty(), "left behind: " + left);
        }
    }

    private Path words(String name, int lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            sb.append("the cat sat on the mat number ").append(i).append(" .\n");
        }
        return Files.writeString(tmp.resolve(name), sb.toString());
    }

    // corpus prepare --force onto a full disk: the previous dataset stays whole
    @Test
    void corpusPrepare() throws IOException {
        Path out = disk.resolve("data");
        GanRunner.Run r = GanRunner.run("corpus", "prepare", "-q", "--input", words("small.txt", 300).toString(),
                "--output", out.toString(), "--valid", "50");
        assertEquals(0, r.code(), r.err());
        byte[] manifest = Files.readAllBytes(out.resolve("manifest.json"));
        r = GanRunner.run("corpus", "prepare", "-q", "--input", words("big.txt", 200_000).toString(), "--output",
                out.toString(), "--valid", "50", "--force");
        oneLine(r, "corpus prepare");
        assertArrayEquals(manifest, Files.readAllBytes(out.resolve("manifest.json")));
        assertEquals(0, GanRunner.run("corpus", "stats", out.toString()).code());
        noPartials();
    }

    // a checkpoint that does not fit: the run stops with one line, the previous checkpoint verifies
    @Test
    void checkpointWrite() throws IOException {
        Path data = tmp.resolve("words");
        GanRunner.Run p = GanRunner.run("corpus", "prepare", "-q", "--input", words("w.txt", 600).toString(),
                "--output", data.toString(), "--valid", "100");
        assertEquals(0, p.code(), p.err());
        Path run = disk.resolve("run");
        GanRunner.Run r = GanRunner.run("textgan", "train", "--dataset", data.toString(), "--out", run.toString(),
                "--dim", "16", "--batch", "16", "--critic-iters", "1", "--iterations", "3", "--eval-every", "3",
                "--eval-samples", "16", "--checkpoint-every", "3", "-q");
        assertEquals(0, r.code(), r.err());
        Path good = run.resolve("checkpoints/iter-00000003.ckpt");
        fill(64 << 10);
        r = GanRunner.run("textgan", "train", "--out", run.toString(), "--resume", "--iterations", "6", "-q");
        oneLine(r, "textgan train");
        Checkpoint.verify(good);
        assertEquals(List.of(good), Checkpoint.list(run.resolve("checkpoints")));
        noPartials();
    }

    // a report that does not fit: the previous report stays
    @Test
    void reportWrite() throws IOException {
        Path run = GoldenRunTest.golden("old-run");
        Path report = disk.resolve("report");
        GanRunner.Run r = GanRunner.run("report", run.toString(), "--out", report.toString());
        assertEquals(0, r.code(), r.err());
        byte[] html = Files.readAllBytes(report.resolve("report.html"));
        fill(32 << 10);
        r = GanRunner.run("report", run.toString(), "--out", report.toString(), "--force");
        oneLine(r, "report");
        assertArrayEquals(html, Files.readAllBytes(report.resolve("report.html")));
        noPartials();
    }
}
