package io.ganlab.eval.image;

import io.ganlab.common.StagedOutput;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UTFDataFormatException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The layout of the feature caches (statistics, feature rows): an 8-byte magic, a format version (int), the key the
 * data was made under (modified UTF-8), the payload, and a CRC-32C of everything before it (int), big-endian as
 * {@link DataOutputStream} writes. Written atomically; read back only under the same key, whole and undamaged:
 * anything else is an {@link ImageMetricException} saying why, so that the caller recomputes.
 */
public final class KeyedCacheFile {
    /** Writes the payload after the header. */
    @FunctionalInterface
    public interface Payload {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads the payload after the header; {@code stale} makes the error of a damaged payload. */
    @FunctionalInterface
    public interface Parser<T> {
        T read(DataInputStream in, Stale stale) throws IOException;
    }

    /** The one-line error of a file that cannot be used. */
    @FunctionalInterface
    public interface Stale {
        ImageMetricException because(String why);
    }

    private final byte[] magic;
    private final int format;
    private final String what;

    /**
     * @param magic  8 ASCII characters naming the kind of file
     * @param format the layout's version
     * @param what   the kind of file in messages, e.g. {@code feature statistics}
     */
    public KeyedCacheFile(String magic, int format, String what) {
        this.magic = magic.getBytes(StandardCharsets.US_ASCII);
        this.format = format;
        this.what = what;
    }

    public void write(Path file, String key, Payload payload) throws IOException {
        StagedOutput.writeFile(file, false, ch -> {
            CRC32C crc = new CRC32C();
            OutputStream raw = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
            DataOutputStream out = new DataOutputStream(new CheckedOutputStream(raw, crc));
            out.write(magic);
            out.writeInt(format);
            out.writeUTF(key);
            payload.write(out);
            out.flush();
            new DataOutputStream(raw).writeInt((int) crc.getValue());
            raw.flush();                          // not closed: the channel belongs to StagedOutput
        });
    }

    public <T> T read(Path file, String key, Parser<T> parser) throws IOException {
        Stale stale = why -> new ImageMetricException(what + " " + file + ": " + why);
        CRC32C crc = new CRC32C();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc));
            try {
                if (!Arrays.equals(in.readNBytes(magic.length), magic)) {
                    throw stale.because("not a " + what + " file");
                }
                int found = in.readInt();
                if (found != format) {
                    throw stale.because("format " + found + ", this version reads " + format);
                }
                String madeFor = in.readUTF();
                if (!madeFor.equals(key)) {
                    throw stale.because("made for '" + madeFor + "', wanted '" + key + "'");
                }
                T value = parser.read(in, stale);
                int expected = (int) crc.getValue();
                if (new DataInputStream(raw).readInt() != expected) {
                    throw stale.because("checksum does not match (damaged file)");
                }
                if (raw.read() != -1) {
                    throw stale.because("trailing bytes after the checksum (damaged file)");
                }
                return value;
            } catch (EOFException | UTFDataFormatException e) {
                throw stale.because("truncated or damaged");
            }
        }
    }
}
