package io.ganlab.imagegan.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** The raw bytes of one input file, hashed and counted as they are read (for the manifest and progress). */
final class HashingInputStream extends FilterInputStream {
    private final MessageDigest md = ImageDatasetWriter.sha256();
    private long bytes;

    HashingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            md.update((byte) b);
            bytes++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            md.update(b, off, n);
            bytes += n;
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

    long bytes() {
        return bytes;
    }

    /** Reads the unread rest (the checksum is of the whole file) and returns the hex SHA-256. */
    String finishSha256() throws IOException {
        byte[] buf = new byte[1 << 16];
        while (read(buf, 0, buf.length) >= 0) {
            // hashing happens in read
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** SHA-256 of a whole file, read sequentially. */
    static String sha256(java.nio.file.Path file) throws IOException {
        try (HashingInputStream in = new HashingInputStream(java.nio.file.Files.newInputStream(file))) {
            return in.finishSha256();
        }
    }
}
