package io.ganlab.eval;

import io.ganlab.common.StagedOutput;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The file format of the caches beside a dataset: a header that says what the file holds and for which
 * dataset, the arrays, and a CRC-32C of the arrays. Written to a temporary name and renamed, so a reader
 * never sees half a file; anything that does not match is reported as stale, never used.
 *
 * <pre>
 * "GANLABC1" | kind, dataset checksum, tool version (UTF) | int params[] | long lengths of the long[] and
 * int[] arrays | payload: the arrays, little-endian | CRC-32C of the payload (int, little-endian)
 * </pre>
 */
final class CacheFile {
    private static final byte[] MAGIC = "GANLABC1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int CHUNK = 1 << 23;

    /** What a cache is for; a file whose header differs is stale. */
    record Key(String kind, String checksum, String toolVersion, int[] params) {
        boolean matches(Key o) {
            return kind.equals(o.kind) && checksum.equals(o.checksum) && toolVersion.equals(o.toolVersion)
                    && Arrays.equals(params, o.params);
        }

        /** How {@code this} (found in a file) differs from {@code wanted}, for the user. */
        String difference(Key wanted) {
            if (!kind.equals(wanted.kind)) {
                return "it holds " + kind + ", not " + wanted.kind;
            }
            if (!checksum.equals(wanted.checksum)) {
                return "made for another version of the dataset (checksum " + shortSum(checksum) + ", the dataset's is "
                        + shortSum(wanted.checksum) + ")";
            }
            if (!toolVersion.equals(wanted.toolVersion)) {
                return "made by tool version " + toolVersion + ", this is " + wanted.toolVersion;
            }
            return "made with parameters " + Arrays.toString(params) + ", wanted " + Arrays.toString(wanted.params);
        }

        private static String shortSum(String s) {
            return s.substring(0, Math.min(12, s.length()));
        }
    }

    record Contents(long[][] longs, int[][] ints) {}

    /** A cache that cannot be used; the message says why. */
    static final class Stale extends Exception {
        Stale(String why) {
            super(why);
        }
    }

    private CacheFile() {}

    static void write(Path file, Key key, long[][] longs, int[][] ints) throws IOException {
        {
            ByteArrayOutputStream hb = new ByteArrayOutputStream();
            DataOutputStream h = new DataOutputStream(hb);
            h.write(MAGIC);
            h.writeUTF(key.kind());
            h.writeUTF(key.checksum());
            h.writeUTF(key.toolVersion());
            h.writeInt(key.params().length);
            for (int v : key.params()) {
                h.writeInt(v);
            }
            h.writeInt(longs.length);
            for (long[] a : longs) {
                h.writeLong(a.length);
            }
            h.writeInt(ints.length);
            for (int[] a : ints) {
                h.writeLong(a.length);
            }
            h.flush();
            CRC32C crc = new CRC32C();
            StagedOutput.writeFile(file, false, ch -> {
                writeFully(ch, ByteBuffer.wrap(hb.toByteArray()));
                ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
                for (long[] a : longs) {
                    for (int off = 0; off < a.length; ) {
                        int k = Math.min(a.length - off, CHUNK / 8);
                        buf.clear();
                        buf.asLongBuffer().put(a, off, k);
                        buf.limit(k * 8);
                        crc.update(buf.duplicate());
                        writeFully(ch, buf);
                        off += k;
                    }
                }
                for (int[] a : ints) {
                    for (int off = 0; off < a.length; ) {
                        int k = Math.min(a.length - off, CHUNK / 4);
                        buf.clear();
                        buf.asIntBuffer().put(a, off, k);
                        buf.limit(k * 4);
                        crc.update(buf.duplicate());
                        writeFully(ch, buf);
                        off += k;
                    }
                }
                ByteBuffer trailer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                trailer.putInt((int) crc.getValue()).flip();
                writeFully(ch, trailer);
                // no fsync: a file cut short by a crash fails the size or CRC check and is counted again
            });
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Reads a cache written for {@code expected}; throws {@link Stale} with the reason if it is not one. */
    static Contents read(Path file, Key expected) throws Stale, IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Channels.newInputStream(ch), 1024));
            long[] longLens;
            long[] intLens;
            long headerBytes;
            try {
                byte[] magic = new byte[MAGIC.length];
                in.readFully(magic);
                if (!Arrays.equals(magic, MAGIC)) {
                    throw new Stale("not a cache file of this tool");
                }
                String kind = in.readUTF();
                String checksum = in.readUTF();
                String version = in.readUTF();
                int np = in.readInt();
                if (np < 0 || np > 64) {
                    throw new Stale("damaged header");
                }
                int[] params = new int[np];
                for (int i = 0; i < np; i++) {
                    params[i] = in.readInt();
                }
                Key found = new Key(kind, checksum, version, params);
                if (!found.matches(expected)) {
                    throw new Stale(found.difference(expected));
                }
                longLens = lengths(in);
                intLens = lengths(in);
                headerBytes = MAGIC.length + utfBytes(kind) + utfBytes(checksum) + utfBytes(version) + 4 + 4L * np
                        + 4 + 8L * longLens.length + 4 + 8L * intLens.length;
            } catch (java.io.EOFException | java.io.UTFDataFormatException e) {
                throw new Stale("truncated or damaged header");
            }
            long payload = 0;
            for (long l : longLens) {
                payload += 8 * l;
            }
            for (long l : intLens) {
                payload += 4 * l;
            }
            if (size != headerBytes + payload + 4) {
                throw new Stale("size " + size + " bytes, expected " + (headerBytes + payload + 4) + " (truncated?)");
            }
            ch.position(headerBytes);
            CRC32C crc = new CRC32C();
            ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            long[][] longs = new long[longLens.length][];
            for (int s = 0; s < longs.length; s++) {
                long[] a = longs[s] = new long[(int) longLens[s]];
                for (int off = 0; off < a.length; ) {
                    int k = Math.min(a.length - off, CHUNK / 8);
                    fill(ch, buf, k * 8);
                    crc.update(buf.duplicate());
                    buf.asLongBuffer().get(a, off, k);
                    off += k;
                }
            }
            int[][] ints = new int[intLens.length][];
            for (int s = 0; s < ints.length; s++) {
                int[] a = ints[s] = new int[(int) intLens[s]];
                for (int off = 0; off < a.length; ) {
                    int k = Math.min(a.length - off, CHUNK / 4);
                    fill(ch, buf, k * 4);
                    crc.update(buf.duplicate());
                    buf.asIntBuffer().get(a, off, k);
                    off += k;
                }
            }
            fill(ch, buf, 4);
            int stored = buf.getInt(0);
            if (stored != (int) crc.getValue()) {
                throw new Stale("checksum of the contents does not match (damaged file)");
            }
            return new Contents(longs, ints);
        }
    }

    private static long[] lengths(DataInputStream in) throws IOException, Stale {
        int k = in.readInt();
        if (k < 0 || k > 16) {
            throw new Stale("damaged header");
        }
        long[] out = new long[k];
        for (int i = 0; i < k; i++) {
            out[i] = in.readLong();
            if (out[i] < 0 || out[i] > Integer.MAX_VALUE - 16) {
                throw new Stale("damaged header");
            }
        }
        return out;
    }

    private static int utfBytes(String s) {
        return 2 + s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length; // writeUTF: no NULs or surrogates here
    }

    private static void fill(FileChannel ch, ByteBuffer buf, int bytes) throws IOException, Stale {
        buf.clear().limit(bytes);
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                throw new Stale("truncated");
            }
        }
        buf.flip();
    }
}
