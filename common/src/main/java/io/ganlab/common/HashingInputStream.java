package io.ganlab.common;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.function.LongConsumer;

/**
 * The raw bytes of one input file, counted and hashed with SHA-256 as they are read, for a manifest's record of
 * its sources and for progress. Every byte that passes is hashed exactly once: {@code skip} reads instead of
 * skipping, and mark/reset is not offered.
 */
public final class HashingInputStream extends FilterInputStream {
    private final MessageDigest md = Sha256.newDigest();
    private final LongConsumer progress;
    private long bytes;

    public HashingInputStream(InputStream in) {
        this(in, n -> {});
    }

    /** @param progress told of every chunk of bytes read */
    public HashingInputStream(InputStream in, LongConsumer progress) {
        super(in);
        this.progress = progress;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            md.update((byte) b);
            bytes++;
            progress.accept(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            md.update(b, off, n);
            bytes += n;
            progress.accept(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // skipping would leave bytes out of the checksum: read them instead
        byte[] buf = new byte[8192];
        long done = 0;
        while (done < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    @Override
    public boolean markSupported() {
        return false; // a reset would hash bytes twice
    }

    @Override
    public void mark(int readLimit) {
        // not supported, see markSupported
    }

    @Override
    public void reset() throws IOException {
        throw new IOException("mark/reset not supported: a reset would hash bytes twice");
    }

    /** Bytes read so far. */
    public long bytes() {
        return bytes;
    }

    /** Reads the unread rest (the checksum is of the whole file) and returns the hex SHA-256. */
    public String finishSha256() throws IOException {
        byte[] buf = new byte[1 << 16];
        while (read(buf, 0, buf.length) >= 0) {
            // hashing happens in read
        }
        return Sha256.hex(md);
    }

    /** The hex SHA-256 of the rest of a stream. */
    public static String sha256(InputStream in) throws IOException {
        return new HashingInputStream(in).finishSha256();
    }

    /** The hex SHA-256 of a whole file, read sequentially. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }
}
