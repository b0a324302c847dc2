package io.ganlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganlab.corpus.CorpusException;
import io.ganlab.corpus.Dataset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per bad input of issue 2: one clear error line naming the file and the problem and a non-zero exit,
 * or a documented skip counted in the manifest and the summary; never a dataset that looks complete.
 */
class CorpusBadInputTest {
    @TempDir
    Path tmp;

    private GanRunner.Run prepare(Path input, String... extra) {
        List<String> args = new ArrayList<>(List.of("corpus", "prepare", "-q", "--input", input.toString(),
                "--output", tmp.resolve("out").toString()));
        args.addAll(List.of(extra));
        return GanRunner.run(args.toArray(String[]::new));
    }

    /** Exit 1, exactly one line on stderr: the command's name, then {@code message}; no dataset. */
    private void assertError(GanRunner.Run r, String message) {
        assertEquals(1, r.code(), r.toString());
        assertEquals(List.of("gan corpus prepare: error: " + message), r.errLines());
        assertEquals("", r.out());
        assertFalse(Files.exists(tmp.resolve("out")), "no dataset after an error");
        assertNoPartial();
    }

    private void assertNoPartial() {
        try (Stream<Path> s = Files.list(tmp)) {
            List<String> partial = s.map(p -> p.getFileName().toString()).filter(n -> n.contains(".partial-")).toList();
            assertEquals(List.of(), partial);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path write(String name, byte[] data) throws IOException {
        return Files.write(tmp.resolve(name), data);
    }

    private Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(b)) {
            gz.write(data);
        }
        return b.toByteArray();
    }

