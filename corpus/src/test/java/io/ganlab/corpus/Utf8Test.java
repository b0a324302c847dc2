package io.ganlab.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Utf8Test {

    /** Java's strict decoder: the independent judge of what valid UTF-8 is. */
    private static String strict(byte[] b) {
        try {
            CharBuffer cb = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return cb.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    // on seeded random byte strings biased to the interesting lead and continuation bytes, the streaming
    // validator accepts exactly what the strict decoder accepts, and counts the same code points
    @Test
    void agreesWithStrictDecoder() {
        SplittableRandom rnd = new SplittableRandom(42);
        int[] pool = {'a', ' ', 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEF,
            0xF0, 0xF3, 0xF4, 0xF5, 0xFF};
        int valid = 0;
        for (int trial = 0; trial < 20_000; trial++) {
            byte[] b = new byte[1 + rnd.nextInt(6)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) pool[rnd.nextInt(pool.length)];
            }
            String expected = strict(b);
            Utf8 u = new Utf8();
            int bad = u.feed(b, 0, b.length);
            boolean ok = bad < 0 && u.complete();
            assertEquals(expected != null, ok, () -> "bytes " + java.util.HexFormat.of().formatHex(b));
            if (ok) {
                valid++;
                assertEquals(expected.codePointCount(0, expected.length()), u.symbols());
            }
        }
        // the pool must produce both outcomes often, else the test proves little
        assertEquals(true, valid > 500 && valid < 19_000, "valid cases: " + valid);
    }

    // a sequence split across two feeds is validated as if fed at once
    @Test
    void sequenceAcrossFeeds() {
        byte[] b = "a\u00e9\u20ac\uD83D\uDE00".getBytes(StandardCharsets.UTF_8); // 1 + 2 + 3 + 4 bytes
        for (int cut = 0; cut <= b.length; cut++) {
            Utf8 u = new Utf8();
            assertEquals(-1, u.feed(b, 0, cut));
            assertEquals(-1, u.feed(b, cut, b.length));
            assertEquals(true, u.complete());
            assertEquals(4, u.symbols());
        }
    }

    // the index of the first invalid byte is reported: a stray continuation byte, an overlong, a surrogate
    @Test
    void reportsFirstInvalidByte() {
        assertEquals(2, new Utf8().feed(new byte[] {'a', 'b', (byte) 0x80}, 0, 3));
        assertEquals(0, new Utf8().feed(new byte[] {(byte) 0xC0, (byte) 0x80}, 0, 2));   // overlong NUL
        assertEquals(1, new Utf8().feed(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, 0, 3)); // surrogate
        assertEquals(1, new Utf8().feed(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, 0, 4));
        Utf8 open = new Utf8();
        assertEquals(-1, open.feed(new byte[] {(byte) 0xE2, (byte) 0x82}, 0, 2));
        assertEquals(false, open.complete());
    }

    // decoding gives the code points of String's decoder, and stops at max
    @Test
    void decode() {
        String s = "x\u00e9\u20ac\uD83D\uDE00yz";
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int[] out = new int[10];
        int n = Utf8.decode(b, 0, b.length, out, 10);
        assertArrayEquals(s.codePoints().toArray(), java.util.Arrays.copyOf(out, n));
        assertEquals(3, Utf8.decode(b, 0, b.length, out, 3));
        assertArrayEquals(new int[] {'x', 0xE9, 0x20AC}, java.util.Arrays.copyOf(out, 3));
    }
}
