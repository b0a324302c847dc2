package io.ganlab.imagegan.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.Txn;

/** Writers of the real input formats, for fixtures made by the tests themselves. */
final class Writers {
    private Writers() {}

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(b)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    /** A .tar.gz of the members in the given order (name -> bytes). */
    static byte[] tarGz(Map<String, byte[]> members) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(b))) {
            for (var e : members.entrySet()) {
                TarArchiveEntry t = new TarArchiveEntry(e.getKey());
                t.setSize(e.getValue().length);
                tar.putArchiveEntry(t);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    static Map<String, byte[]> members(Object... nameBytes) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameBytes.length; i += 2) {
            m.put((String) nameBytes[i], (byte[]) nameBytes[i + 1]);
        }
        return m;
    }

    /** An IDX file: magic, big-endian dimensions, then the bytes. */
    static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    /** An LMDB database at {@code dir} (data.mdb) holding {@code values} under their keys, written by lmdbjava. */
    static void lmdb(Path dir, Map<String, byte[]> values) throws IOException {
        Files.createDirectories(dir);
        try (Env<byte[]> env = Env.create(ByteArrayProxy.PROXY_BA).setMapSize(16 << 20).setMaxDbs(1)
                .open(dir.toFile())) {
            Dbi<byte[]> db = env.openDbi((byte[]) null, DbiFlags.MDB_CREATE);
            try (Txn<byte[]> txn = env.txnWrite()) {
                for (var e : values.entrySet()) {
                    db.put(txn, e.getKey().getBytes(StandardCharsets.US_ASCII), e.getValue());
                }
                txn.commit();
            }
        }
    }

    /**
     * Protocol-2 pickles written opcode by opcode as Python 2's cPickle writes CIFAR-10's batches: str keys and
     * raw data as (SHORT_)BINSTRING, the numpy array as {@code numpy.core.multiarray._reconstruct(numpy.ndarray,
     * (0,), 'b')} then BUILD with {@code (1, (N, 3072), dtype('u1', 0, 1), False, rawdata)}, the dtype with its
     * own BUILD state {@code (3, '|', None, None, None, -1, -1, 0)}. (No memo opcodes: they are optional.)
     */
    static final class Pickle2 {
        private final ByteArrayOutputStream b = new ByteArrayOutputStream();

        Pickle2() {
            b.write(0x80); // PROTO
            b.write(2);
        }

        Pickle2 op(int... ops) {
            for (int o : ops) {
                b.write(o);
            }
            return this;
        }

        Pickle2 str(String s) {
            byte[] d = s.getBytes(StandardCharsets.ISO_8859_1);
            return rawStr(d);
        }

        Pickle2 rawStr(byte[] d) {
            if (d.length < 256) {
                b.write('U'); // SHORT_BINSTRING
                b.write(d.length);
            } else {
                b.write('T'); // BINSTRING
                le32(d.length);
            }
            b.writeBytes(d);
            return this;
        }

        Pickle2 integer(int v) {
            if (v >= 0 && v < 256) {
                b.write('K'); // BININT1
                b.write(v);
            } else if (v >= 0 && v < 65536) {
                b.write('M'); // BININT2
                b.write(v & 0xFF);
                b.write(v >> 8);
            } else {
                b.write('J'); // BININT
                le32(v);
            }
            return this;
        }

        Pickle2 global(String module, String name) {
            b.write('c');
            b.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        private void le32(int v) {
            b.write(v & 0xFF);
            b.write((v >> 8) & 0xFF);
            b.write((v >> 16) & 0xFF);
            b.write((v >>> 24) & 0xFF);
        }

        /** The numpy uint8 array of {@code rows} x {@code cols} holding {@code data}. */
        Pickle2 ndarray(int rows, int cols, byte[] data) {
            global("numpy.core.multiarray", "_reconstruct");
            global("numpy", "ndarray");
            integer(0).op(0x85);                                  // (0,)  TUPLE1
            str("b").op(0x87).op('R');                            // TUPLE3, REDUCE
            op('(').integer(1).integer(rows).integer(cols).op(0x86); // MARK 1 (rows, cols)
            global("numpy", "dtype").str("u1").integer(0).integer(1).op(0x87).op('R');
            op('(').integer(3).str("|").op('N', 'N', 'N').integer(-1).integer(-1).integer(0).op('t').op('b');
            op(0x89);                                             // NEWFALSE
            rawStr(data);
            return op('t').op('b');                               // TUPLE, BUILD
        }

        byte[] stop() {
            b.write('.');
            return b.toByteArray();
        }

        /** A CIFAR-10 batch dict: batch_label, labels, data, filenames. */
        static byte[] batch(byte[] data, int[] labels) {
            int n = labels.length;
            Pickle2 p = new Pickle2().op('}').op('(');             // EMPTY_DICT, MARK
            p.str("batch_label").str("training batch 1 of 5");
            p.str("labels").op(']').op('(');
            for (int l : labels) {
                p.integer(l);
            }
            p.op('e');                                            // APPENDS
            p.str("data").ndarray(data.length / CifarRecords.PIXELS, CifarRecords.PIXELS, data);
            p.str("filenames").op(']').op('(');
            for (int i = 0; i < n; i++) {
                p.str("image_" + i + ".png");
            }
            p.op('e');
            return p.op('u').stop();                              // SETITEMS
        }

        /** batches.meta: num_cases_per_batch, label_names, num_vis. */
        static byte[] meta(List<String> names) {
            Pickle2 p = new Pickle2().op('}').op('(');
            p.str("num_cases_per_batch").integer(10000);
            p.str("label_names").op(']').op('(');
            for (String s : names) {
                p.str(s);
            }
            p.op('e');
            p.str("num_vis").integer(3072);
            return p.op('u').stop();
        }
    }
}
