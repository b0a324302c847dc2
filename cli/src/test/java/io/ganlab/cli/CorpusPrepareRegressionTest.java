package io.ganlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ganlab.corpus.Dataset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression tests of issue 16 (corpus items) and issue 13 (reference parity), through the command line: each one
 * failed on the code before the fix.
 */
class CorpusPrepareRegressionTest {
    @TempDir
    Path tmp;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] NO_VALID = {"--valid-source", "split", "--valid", "0"};

    private GanRunner.Run prepare(List<Path> inputs, String... extra) {
        List<String> args = new ArrayList<>(List.of("corpus", "prepare", "--input"));
        inputs.forEach(p -> args.add(p.toString()));
        args.addAll(List.of("--output", tmp.resolve("out").toString()));
        args.addAll(List.of(extra));
        return GanRunner.run(args.toArray(String[]::new));
    }

    private GanRunner.Run prepare(Path input, String... extra) {
        return prepare(List.of(input), extra);
    }

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    private JsonNode manifest() throws IOException {
        return JSON.readTree(tmp.resolve("out/manifest.json").toFile());
    }

    /** The training lines of the dataset, decoded, trailing padding stripped (or kept), sorted. */
    private List<String> trainLines(boolean keepPadding) {
        Dataset ds = Dataset.open(tmp.resolve("out"));
        List<String> out = new ArrayList<>();
        for (long i = 0; i < ds.train().size(); i++) {
            out.add(ds.vocabulary().decode(ds.train().line(i), !keepPadding));
        }
        out.sort(null);
        return out;
    }

    private static void assertOk(GanRunner.Run r) {
        assertEquals(0, r.code(), r.toString());
    }

    private static String numbered(String prefix, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(prefix).append(i).append('\n');
        }
        return sb.toString();
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(b)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return b.toByteArray();
    }

    // ---------------------------------------------------------------- 2: lines or prose

    // 300 one-sentence lines without final stops and one whitespace-only line stay 300 examples (bug: the blank
    // line made them "wrapped text", 2 examples)
    @Test
    void linesWithOneBlankLineStayLines() throws IOException {
        StringBuilder sb = new StringBuilder(numbered("real line ", 150)).append("   \n");
        sb.append(numbered("real line ", 150).replace("real line ", "real line 1"));
        Path in = write("lines.txt", sb.toString());
        GanRunner.Run r = prepare(in, NO_VALID);
        assertOk(r);
        assertEquals(300, Dataset.open(tmp.resolve("out")).train().size(), r.toString());
        assertTrue(manifest().get("sources").get(0).get("format").asText().startsWith("lines"), manifest().toString());
        assertTrue(r.err().contains(in + ": lines"), r.err());
    }

    // a file whose every 50th line is very long stays lines (bug: the mean length made it prose)
    @Test
    void occasionalLongLinesStayLines() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            sb.append(i % 50 == 49 ? "lorem ipsum dolor ".repeat(1500) : "short line " + i).append('\n');
        }
        Path in = write("long.txt", sb.toString());
        assertOk(prepare(in, NO_VALID));
        assertEquals(300, Dataset.open(tmp.resolve("out")).train().size());
    }

    // with --format prose, a file without blank lines has a paragraph per line (bug: all 120 lines were one
    // paragraph, and a heading ran into the next sentence: "Chapter 6 It was a dark night.")
    @Test
    void proseWithoutBlankLinesHasAParagraphPerLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 60; i++) {
            sb.append("Chapter ").append(i).append('\n').append("It was a dark night. The rain fell.\n");
        }
        Path in = write("chapters.txt", sb.toString());
        assertOk(prepare(in, "--format", "prose", "--valid-source", "split", "--valid", "0", "--seq-len", "64"));
        JsonNode counts = manifest().get("counts");
        assertEquals(120, counts.get("paragraphs").asLong());
        assertEquals(180, counts.get("sentences").asLong());
        List<String> lines = trainLines(false);
        assertTrue(lines.contains("Chapter 6"), lines.toString());
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("Chapter") && l.contains("It was")), lines.toString());
    }

    // a line break that ends a sentence is never joined over, whatever the script; wrapped Chinese is joined
    // without a space (bug: "The end. and so on" was one sentence, "目 标。" got a space)
    @Test
    void proseJoinsWrappedLinesOnly() throws IOException {
        Path in = write("wrapped.txt", "The end.\nand so on\n\nNext part\nof it.\n\n\u76ee\n\u6807\u3002\n\n"
                + "\u0930\u093e\u092e \u0918\u0930 \u0917\u092f\u093e\u0964\n\u0914\u0930 \u0938\u0940\u0924\u093e\n");
        assertOk(prepare(in, "--format", "prose", "--valid-source", "split", "--valid", "0", "--seq-len", "64"));
        assertEquals(List.of("Next part of it.", "The end.", "and so on", "\u0914\u0930 \u0938\u0940\u0924\u093e",
                "\u0930\u093e\u092e \u0918\u0930 \u0917\u092f\u093e\u0964", "\u76ee\u6807\u3002"), trainLines(false));
    }

    // --format auto still finds wrapped prose (paragraphs of long wrapped lines between blank lines) and
    // reports it
    @Test
    void wrappedProseIsDetected() throws IOException {
        String para = "It was the best of times, it was the worst of times, it was\nthe age of wisdom, it was the"
                + " age of foolishness, it was the\nepoch of belief, it was the epoch of incredulity.\n\n";
        Path in = write("dickens.txt", para.repeat(5));
        GanRunner.Run r = prepare(in, NO_VALID);
        assertOk(r);
        assertEquals(5, manifest().get("counts").get("paragraphs").asLong());
        String format = manifest().get("sources").get(0).get("format").asText();
        assertTrue(format.startsWith("prose"), format);
        assertTrue(r.err().contains(in + ": prose"), r.err());
    }

    // ---------------------------------------------------------------- 3: gzip members and trailing data

    // every member of a multi-member .gz is read; a damaged later member and data after the last member are
    // errors naming the file (bug: 200 of 600 lines kept, exit 0)
    @Test
    void gzipMembersAreAllReadOrRefused() throws IOException {
        byte[] m1 = gzip(numbered("first ", 200));
        byte[] m2 = gzip(numbered("second ", 200));
        byte[] m3 = gzip(numbered("third ", 200));
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(m1);
        all.write(m2);
        all.write(m3);
        byte[] good = all.toByteArray();
        Path whole = Files.write(tmp.resolve("whole.txt.gz"), good);
        assertOk(prepare(whole, "-q", "--valid-source", "split", "--valid", "0"));
        assertEquals(600, Dataset.open(tmp.resolve("out")).train().size());

        byte[] damaged = good.clone();
        damaged[m1.length] = 0x20; // the magic number of the second member
        Path bad = Files.write(tmp.resolve("damaged.txt.gz"), damaged);
        GanRunner.Run r = prepare(bad, "-q", "--force", "--valid-source", "split", "--valid", "0");
        assertEquals(1, r.code(), r.toString());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("gan corpus prepare: error: " + bad + ": "), r.err());

        Path trailing = Files.write(tmp.resolve("trailing.txt.gz"),
                (new String(good, StandardCharsets.ISO_8859_1) + "garbage").getBytes(StandardCharsets.ISO_8859_1));
        r = prepare(trailing, "-q", "--force", "--valid-source", "split", "--valid", "0");
        assertEquals(1, r.code(), r.toString());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("gan corpus prepare: error: " + trailing + ": "), r.err());
    }

    // ---------------------------------------------------------------- 4: normalisation leaves one line

    // html-strip leaves no line break inside an example; collapse-space trims (bug: "\nHello world\n" and a
    // newline in the vocabulary)
    @Test
    void normalisedLinesHoldNoLineBreak() throws IOException {
        Path in = write("page.txt", "<p>Hello world</p>\n<div>  spaced   out  </div>\n");
        assertOk(prepare(in, "-q", "--format", "lines", "--normalize", "html-strip,collapse-space",
                "--valid-source", "split", "--valid", "0"));
        assertEquals(List.of("Hello world", "spaced out"), trainLines(false));
        int[] codes = Dataset.open(tmp.resolve("out")).vocabulary().codes();
        assertFalse(Arrays.stream(codes).anyMatch(c -> c == '\n' || c == '\r'), Arrays.toString(codes));
    }

    // ---------------------------------------------------------------- 5: vocabulary beyond 65,535 symbols

    // the vocabulary is the most frequent symbols whatever the input order, also after 65,535 distinct ones
    // (bug: every symbol first seen after them became unk, so a pizza corpus got a vocabulary of rare CJK)
    @Test
    void vocabularyAfterManyDistinctSymbols() throws IOException {
        StringBuilder sb = new StringBuilder();
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < 70_000; i++) {
            line.appendCodePoint(0x20000 + i);
            if (line.codePointCount(0, line.length()) == 32) {
                lines.add(line.toString());
                line.setLength(0);
            }
        }
        lines.add(line.toString());
        for (int i = 0; i < 3000; i++) {
            lines.add("\uD83C\uDF55 pizza " + i);
        }
        lines.forEach(l -> sb.append(l).append('\n'));
        Path in = write("pizza.txt", sb.toString());
        assertOk(prepare(in, "-q", "--format", "lines", "--vocab-size", "30", "--valid-source", "split",
                "--valid", "0"));
        // brute force: symbols of each line cut to 32, padding included, by count desc then code asc
        Map<Integer, Long> counts = new HashMap<>();
        for (String l : lines) {
            int[] cps = l.codePoints().limit(32).toArray();
            for (int c : cps) {
                counts.merge(c, 1L, Long::sum);
            }
            counts.merge((int) '`', 32L - cps.length, Long::sum);
        }
        List<Map.Entry<Integer, Long>> order = new ArrayList<>(counts.entrySet());
        order.sort((a, b) -> a.getValue().equals(b.getValue()) ? Integer.compare(a.getKey(), b.getKey())
                : Long.compare(b.getValue(), a.getValue()));
        int[] want = new int[30];
        want[0] = -1;
        for (int i = 1; i < 30; i++) {
            want[i] = order.get(i - 1).getKey();
        }
        int[] got = Dataset.open(tmp.resolve("out")).vocabulary().codes();
        assertEquals(Arrays.toString(want), Arrays.toString(got));
        assertTrue(Arrays.stream(got).anyMatch(c -> c == 0x1F355), "the pizza is in the vocabulary");
    }

    // ---------------------------------------------------------------- 7: inputs read once, skips counted

    // a file given twice, or reached again through a directory, is read once and said so (bug: read twice,
    // so training lines leaked into validation)
    @Test
    void sameFileIsReadOnce() throws IOException {
        Path a = write("dir/a.txt", numbered("alpha ", 30));
        GanRunner.Run r = prepare(List.of(a, a, tmp.resolve("dir")), NO_VALID);
        assertOk(r);
        assertEquals(30, Dataset.open(tmp.resolve("out")).train().size());
        assertTrue(r.err().contains("read once"), r.err());
        assertEquals(2, manifest().get("counts").get("duplicateInputsSkipped").asLong());
    }

    // a .tar.gz in an input directory that is not the benchmark is skipped and counted (bug: it aborted the
    // whole prepare)
    @Test
    void otherArchiveInDirectoryIsSkipped() throws IOException {
        write("dir/a.txt", numbered("alpha ", 30));
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(t)) {
            byte[] data = "some notes\n".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry("notes/x.txt");
            e.setSize(data.length);
            tar.putArchiveEntry(e);
            tar.write(data);
            tar.closeArchiveEntry();
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream os = new GZIPOutputStream(gz)) {
            t.writeTo(os);
        }
        Files.write(tmp.resolve("dir/backup.tar.gz"), gz.toByteArray());
        GanRunner.Run r = prepare(tmp.resolve("dir"), NO_VALID);
        assertOk(r);
        assertEquals(30, Dataset.open(tmp.resolve("out")).train().size());
        assertEquals(1, manifest().get("counts").get("otherFilesSkipped").asLong());
    }

    // a symbolic link to a directory inside an input directory is not followed, and counted
    @Test
    void linkedDirectoryIsCounted() throws IOException {
        write("dir/a.txt", numbered("alpha ", 30));
        write("elsewhere/b.txt", numbered("beta ", 30));
        Files.createSymbolicLink(tmp.resolve("dir/link"), tmp.resolve("elsewhere"));
        GanRunner.Run r = prepare(tmp.resolve("dir"), NO_VALID);
        assertOk(r);
        assertEquals(30, Dataset.open(tmp.resolve("out")).train().size());
        JsonNode linked = manifest().get("counts").get("linkedDirsSkipped");
        assertNotNull(linked, manifest().toString());
        assertEquals(1, linked.asLong());
    }

    // --valid asks for more held-out lines than there are: a warning line, and the manifest says so (bug: fewer
    // lines silently)
    @Test
    void heldoutShortfallIsReported() throws IOException {
        BenchmarkFixture f = BenchmarkFixture.write(tmp.resolve("fixture"), 2, 150, 5L);
        GanRunner.Run r = prepare(f.dir, "-q", "--valid", "1000");
        assertOk(r);
        long valid = manifest().get("valid").get("lines").asLong();
        assertTrue(valid > 0 && valid < 1000, "valid " + valid);
        assertTrue(r.err().contains("warning: --valid 1000") && r.err().contains(valid + " held-out lines"), r.err());
        assertTrue(manifest().get("warnings").toString().contains("--valid 1000"), manifest().toString());
    }

    // ---------------------------------------------------------------- 9: option conflicts

    // --max-examples 5 --valid 10 is an option conflict (exit 2) whose message names both options (bug: exit 1,
    // "only 15 lines were read" of a 300-line file)
    @Test
    void validAboveMaxExamplesIsAConflict() throws IOException {
        Path in = write("a.txt", numbered("line ", 300));
        GanRunner.Run r = prepare(in, "-q", "--max-examples", "5", "--valid", "10");
        assertEquals(2, r.code(), r.toString());
        String first = r.errLines().get(0);
        assertTrue(first.contains("--valid 10") && first.contains("--max-examples 5"), first);
    }

    // ---------------------------------------------------------------- 10: encodings

    // a UTF-8 byte-order mark at the start of a file is no symbol; lines of only zero-width characters are blank
    @Test
    void byteOrderMarkAndZeroWidthLines() throws IOException {
        Path in = write("bom.txt", "\uFEFFhello\n\u200B\n\uFEFF\n\u200B\u200B \nworld\n");
        assertOk(prepare(in, "-q", "--format", "lines", "--valid-source", "split", "--valid", "0"));
        assertEquals(List.of("hello", "world"), trainLines(false));
        assertEquals(3, manifest().get("counts").get("blankSkipped").asLong());
    }

    // UTF-16 with a byte-order mark is named as such
    @Test
    void utf16IsNamed() throws IOException {
        byte[] text = "hi\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] data = new byte[text.length + 2];
        data[0] = (byte) 0xFF;
        data[1] = (byte) 0xFE;
        System.arraycopy(text, 0, data, 2, text.length);
        Path in = Files.write(tmp.resolve("utf16.txt"), data);
        GanRunner.Run r = prepare(in, "-q");
        assertEquals(1, r.code(), r.toString());
        assertEquals(List.of("gan corpus prepare: error: " + in + ": UTF-16 text (byte-order mark FF FE); convert it"
                + " to UTF-8"), r.errLines());
    }

    // ---------------------------------------------------------------- 12: damaged datasets

    // an id outside the vocabulary in train.bin is one line naming the file, the line and the id (bug: a raw
    // ArrayIndexOutOfBoundsException in stats and sample)
    @Test
    void outOfRangeIdIsNamed() throws IOException {
        Path in = write("abc.txt", "aab\nab\nb\n");
        assertOk(prepare(in, "-q", "--seq-len", "4", "--format", "lines", "--valid-source", "split", "--valid", "0"));
        Path bin = tmp.resolve("out/train.bin");
        try (FileChannel ch = FileChannel.open(bin, StandardOpenOption.WRITE)) {
            for (int line = 0; line < 3; line++) {
                ch.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) 0xFF, 0x7F}), line * 8L);
            }
        }
        for (String[] cmd : List.of(new String[] {"corpus", "stats", tmp.resolve("out").toString()},
                new String[] {"corpus", "sample", tmp.resolve("out").toString(), "--seed", "1"})) {
            GanRunner.Run r = GanRunner.run(cmd);
            assertEquals(1, r.code(), r.toString());
            assertEquals(1, r.errLines().size(), r.err());
            assertTrue(r.err().matches("(?s)gan corpus (stats|sample): error: " + java.util.regex.Pattern.quote(
                    bin.toString()) + ": line \\d holds id 32767.*"), r.err());
        }
    }

    // ---------------------------------------------------------------- issue 13: reference parity, small corpora

    // --keep-blank keeps blank and whitespace-only lines as the reference does (an empty line is all padding)
    @Test
    void keepBlankKeepsBlankLines() throws IOException {
        Path in = write("blank.txt", "a\n\n   \nb\n");
        assertOk(prepare(in, "-q", "--keep-blank", "--format", "lines", "--seq-len", "4", "--valid-source", "split",
                "--valid", "0"));
        assertEquals(List.of("   `", "````", "a```", "b```"), trainLines(true));
        assertEquals(0, manifest().get("counts").get("blankSkipped").asLong());
    }

    // without --valid, a corpus of a few hundred lines gets a validation split of 10% of its lines, said on
    // stderr and in the manifest (bug: the default 10,000 failed on it)
    @Test
    void validationSplitScalesWithoutValid() throws IOException {
        Path in = write("small.txt", numbered("line ", 300));
        GanRunner.Run r = prepare(in);
        assertOk(r);
        assertEquals(30, manifest().get("valid").get("lines").asLong());
        assertEquals(270, manifest().get("train").get("lines").asLong());
        assertEquals("auto", manifest().get("options").get("validRequested").asText());
        assertTrue(r.err().contains("30 validation lines"), r.err());
    }
}
