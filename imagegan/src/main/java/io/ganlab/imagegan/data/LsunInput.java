package io.ganlab.imagegan.data;

import io.ganlab.common.HashingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;

/**
 * LSUN: one LMDB database per category and split ({@code bedroom_train_lmdb/} with {@code data.mdb}, or the zip
 * that holds it), whose values are encoded images (WebP, some JPEG) under hexadecimal keys; read in key order
 * with lmdbjava (its {@code org.lmdbjava:native} jar bundles liblmdb for linux-x86_64), opened read-only without
 * a lock file so that a read-only copy works. Keys and values are copied into byte arrays
 * ({@code ByteArrayProxy}): lmdbjava's ByteBuffer proxy needs {@code --add-opens java.base/java.nio} on Java 17. A zip is extracted into the staged dataset's scratch directory,
 * since LMDB needs a file. The category (the name before {@code _train_lmdb}/{@code _val_lmdb}) is the label;
 * {@code *_val_lmdb} feeds the validation split.
 */
final class LsunInput extends ImageInput {
    /** One database as given. */
    record Db(Path given, String category, DataSplit split, boolean zip) {}

    private final List<Db> dbs;
    private final List<String> categories;
    private final Path[] dataFiles;
    private final long[] entries;

    private LsunInput(List<Db> dbs) {
        this.dbs = dbs;
        this.categories = dbs.stream().map(Db::category).distinct().sorted().toList();
        this.dataFiles = new Path[dbs.size()];
        this.entries = new long[dbs.size()];
    }

    /** A directory holding {@code data.mdb}, a {@code data.mdb} file, or a {@code .zip}. */
    static boolean isLsun(Path p) {
        String name = p.getFileName().toString();
        return Files.isDirectory(p) && Files.isRegularFile(p.resolve("data.mdb"))
                || Files.isRegularFile(p) && name.equals("data.mdb")
                || Files.isRegularFile(p) && name.toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    static LsunInput of(List<Path> paths) {
        List<Db> dbs = new ArrayList<>();
        for (Path p : paths) {
            boolean zip = p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
            String name = p.getFileName().toString().equals("data.mdb")
                    ? p.toAbsolutePath().getParent().getFileName().toString() : p.getFileName().toString();
            if (zip) {
                name = name.substring(0, name.length() - 4);
            }
            boolean val = name.contains("_val");
            String category = name.replaceAll("_(train|val)_lmdb$", "").replaceAll("_lmdb$", "");
            dbs.add(new Db(p, category, val ? DataSplit.VALID : DataSplit.TRAIN, zip));
        }
        return new LsunInput(dbs);
    }

    @Override
    String kind() {
        return "lsun-lmdb";
    }

    @Override
    String describe() {
        return dbs.size() == 1 ? dbs.get(0).given().toString() : dbs.size() + " LSUN databases";
    }

    @Override
    void open(Path scratch) {
        for (int i = 0; i < dbs.size(); i++) {
            Db db = dbs.get(i);
            if (db.zip()) {
                dataFiles[i] = extract(db.given(), scratch.resolve("lsun-" + i));
            } else {
                dataFiles[i] = Files.isDirectory(db.given()) ? db.given().resolve("data.mdb") : db.given();
            }
            try (Env<byte[]> env = openEnv(dataFiles[i], db.given())) {
                entries[i] = env.stat().entries;
            }
            if (entries[i] == 0) {
                throw new ImageException(db.given() + ": the LMDB database holds no images");
            }
        }
    }

    /** Copies the {@code data.mdb} of an LSUN zip into {@code dir}. */
    private static Path extract(Path zip, Path dir) {
        try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
            ZipArchiveEntry found = null;
            for (Enumeration<ZipArchiveEntry> en = z.getEntries(); en.hasMoreElements(); ) {
                ZipArchiveEntry e = en.nextElement();
                if (!e.isDirectory() && (e.getName().equals("data.mdb") || e.getName().endsWith("/data.mdb"))) {
                    if (found != null) {
                        throw new ImageException(zip + ": holds more than one data.mdb (" + found.getName() + ", "
                                + e.getName() + "); give the databases one by one");
                    }
                    found = e;
                }
            }
            if (found == null) {
                throw new ImageException(zip + ": no LMDB database (data.mdb) in the zip");
            }
            Files.createDirectories(dir);
            Path out = dir.resolve("data.mdb");
            try (InputStream in = z.getInputStream(found)) {
                Files.copy(in, out);
            }
            return out;
        } catch (IOException e) {
            throw new ImageException(zip + ": unreadable zip (" + e.getMessage() + ")", e);
        }
    }