    private static String manyLines(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("the line number ").append(i).append('\n');
        }
        return sb.toString();
    }

    // a missing path
    @Test
    void missingPath() {
        Path p = tmp.resolve("no-such.txt");
        assertError(prepare(p), p + ": no such file or directory");
    }

    // an empty input file
    @Test
    void emptyInput() throws IOException {
        Path p = write("empty.txt", "");
        assertError(prepare(p), p + ": empty file");
    }

    // a pipe (here a named one) is refused with the reason, not taken for an empty file
    @Test
    void pipeIsNamed() throws Exception {
        Path fifo = tmp.resolve("lines.fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mk.waitFor(), "mkfifo (coreutils) made the pipe");
        assertError(prepare(fifo), fifo + ": not a regular file (a pipe or a device); corpus prepare reads its"
                + " inputs more than once, so write the text to a file first");
    }

    // a directory with no text in it
    @Test
    void directoryWithNoText() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("photos"));
        write("photos/cat.jpg", "\u00ff\u00d8");
        assertError(prepare(dir), dir + ": no text in this directory (looked for *.txt, *.text, *.gz, *.tar.gz and"
                + " One Billion Word shards)");
    }

    // a binary file
    @Test
    void binaryFile() throws IOException {
        Path p = write("model.txt", new byte[] {0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00});
        assertError(prepare(p), p + ": binary file (NUL byte at offset 5); expected UTF-8 text");
    }

    // invalid UTF-8: an error naming line and offset; with --invalid-utf8 skip, skipped and counted
    @Test
    void invalidUtf8() throws IOException {
        byte[] latin1 = "ok\nna\u00efve\nfine\n".getBytes(StandardCharsets.ISO_8859_1);
        Path p = write("latin1.txt", latin1);
        assertError(prepare(p), p + ": invalid UTF-8 in line 2 (byte offset 6); use --invalid-utf8 skip to skip"
                + " such lines");
        GanRunner.Run r = prepare(p, "--invalid-utf8", "skip", "--valid-source", "split", "--valid", "0");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("skipped   0 blank, 0 emptied by normalisation, 1 invalid UTF-8;"), r.out());
        assertEquals(1, Dataset.open(tmp.resolve("out")).manifest().counts().invalidUtf8Skipped());
    }

    // a truncated .gz
    @Test
    void truncatedGz() throws IOException {
        byte[] gz = gzip(manyLines(2000).getBytes(StandardCharsets.UTF_8));
        Path p = write("lines.txt.gz", Arrays.copyOf(gz, gz.length * 2 / 3));
        assertError(prepare(p), p + ": truncated gzip file (unexpected end of data)");
    }

    // a truncated .tar.gz: cut in the middle, and cut in its gzip trailer only
    @Test
    void truncatedTarGz() throws IOException {
        BenchmarkFixture f = BenchmarkFixture.write(tmp.resolve("fixture"), 2, 200, 3L);
        Path whole = BenchmarkFixture.archive(tmp.resolve("whole").resolve(BenchmarkFixture.ARCHIVE), f.members());
        byte[] b = Files.readAllBytes(whole);
        Path half = write(BenchmarkFixture.ARCHIVE, Arrays.copyOf(b, b.length / 2));
        GanRunner.Run r = prepare(half);
        assertEquals(1, r.code(), r.toString());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("gan corpus prepare: error: " + half + ": truncated tar.gz"), r.err());
        Path tail = write("tail-" + BenchmarkFixture.ARCHIVE, Arrays.copyOf(b, b.length - 3));
        assertError(prepare(tail), tail + ": truncated tar.gz file (unexpected end of data)");
    }

    // whitespace-only lines are skipped and counted; an input of nothing else is an error
    @Test
    void whitespaceOnlyLines() throws IOException {
        Path blank = write("blank.txt", "   \n\t\n \u3000 \n\n");
        assertError(prepare(blank), "no text lines found in " + blank + " (4 blank lines, 0 emptied by normalisation,"
                + " 0 invalid UTF-8 lines skipped)");
        Path mixed = write("mixed.txt", "one .\n   \ntwo .\n\t\t\nthree .\n");
        GanRunner.Run r = prepare(mixed, "--valid-source", "split", "--valid", "0");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("skipped   2 blank,"), r.out());
        Dataset ds = Dataset.open(tmp.resolve("out"));
        assertEquals(2, ds.manifest().counts().blankSkipped());
        assertEquals(3, ds.train().size());
    }

    // an extremely long line (8 MiB, no newline for millions of bytes): cut to --max-line-bytes, counted,
    // its first 32 symbols kept, and its full length recorded
    @Test
    void extremelyLongLines() throws IOException {
        int n = 8 << 20;
        byte[] data = new byte[n + 16];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) ('a' + i % 26);
        }
        byte[] tail = "\nshort .\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(tail, 0, data, n, tail.length);
        Path p = write("long.txt", Arrays.copyOf(data, n + tail.length));
        GanRunner.Run r = prepare(p, "--valid-source", "split", "--valid", "0", "--format", "lines");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("1 long lines cut to --max-line-bytes"), r.out());
        Dataset ds = Dataset.open(tmp.resolve("out"));
        List<String> lines = new ArrayList<>();
        for (long i = 0; i < ds.train().size(); i++) {
            lines.add(ds.vocabulary().decode(ds.train().line(i), true));
        }
        lines.sort(null);
        assertEquals(List.of("abcdefghijklmnopqrstuvwxyzabcdef", "short ."), lines);
        assertEquals(1L, ds.manifest().train().lengthHistogram().get(n));
    }

    // conflicting options: a usage error, exit 2, with the pointer to --help
    @Test
    void conflictingOptions() throws IOException {
        Path p = write("a.txt", manyLines(10));
        for (String[] bad : List.of(
                new String[] {"--valid-source", "split", "--valid", "100", "--max-examples", "100"},
                new String[] {"--valid-source", "heldout", "--valid", "0"},
                new String[] {"--valid-source", "heldout"},
                new String[] {"--normalize", "lowercase,nfkc"},
                new String[] {"--seq-len", "64", "--max-line-bytes", "100"})) {
            GanRunner.Run r = prepare(p, bad);
            assertEquals(2, r.code(), Arrays.toString(bad) + "\n" + r);
            List<String> err = r.errLines();
            assertEquals(2, err.size(), r.err());
            assertTrue(err.get(0).startsWith("gan corpus prepare: error: "), err.get(0));
            assertEquals("Try 'gan corpus prepare --help' for more information.", err.get(1));
            assertFalse(Files.exists(tmp.resolve("out")));
        }
        GanRunner.Run inside = GanRunner.run("corpus", "prepare", "-q", "--input", tmp.toString(), "--output",
                tmp.resolve("sub/out").toString());
        assertEquals(2, inside.code(), inside.toString());
        assertTrue(inside.err().contains("lies inside the input directory"), inside.err());
    }

    // an existing output is kept without --force (exit 1, nothing touched) and replaced with it
    @Test
    void existingOutputWithoutForce() throws IOException {
        Path a = write("a.txt", "first line .\n");
        Path b = write("b.txt", "second line .\n");
        String[] split = {"--valid-source", "split", "--valid", "0"};
        assertEquals(0, prepare(a, split).code());
        byte[] before = Files.readAllBytes(tmp.resolve("out/train.bin"));
        GanRunner.Run r = prepare(b, split);
        assertEquals(1, r.code());
        assertEquals(List.of("gan corpus prepare: error: " + tmp.resolve("out") + ": already exists; use --force to"
                + " replace it"), r.errLines());
        assertEquals(Arrays.toString(before), Arrays.toString(Files.readAllBytes(tmp.resolve("out/train.bin"))));
        List<String> force = new ArrayList<>(List.of(split));
        force.add("--force");
        assertEquals(0, prepare(b, force.toArray(String[]::new)).code());
        Dataset ds = Dataset.open(tmp.resolve("out"));
        assertEquals("second line .", ds.vocabulary().decode(ds.train().line(0), true));
        assertNoPartial();
    }

    // an interrupted run leaves no dataset that looks complete: a child JVM is stopped while it reads a large
    // input; after SIGTERM (like Ctrl-C) nothing is left, after SIGKILL only a partial directory with no manifest
    @Test
    void interruptedRunLeavesNoDataset() throws Exception {
        byte[] block = manyLines(20_000).getBytes(StandardCharsets.US_ASCII);
        Path big = tmp.resolve("big.txt");
        try (OutputStream os = Files.newOutputStream(big)) {
            for (long w = 0; w < 64L << 20; w += block.length) {
                os.write(block);
            }
        }
        for (boolean kill : new boolean[] {false, true}) {
            Path out = tmp.resolve(kill ? "killed" : "stopped");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    Gan.class.getName(), "corpus", "prepare", "-q", "--input", big.toString(),
                    "--output", out.toString(),
                    "--valid-source", "split", "--valid", "10")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Path partial = waitForPartial(tmp, out.getFileName().toString(), p);
            if (kill) {
                p.destroyForcibly();
            } else {
                p.destroy();
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child ended");
            assertFalse(Files.exists(out), "no dataset at " + out);
            if (kill) {
                // the partial directory survives a SIGKILL, but is never taken for a dataset
                CorpusException e = org.junit.jupiter.api.Assertions.assertThrows(CorpusException.class,
                        () -> Dataset.open(partial));
                assertTrue(e.getMessage().contains("not a dataset (no manifest.json)"), e.getMessage());
                // the next run removes what the killed one left, and writes the dataset
                GanRunner.Run next = GanRunner.run("corpus", "prepare", "-q", "--input",
                        write("small.txt", manyLines(50)).toString(), "--output", out.toString(), "--valid-source",
                        "split", "--valid", "10");
                assertEquals(0, next.code(), next.err());
                assertFalse(Files.exists(partial), "the next run removed " + partial);
                assertTrue(Files.isRegularFile(out.resolve("manifest.json")));
            } else {
                assertFalse(Files.exists(partial), "the shutdown hook removed " + partial);
            }
        }
    }

    /** Waits until the child has created its partial dataset directory (then it is reading). */
    private static Path waitForPartial(Path dir, String name, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Stream<Path> s = Files.list(dir)) {
                var found = s.filter(f -> f.getFileName().toString().startsWith("." + name + ".partial-")).findFirst();
                if (found.isPresent()) {
                    Thread.sleep(50);
                    assertTrue(p.isAlive(), "the child must still be running when stopped; make the input larger");
                    return found.get();
                }
            }
            if (!p.isAlive()) {
                throw new AssertionError("child ended before it started writing (exit " + p.exitValue() + ")");
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no partial directory appeared");
    }
}
