package io.ganlab.imagegan.data;

import io.ganlab.common.HashingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * CIFAR-10, binary ({@code cifar-10-binary.tar.gz} or {@code cifar-10-batches-bin/}) or Python
 * ({@code cifar-10-python.tar.gz} or {@code cifar-10-batches-py/}): {@code data_batch_1..5} in that order are the
 * training split, {@code test_batch} the validation split; label names from {@code batches.meta.txt} or
 * {@code batches.meta}. An archive is read without extracting it; since archives list the batches in any order,
 * its batches wait in scratch files (one CIFAR batch is 30 MB) until the archive is read.
 */
final class CifarInput extends ImageInput {
    enum Flavour {
        BINARY("cifar-10-binary", "batches.meta.txt"),
        PYTHON("cifar-10-python", "batches.meta");

        final String kind;
        final String meta;

        Flavour(String kind, String meta) {
            this.kind = kind;
            this.meta = meta;
        }
    }

    private final Path path;
    private final boolean archive;
    private final Flavour flavour;
    private List<String> labelNames;

    CifarInput(Path path, boolean archive, Flavour flavour) {
        this.path = path;
        this.archive = archive;
        this.flavour = flavour;
    }

    /** The flavour of a CIFAR-10 directory from its file names, or null if it is none. */
    static Flavour flavourOfDirectory(Path dir) {
        try (var s = Files.list(dir)) {
            List<String> names = s.map(p -> p.getFileName().toString()).toList();
            if (names.stream().anyMatch(n -> CifarRecords.order(n, true) != null)) {
                return Flavour.BINARY;
            }
            if (names.stream().anyMatch(n -> CifarRecords.order(n, false) != null) && names.contains("batches.meta")) {
                return Flavour.PYTHON;
            }
            return null;
        } catch (IOException e) {
            throw new ImageException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
    }

    /** The flavour of a CIFAR-10 member name inside an archive, or null. */
    static Flavour flavourOfMember(String memberName) {
        String base = memberName.substring(memberName.lastIndexOf('/') + 1);
        if (CifarRecords.order(base, true) != null) {
            return Flavour.BINARY;
        }
        if (CifarRecords.order(base, false) != null || base.equals("batches.meta")) {
            return Flavour.PYTHON;
        }
        return null;
    }

    @Override
    String kind() {
        return flavour.kind;
    }

    @Override
    String describe() {
        return path.toString();
    }

    @Override
    ImageShape nativeShape() {
        return CifarRecords.SHAPE;
    }

    @Override
    int nativeChannels() {
        return 3;
    }

    @Override
    int classes() {
        return 10;
    }

    /** Records in a binary directory (from the file sizes); -1 for archives and pickles (progress only). */
    @Override
    long expectedImages() {
        if (archive || flavour != Flavour.BINARY) {
            return -1;
        }
        try (var s = Files.list(path)) {
            long bytes = 0;
            for (Path f : s.toList()) {
                if (CifarRecords.order(f.getFileName().toString(), true) != null) {
                    bytes += Files.size(f);
                }
            }
            return bytes / CifarRecords.RECORD;
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    boolean randomValidSplit() {
        return false;
    }

    @Override
    List<String> labelNames() {
        return labelNames != null ? labelNames : CifarRecords.numericNames(10);
    }

    @Override
    void read(Sink sink) {
        try {
            if (archive) {
                readArchive(sink);
            } else {
                readDirectory(sink);
            }
        } catch (IOException e) {
            throw new ImageException(path + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (labelNames == null) {
            sink.note("note: " + path + " has no " + flavour.meta + "; labels are named 0..9");
        }
    }

    private void readDirectory(Sink sink) throws IOException {
        TreeMap<Integer, Path> batches = new TreeMap<>();
        try (var s = Files.list(path)) {
            for (Path f : s.toList()) {
                Integer order = CifarRecords.order(f.getFileName().toString(), flavour == Flavour.BINARY);
                if (order != null && Files.isRegularFile(f)) {
                    batches.put(order, f);
                }
            }
        }
        if (batches.isEmpty()) {
            throw new ImageException(path + ": no CIFAR-10 batches (data_batch_N, test_batch)");
        }
        Path meta = path.resolve(flavour.meta);
        if (Files.isRegularFile(meta)) {
            try (HashingInputStream in = new HashingInputStream(Files.newInputStream(meta))) {
                labelNames = flavour == Flavour.BINARY
                        ? CifarRecords.metaNames(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        : NumpyPickle.readLabelNames(new java.io.BufferedInputStream(in), meta.toString());
                sink.source(new ImageManifest.Source(meta.toString(), flavour.kind + "-meta", null, Files.size(meta),
                        in.finishSha256(), 0));
            }
        }
        for (var e : batches.entrySet()) {
            Path f = e.getValue();
            DataSplit split = CifarRecords.split(e.getKey());
            long images;
            try (HashingInputStream raw = new HashingInputStream(Files.newInputStream(f));
                 InputStream in = new java.io.BufferedInputStream(raw, 1 << 20)) {
                if (flavour == Flavour.BINARY) {
                    images = CifarRecords.read(in, Files.size(f), f.toString(), split, sink);
                } else {
                    images = emit(NumpyPickle.readBatch(in, f.toString()), split, sink);
                }
                sink.source(new ImageManifest.Source(f.toString(), flavour.kind, split.id(), Files.size(f),
                        raw.finishSha256(), images));
            }
        }
    }

    private static long emit(NumpyPickle.Batch b, DataSplit split, Sink sink) {
        for (int i = 0; i < b.rows(); i++) {
            byte[] px = new byte[CifarRecords.PIXELS];
            System.arraycopy(b.data(), i * CifarRecords.PIXELS, px, 0, CifarRecords.PIXELS);
            sink.image(split, new PlanarImage(3, CifarRecords.SIDE, CifarRecords.SIDE, px), b.labels()[i]);
        }
        return b.rows();
    }

    private void readArchive(Sink sink) throws IOException {
        CifarRecords.Parked parked = new CifarRecords.Parked(sink.scratch());
        String sha;
        try (HashingInputStream raw = new HashingInputStream(Files.newInputStream(path))) {
            try {
                TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(
                        new java.io.BufferedInputStream(raw, 1 << 16), 1 << 16));
                TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) {
                    if (!e.isFile()) {
                        continue;
                    }
                    String base = e.getName().substring(e.getName().lastIndexOf('/') + 1);
                    String member = path + "!" + e.getName();
                    if (base.equals(flavour.meta)) {
                        labelNames = flavour == Flavour.BINARY
                                ? CifarRecords.metaNames(new String(tar.readAllBytes(), StandardCharsets.UTF_8))
                                : NumpyPickle.readLabelNames(tar, member);
                        continue;
                    }
                    Integer order = CifarRecords.order(base, flavour == Flavour.BINARY);
                    if (order == null) {
                        continue;
                    }
                    if (flavour == Flavour.BINARY) {
                        if (e.getSize() % CifarRecords.RECORD != 0) {
                            throw new ImageException(member + ": truncated CIFAR-10 record (" + e.getSize()
                                    + " bytes is not a whole number of " + CifarRecords.RECORD + "-byte records)");
                        }
                        try (OutputStream out = parked.park(order, member)) {
                            tar.transferTo(out);
                        }
                    } else {
                        NumpyPickle.Batch b = NumpyPickle.readBatch(tar, member);
                        try (OutputStream out = parked.park(order, member)) {
                            for (int i = 0; i < b.rows(); i++) {
                                out.write(b.labels()[i]);
                                out.write(b.data(), i * CifarRecords.PIXELS, CifarRecords.PIXELS);
                            }
                        }
                    }
                }
            } catch (java.io.EOFException | ZipException ex) {
                throw new ImageException(path + ": truncated or corrupt archive (" + ex.getMessage() + ")", ex);
            } catch (IOException ex) {
                String m = String.valueOf(ex.getMessage());
                throw new ImageException(path + ": " + (m.toLowerCase(java.util.Locale.ROOT).contains("truncated")
                        ? "truncated archive" : "unreadable archive") + " (" + m + ")", ex);
            }
            sha = raw.finishSha256();
        }
        if (parked.isEmpty()) {
            throw new ImageException(path + ": no CIFAR-10 batches (data_batch_N, test_batch) in the archive");
        }
        Map<String, Long> counts = parked.emit(sink);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        sink.source(new ImageManifest.Source(path.toString(), flavour.kind, null, Files.size(path), sha, total));
    }
}