    private static Env<byte[]> openEnv(Path data, Path given) {
        try {
            long size = Files.size(data);
            return Env.create(ByteArrayProxy.PROXY_BA).setMapSize(Math.max(size, 1 << 20)).setMaxReaders(1)
                    .open(data.toFile(), EnvFlags.MDB_RDONLY_ENV, EnvFlags.MDB_NOSUBDIR, EnvFlags.MDB_NOLOCK);
        } catch (IOException | LmdbException e) {
            throw new ImageException(given + ": not a readable LMDB database (" + e.getMessage() + ")", e);
        }
    }

    @Override
    ImageShape nativeShape() {
        return null; // LSUN images differ in size (the shorter side is 256)
    }

    @Override
    int nativeChannels() {
        return 3;
    }

    @Override
    int classes() {
        return categories.size();
    }

    @Override
    long expectedImages() {
        long n = 0;
        for (long e : entries) {
            n += e;
        }
        return n;
    }

    @Override
    boolean randomValidSplit() {
        return dbs.stream().noneMatch(d -> d.split() == DataSplit.VALID);
    }

    @Override
    List<String> labelNames() {
        return categories;
    }

    /** One value decoded (or found corrupt) by a decoding thread. */
    private record Decoded(DataSplit split, PlanarImage image, ImageException error) {}

    @Override
    void read(Sink sink) {
        long ordinal = 0;
        for (int i = 0; i < dbs.size(); i++) {
            Db db = dbs.get(i);
            int label = categories.indexOf(db.category());
            long images = 0;
            try (Env<byte[]> env = openEnv(dataFiles[i], db.given())) {
                Dbi<byte[]> dbi = env.openDbi((byte[]) null);
                long[] taken = {0};
                ImageShape shape = sink.shape();
                try (Txn<byte[]> txn = env.txnRead(); CursorIterable<byte[]> it = dbi.iterate(txn);
                     DecodePool<Decoded> pool = new DecodePool<>(d -> {
                         if (d.error() != null) {
                             sink.corrupt(d.error());
                         } else {
                             sink.image(d.split(), d.image(), label);
                             taken[0]++;
                         }
                     })) {
                    for (CursorIterable.KeyVal<byte[]> kv : it) {
                        String name = db.given() + "!" + new String(kv.key(), StandardCharsets.ISO_8859_1);
                        byte[] bytes = kv.val();
                        DataSplit split = db.split() == DataSplit.VALID ? DataSplit.VALID : sink.splitOf(ordinal);
                        ordinal++;
                        pool.submit(() -> {
                            try {
                                return new Decoded(split, ImageTransform.fit(ImageDecoder.decode(bytes, name), shape),
                                        null);
                            } catch (ImageException e) {
                                return new Decoded(split, null, e);
                            }
                        });
                    }
                    pool.finish();
                }
                images = taken[0];
            } catch (LmdbException e) {
                throw new ImageException(db.given() + ": cannot read the LMDB database (" + e.getMessage() + ")", e);
            }
            try {
                Path hashed = db.zip() ? db.given() : dataFiles[i];
                sink.source(new ImageManifest.Source(db.given().toString(), kind(), db.split().id(),
                        Files.size(hashed), HashingInputStream.sha256(hashed), images));
            } catch (IOException e) {
                throw new ImageException(db.given() + ": cannot read (" + e.getMessage() + ")", e);
            }
        }
    }
}
