package io.ganlab.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganlab.corpus.source.Benchmark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreparerTest {
    @TempDir
    Path tmp;

    private static final String ROOT = "1-billion-word-language-modeling-benchmark-r13output/";

    /** Options for small tests: no validation split, sequence length 8. */
    private PrepareOptions opts(Path... inputs) {
        return PrepareOptions.defaults(List.of(inputs), tmp.resolve("out"))
                .withValid(0, PrepareOptions.ValidSource.SPLIT).withShape(8, 2048, 1L);
    }

    private static Manifest prepare(PrepareOptions o) {
        return Preparer.prepare(o, Preparer.Progress.NONE);
    }

    private static String fail(PrepareOptions o) {
        return assertThrows(CorpusException.class, () -> prepare(o)).getMessage();
    }

    private static String conflict(PrepareOptions o) {
        return assertThrows(PrepareOptions.Conflict.class, () -> prepare(o)).getMessage();
    }

    private Path write(String name, String text) throws IOException {
        return Files.write(tmp.resolve(name), text.getBytes(StandardCharsets.UTF_8));
    }

    /** All lines of a dataset split, decoded with padding kept, sorted (the shuffle is checked elsewhere). */
    private static List<String> decoded(Path dir, boolean valid) {
        Dataset ds = Dataset.open(dir);
        EncodedLines lines = valid ? ds.valid() : ds.train();
        List<String> out = new ArrayList<>();
        for (long i = 0; i < lines.size(); i++) {
            out.add(ds.vocabulary().decode(lines.line(i), false));
        }
        out.sort(null);
        return out;
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
            gz.write(data);
        }
        return b.toByteArray();
    }

    /**
     * A .tar.gz of the given members, in the given order. Like GNU tar's output, the tar stream goes on after
     * its end-of-archive blocks (zero padding to whole records), so a reader that stops at the tar end never
     * reaches the gzip trailer by itself.
     */
    static byte[] tarGz(Map<String, String> members) throws IOException {
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(t)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX); // member paths exceed 100 bytes
            for (Map.Entry<String, String> m : members.entrySet()) {
                byte[] data = m.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry(m.getKey());
                e.setSize(data.length);
                tar.putArchiveEntry(e);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        }
        t.write(new byte[10240]);
        return gzip(t.toByteArray());
    }

    private static Map<String, String> shards() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(ROOT + Benchmark.TRAIN_DIR + "/news.en-00001-of-00100", "alpha beta\ngamma\n");
        m.put(ROOT + Benchmark.TRAIN_DIR + "/news.en-00002-of-00100", "delta epsilon zeta\n");
        return m;
    }

    private static TextLayout sniff(byte[] head) {
        return TextLayout.decide(TextFormat.AUTO, false, head).layout();
    }

    // one sentence per line without final stops is lines, even with the newline at the end of the head
    // (bug: the empty piece after the last newline counted as a blank line, which made the text look wrapped)
    @Test
    void sniffsLines() {
        byte[] lines = "apple pie\nbanana split\ncherry tart\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(TextLayout.LINES, sniff(lines));
        byte[] wrapped = ("It was the best of times, it was\nthe worst of times, it was the age\nof wisdom.\n\n"
                + "There were a king with a large\njaw and a queen with a plain face\n").getBytes(StandardCharsets.UTF_8);
        assertEquals(TextLayout.PROSE_BLANK_LINE_PARAGRAPHS, sniff(wrapped));
        byte[] paragraphs = "First one. Then two. And three.\nMore here. And more.\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(TextLayout.PROSE_PARAGRAPH_PER_LINE, sniff(paragraphs));
    }

    // blank and whitespace-only lines are skipped and counted; long lines truncated and counted in the manifest
    @Test
    void blankAndLongLines() throws IOException {
        Path in = write("in.txt", "abc\n   \n\t\n\nabcdefghijkl\n" + "z".repeat(600) + "\n");
        Manifest m = prepare(opts(in).withLimits(512, PrepareOptions.OnInvalid.ERROR)
                .withFormat(TextFormat.LINES, List.of()));
        assertEquals(3, m.counts().blankSkipped());
        assertEquals(1, m.counts().longLines());
        assertEquals(6, m.counts().linesRead());
        assertEquals(List.of("abc`````", "abcdefgh", "zzzzzzzz"), decoded(tmp.resolve("out"), false));
        assertEquals(2, m.train().truncatedLines());
        assertEquals(Map.of(3, 1L, 12, 1L, 600, 1L), m.train().lengthHistogram());
    }

    // no-break and other Unicode spaces make a line blank in every mode: code points, bytes, with normalisation
    @Test
    void unicodeSpacesAreBlank() throws IOException {
        Path in = write("in.txt", "a\n\u00A0\u00A0\n \u202F\u2007\n\u3000\nb\n\u00A0x\n");
        List<PrepareOptions> modes = List.of(opts(in), opts(in).withSymbols(Symbols.BYTE),
                opts(in).withFormat(TextFormat.LINES, List.of("lowercase")));
        for (int k = 0; k < modes.size(); k++) {
            Manifest m = prepare(modes.get(k).withOutput(tmp.resolve("o" + k)).withFormat(TextFormat.LINES,
                    modes.get(k).normalize()));
            assertEquals(3, m.counts().blankSkipped(), "mode " + k);
            assertEquals(3, m.train().lines(), "mode " + k);
        }
    }

    // the .tar.gz is read in place and gives the lines of its shards; its gzip trailer is checked even though
    // the tar ends before it (bug: a cut or corrupt tail went unnoticed)
    @Test
    void archiveTrailerIsChecked() throws IOException {
        byte[] good = tarGz(shards());
        Path tgz = Files.write(tmp.resolve("bench.tar.gz"), good);
        prepare(opts(tgz));
        assertEquals(List.of("alpha be", "delta ep", "gamma```"), decoded(tmp.resolve("out"), false));

        Path cut = Files.write(tmp.resolve("cut.tar.gz"), Arrays.copyOf(good, good.length - 4));
        String m = fail(opts(cut).withOutput(tmp.resolve("out2")));
        assertTrue(m.startsWith(cut + ": truncated tar.gz"), m);
        byte[] badCrc = good.clone();
        badCrc[badCrc.length - 8] ^= 0x55; // first byte of the CRC-32
        Path corrupt = Files.write(tmp.resolve("crc.tar.gz"), badCrc);
        m = fail(opts(corrupt).withOutput(tmp.resolve("out3")));
        assertTrue(m.startsWith(corrupt + ": corrupt tar.gz data"), m);
        assertFalse(Files.exists(tmp.resolve("out2")) || Files.exists(tmp.resolve("out3")));
    }

    // an archive cut in the middle of a member, and a .gz cut short, are reported as truncated
    @Test
    void truncatedCompressedInputs() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            sb.append("line number ").append(i).append('\n');
        }
        Map<String, String> m = shards();
        m.put(ROOT + Benchmark.TRAIN_DIR + "/news.en-00003-of-00100", sb.toString());
        byte[] tgz = tarGz(m);
        Path cut = Files.write(tmp.resolve("half.tar.gz"), Arrays.copyOf(tgz, tgz.length / 2));
        assertTrue(fail(opts(cut)).startsWith(cut + ": truncated tar.gz"));
        byte[] gz = gzip(sb.toString().getBytes(StandardCharsets.UTF_8));
        Path cutGz = Files.write(tmp.resolve("half.txt.gz"), Arrays.copyOf(gz, gz.length / 2));
        assertEquals(cutGz + ": truncated gzip file (unexpected end of data)", fail(opts(cutGz)));
        Path whole = Files.write(tmp.resolve("whole.txt.gz"), gz);
        assertEquals(5000, prepare(opts(whole)).train().lines());
    }

    // a binary file and invalid UTF-8 are errors naming the file (and line); invalid lines can be skipped.
    // The offset is that of the first byte that cannot be valid: 'd' (offset 5) cannot continue the lead byte E9
    @Test
    void binaryAndInvalidUtf8() throws IOException {
        Path bin = Files.write(tmp.resolve("data.txt"), new byte[] {'P', 'K', 3, 4, 0, 0, 1});
        assertEquals(bin + ": binary file (NUL byte at offset 4); expected UTF-8 text", fail(opts(bin)));
        Path utf16 = Files.write(tmp.resolve("utf16.txt"), "hi\n".getBytes(StandardCharsets.UTF_16LE));
        assertTrue(fail(opts(utf16)).contains("UTF-16 is not supported"));
        Path bad = Files.write(tmp.resolve("bad.txt"), new byte[] {'o', 'k', '\n', 'b', (byte) 0xE9, 'd', '\n', 'x', '\n'});
        assertEquals(bad + ": invalid UTF-8 in line 2 (byte offset 5); use --invalid-utf8 skip to skip such lines",
                fail(opts(bad)));
        Manifest m = prepare(opts(bad).withLimits(1 << 20, PrepareOptions.OnInvalid.SKIP));
        assertEquals(1, m.counts().invalidUtf8Skipped());
        assertEquals(List.of("ok``````", "x```````"), decoded(tmp.resolve("out"), false));
    }

    // byte mode takes UTF-8 bytes as symbols without checking them, as the Python 2 loader did
    @Test
    void byteMode() throws IOException {
        Path in = Files.write(tmp.resolve("in.txt"), new byte[] {'c', 'a', 'f', (byte) 0xC3, (byte) 0xA9, '\n',
            (byte) 0xFF, '\n'});
        prepare(opts(in).withSymbols(Symbols.BYTE));
        Dataset ds = Dataset.open(tmp.resolve("out"));
        assertEquals(Symbols.BYTE, ds.vocabulary().symbols());
        List<String> codes = new ArrayList<>();
        for (long i = 0; i < ds.train().size(); i++) {
            StringBuilder sb = new StringBuilder();
            for (short id : ds.train().line(i)) {
                sb.append(String.format("%02x", ds.vocabulary().code(id)));
            }
            codes.add(sb.toString());
        }
        codes.sort(null);
        assertEquals(List.of("636166c3a9606060", "ff60606060606060"), codes);
    }

    // prose is split into sentences and normalised; the manifest counts paragraphs and sentences
    @Test
    void proseWithNormalisation() throws IOException {
        Path in = write("speech.txt", "\u201CWe shall\nfight.\u201D Mr. Smith agreed.\n\nThe end \u2014 truly.\n");
        Manifest m = prepare(opts(in).withFormat(TextFormat.PROSE, List.of("ascii")).withShape(32, 2048, 1L));
        assertEquals(2, m.counts().paragraphs());
        assertEquals(3, m.counts().sentences());
        List<String> lines = decoded(tmp.resolve("out"), false).stream().map(s -> s.replaceAll("`+$", "")).toList();
        assertEquals(List.of("\"We shall fight.\"", "Mr. Smith agreed.", "The end -- truly."), lines);
    }

    // an interrupted run (here: an exception from the progress callback mid-read) leaves no dataset and no
    // partial directory behind
    @Test
    void interruptedRunLeavesNothing() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            sb.append("sentence ").append(i).append('\n');
        }
        Path in = write("big.txt", sb.toString());
        Preparer.Progress stop = new Preparer.Progress() {
            long seen;

            @Override
            public void advance(long bytes) {
                seen += bytes;
                if (seen > 1 << 20) {
                    throw new IllegalStateException("interrupted");
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> Preparer.prepare(opts(in), stop));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("big.txt"), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    // an existing dataset is not overwritten without force, and is replaced with it
    @Test
    void existingOutput() throws IOException {
        Path a = write("a.txt", "first\n");
        Path b = write("b.txt", "second\n");
        prepare(opts(a));
        String msg = fail(opts(b));
        assertEquals(tmp.resolve("out") + ": already exists; use --force to replace it", msg);
        assertEquals(List.of("first```"), decoded(tmp.resolve("out"), false));
        prepare(opts(b).withForce(true));
        assertEquals(List.of("second``"), decoded(tmp.resolve("out"), false));
    }

    // options that contradict each other, or the input, fail before any work with a message naming them
    @Test
    void conflictingOptions() throws IOException {
        Path a = write("a.txt", "first\nsecond\nthird\n");
        assertTrue(conflict(opts(a).withValid(5, PrepareOptions.ValidSource.SPLIT).withMaxExamples(5))
                .startsWith("--valid 5 leaves no training lines out of --max-examples 5"));
        assertTrue(conflict(opts(a).withValid(0, PrepareOptions.ValidSource.HELDOUT))
                .startsWith("--valid-source heldout with --valid 0"));
        assertTrue(conflict(opts(a).withValid(1, PrepareOptions.ValidSource.HELDOUT))
                .startsWith("--valid-source heldout, but no input has a held-out folder"));
        assertTrue(conflict(opts(a).withOutput(tmp)).contains("is (or contains) the input"));
        assertTrue(conflict(opts(tmp).withOutput(tmp.resolve("x"))).contains("lies inside the input directory"));
        assertTrue(conflict(opts(a).withShape(0, 2048, 1)).startsWith("--seq-len must be between 1 and 4096"));
        // the split would take half or more of what was read: known only after reading, an input problem
        assertTrue(fail(opts(a).withValid(2, PrepareOptions.ValidSource.SPLIT))
                .startsWith("only 3 lines were read; --valid 2 would take half or more"));
    }

    // an archive without held-out members cannot serve --valid-source heldout (bug: fell back to a split silently)
    @Test
    void heldoutAskedButAbsentInArchive() throws IOException {
        Path tgz = Files.write(tmp.resolve("bench.tar.gz"), tarGz(shards()));
        String m = conflict(opts(tgz).withValid(1, PrepareOptions.ValidSource.HELDOUT));
        assertTrue(m.startsWith("--valid-source heldout, but no held-out lines were found in " + tgz), m);
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    // the example limit stops reading; the manifest says which sources were read completely
    @Test
    void limitStopsReading() throws Exception {
        Path a = write("a.txt", "1\n2\n3\n");
        Path b = write("b.txt", "4\n5\n");
        Manifest m = prepare(opts(a, b).withMaxExamples(4));
        assertEquals(4, m.train().lines());
        assertEquals(List.of(true, false), m.sources().stream().map(Manifest.Source::complete).toList());
        assertEquals(List.of(3L, 1L), m.sources().stream().map(Manifest.Source::lines).toList());
        String sha = m.sources().get(1).sha256();
        byte[] expected = java.security.MessageDigest.getInstance("SHA-256").digest("4\n5\n".getBytes());
        assertEquals(java.util.HexFormat.of().formatHex(expected), sha);
    }
}
