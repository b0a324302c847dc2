package io.ganlab.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashingInputStreamTest {
    @TempDir
    Path tmp;

    private static byte[] seeded(int n) {
        byte[] b = new byte[n];
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    private static String expected(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    // the hash equals MessageDigest over the same bytes, however they were read: single bytes, chunks, skips
    @Test
    void hashAndCountCoverEveryByteOnce() throws Exception {
        byte[] data = seeded(200_003);
        AtomicLong told = new AtomicLong();
        try (HashingInputStream in = new HashingInputStream(new ByteArrayInputStream(data), told::addAndGet)) {
            in.read();
            in.read();
            assertEquals(1000, in.skip(1000));
            byte[] buf = new byte[777];
            assertEquals(777, in.read(buf, 0, buf.length));
            assertEquals(2 + 1000 + 777, in.bytes());
            // the rest is read by finishSha256
            assertEquals(expected(data), in.finishSha256());
            assertEquals(data.length, in.bytes());
            assertEquals(data.length, told.get());
        }
    }

    // a skip past the end reads what there is and reports that many bytes
    @Test
    void skipPastTheEndStopsAtTheEnd() throws Exception {
        byte[] data = seeded(10);
        HashingInputStream in = new HashingInputStream(new ByteArrayInputStream(data));
        assertEquals(10, in.skip(50));
        assertEquals(-1, in.read());
        assertEquals(expected(data), in.finishSha256());
    }

    // mark/reset is refused even over a stream that offers it: a reset would hash bytes twice
    @Test
    void noMarkReset() {
        HashingInputStream in = new HashingInputStream(new BufferedInputStream(new ByteArrayInputStream(seeded(5))));
        assertFalse(in.markSupported());
        in.mark(10);
        assertThrows(IOException.class, in::reset);
    }

    // the file and stream helpers give the checksum of the whole content; the empty input has the known digest
    @Test
    void wholeFileAndEmptyInput() throws Exception {
        byte[] data = seeded(70_000);
        Path f = Files.write(tmp.resolve("data.bin"), data);
        assertEquals(expected(data), HashingInputStream.sha256(f));
        assertEquals(expected(data), HashingInputStream.sha256(new ByteArrayInputStream(data)));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                HashingInputStream.sha256(new ByteArrayInputStream(new byte[0])));
    }

    // Sha256.hex is the lower-case hex of the standard digest ("abc" from FIPS 180-2)
    @Test
    void sha256HexOfKnownVector() {
        MessageDigest md = Sha256.newDigest();
        md.update("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.hex(md));
    }
}
