package io.ganlab.corpus.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongConsumer;

/** The raw bytes of one input file: hashed and counted as they are read, for the manifest and progress. */
public final class SourceStream extends FilterInputStream {
    private final MessageDigest md = sha256();
    private final LongConsumer progress;
    private long bytes;

    /** @param progress told of every chunk of bytes read */
    public SourceStream(InputStream in, LongConsumer progress) {
        super(in);
        this.progress = progress;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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

    public long bytes() {
        return bytes;
    }

    /** Reads the unread rest (for the checksum of the whole file) and returns the hex SHA-256. */
    public String finishSha256() throws IOException {
        byte[] buf = new byte[1 << 16];
        while (read(buf, 0, buf.length) >= 0) {
            // hashing happens in read
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The hex SHA-256 of a whole stream. */
    public static String sha256(InputStream in) throws IOException {
        SourceStream s = new SourceStream(in, n -> {});
        return s.finishSha256();
    }
}
