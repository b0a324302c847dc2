package io.ganlab.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineScannerTest {

    /** What the scanner showed for one line. */
    record Seen(String kept, long bytes, long symbols, long invalidAt, boolean truncated) {}

    static List<Seen> scan(byte[] data, boolean validate, int maxLineBytes, InputStream wrap) throws IOException {
        LineScanner sc = new LineScanner(wrap != null ? wrap : new ByteArrayInputStream(data), validate, maxLineBytes);
        List<Seen> out = new ArrayList<>();
        while (sc.next()) {
            out.add(new Seen(new String(Arrays.copyOfRange(sc.bytes(), sc.start(), sc.end()), StandardCharsets.UTF_8),
                    sc.lineBytes(), sc.lineSymbols(), sc.invalidAt(), sc.truncated()));
        }
        return out;
    }

    static List<Seen> scan(String text, int maxLineBytes) throws IOException {
        return scan(text.getBytes(StandardCharsets.UTF_8), true, maxLineBytes, null);
    }

    /** Delivers a few bytes per read, as pipes and decompressors do. */
    static InputStream trickle(byte[] data, int chunk) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    // LF and CRLF ends, a last line without newline, an empty line; the final newline makes no extra line
    @Test
    void splitsLines() throws IOException {
        List<Seen> s = scan("one\r\ntwo\n\nthr\u00e9e", 64);
        assertEquals(List.of("one", "two", "", "thr\u00e9e"), s.stream().map(Seen::kept).toList());
        assertEquals(6, s.get(3).bytes());
        assertEquals(5, s.get(3).symbols());
        assertEquals(2, scan("a\nb\n", 64).size());
        assertEquals(0, scan("", 64).size());
    }

    // the same lines whatever the read sizes of the underlying stream
    @Test
    void independentOfReadSizes() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            sb.append("line ").append(i).append(i % 7 == 0 ? " caf\u00e9\r\n" : "\n");
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        List<Seen> whole = scan(b, true, 64, null);
        assertEquals(3000, whole.size());
        assertEquals(whole, scan(b, true, 64, trickle(b, 7)));
    }

    // a line longer than maxLineBytes keeps only its first bytes, never cutting a UTF-8 sequence,
    // and still reports its full length
    @Test
    void longLineInBuffer() throws IOException {
        String line = "ab" + "\u00e9".repeat(100); // 202 bytes, 102 code points
        List<Seen> s = scan(line + "\nnext\n", 129);
        assertEquals(202, s.get(0).bytes());
        assertEquals(102, s.get(0).symbols());
        assertTrue(s.get(0).truncated());
        assertEquals("ab" + "\u00e9".repeat(63), s.get(0).kept()); // 2 + 126 = 128 bytes: 129 would split an é
        assertEquals("next", s.get(1).kept());
    }

    // lines longer than the whole read buffer (1 MiB) stream through: prefix exactly maxLineBytes of ASCII,
    // even when the previous long line left a continuation byte just past the cut (bug: a stale byte moved the cut)
    @Test
    void lineLongerThanBuffer() throws IOException {
        int max = 128;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("x".repeat(max - 1) + "\u00e9" + "y".repeat(3 << 19)).getBytes(StandardCharsets.UTF_8));
        b.write('\n');
        b.writeBytes("z".repeat(3 << 19).getBytes(StandardCharsets.US_ASCII));
        b.write('\n');
        b.writeBytes("end".getBytes(StandardCharsets.US_ASCII));
        List<Seen> s = scan(b.toByteArray(), true, max, null);
        assertEquals(3, s.size());
        assertEquals("x".repeat(max - 1), s.get(0).kept()); // the é would be cut in half: left out
        assertEquals((3 << 19) + max + 1, s.get(0).bytes());
        assertEquals((3 << 19) + max, s.get(0).symbols());
        assertEquals("z".repeat(max), s.get(1).kept());
        assertEquals(3 << 19, s.get(1).bytes());
        assertEquals("end", s.get(2).kept());
    }

    // invalid UTF-8 is reported at its stream offset, also after a long CRLF line (bug: the CR was not counted)
    @Test
    void invalidOffsets() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("ok\r\n".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes("q".repeat(3 << 19).getBytes(StandardCharsets.US_ASCII));
        b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes("abc".getBytes(StandardCharsets.US_ASCII));
        b.write(0xFF);
        b.writeBytes("\nlast\n".getBytes(StandardCharsets.US_ASCII));
        byte[] data = b.toByteArray();
        long expected = 4 + (3 << 19) + 2 + 3; // "ok\r\n", the long line and its CRLF, "abc"
        assertEquals(0xFF, data[(int) expected] & 0xFF);
        for (int chunk : new int[] {1 << 20, 4093}) {
            List<Seen> s = scan(data, true, 128, trickle(data, chunk));
            assertEquals(4, s.size());
            assertEquals(-1, s.get(1).invalidAt());
            assertEquals(3 << 19, s.get(1).bytes());
            assertEquals(expected, s.get(2).invalidAt(), "read size " + chunk);
            assertEquals(-1, s.get(3).invalidAt());
        }
    }

    // without validation (byte mode) invalid bytes pass and symbols are bytes
    @Test
    void byteModeDoesNotValidate() throws IOException {
        List<Seen> s = scan(new byte[] {'a', (byte) 0xFF, 'b', '\n'}, false, 64, null);
        assertEquals(-1, s.get(0).invalidAt());
        assertEquals(3, s.get(0).symbols());
        assertFalse(s.get(0).truncated());
    }

    // a sequence left open at the end of a line is invalid at the line's end
    @Test
    void openSequenceAtLineEnd() throws IOException {
        List<Seen> s = scan(new byte[] {'a', 'b', (byte) 0xE2, (byte) 0x82, '\n', 'c'}, true, 64, null);
        assertEquals(4, s.get(0).invalidAt());
        assertEquals(-1, s.get(1).invalidAt());
    }
}
