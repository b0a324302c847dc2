package io.ganlab.imagegan.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CIFAR-10 record: 1 label byte, then 3072 pixel bytes (the 1024 red values, then green, then blue, each
 * plane 32 x 32 row-major), which is already this tool's C, H, W layout. Both CIFAR-10 readers go through it:
 * batches that an archive lists out of order wait in scratch files of such records until their turn.
 */
final class CifarRecords {
    static final int SIDE = 32;
    static final int PIXELS = 3 * SIDE * SIDE;
    static final int RECORD = 1 + PIXELS;
    static final ImageShape SHAPE = new ImageShape(3, SIDE, SIDE);

    /** data_batch_N (N from 1) and test_batch, with or without {@code .bin}. */
    static final Pattern BATCH = Pattern.compile("(?:data_batch_(\\d+)|(test_batch))(\\.bin)?");

    private CifarRecords() {}

    /** Order key of a batch file name: train batches 1, 2, ... then the test batch; null for other names. */
    static Integer order(String baseName, boolean binary) {
        Matcher m = BATCH.matcher(baseName);
        if (!m.matches() || (m.group(3) != null) != binary) {
            return null;
        }
        return m.group(2) != null ? Integer.MAX_VALUE : Integer.parseInt(m.group(1));
    }

    static DataSplit split(int order) {
        return order == Integer.MAX_VALUE ? DataSplit.VALID : DataSplit.TRAIN;
    }

    /**
     * Streams {@code size} bytes of records into {@code sink}.
     *
     * @return records read
     */
    static long read(InputStream in, long size, String name, DataSplit split, ImageInput.Sink sink) throws IOException {
        if (size % RECORD != 0) {
            throw new ImageException(name + ": truncated CIFAR-10 record (" + size + " bytes is not a whole number of "
                    + RECORD + "-byte records)");
        }
        long n = size / RECORD;
        byte[] rec = new byte[RECORD];
        for (long i = 0; i < n; i++) {
            try {
                readFully(in, rec);
            } catch (EOFException e) {
                throw new ImageException(name + ": truncated CIFAR-10 record " + (i + 1) + " of " + n, e);
            }
            byte[] px = new byte[PIXELS];
            System.arraycopy(rec, 1, px, 0, PIXELS);
            sink.image(split, new PlanarImage(3, SIDE, SIDE, px), rec[0] & 0xFF);
        }
        return n;
    }

    static void readFully(InputStream in, byte[] b) throws IOException {
        int off = 0;
        while (off < b.length) {
            int r = in.read(b, off, b.length - off);
            if (r < 0) {
                throw new EOFException();
            }
            off += r;
        }
    }

    /** Label names from {@code batches.meta.txt}: one per line, blank lines ignored. */
    static List<String> metaNames(String text) {
        List<String> names = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (!line.isBlank()) {
                names.add(line.strip());
            }
        }
        return names;
    }

    /** Names "0".."9" when a CIFAR input lacks its meta file. */
    static List<String> numericNames(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    /**
     * Batches of an archive, parked in scratch files as they come (archives list them in any order) and handed on
     * in batch order once the archive is read.
     */
    static final class Parked {
        private final Path dir;
        private final TreeMap<Integer, Path> batches = new TreeMap<>();
        private final Map<Integer, String> names = new java.util.HashMap<>();

        Parked(Path dir) {
            this.dir = dir;
        }

        /** Opens the scratch file of a batch for writing records. */
        OutputStream park(int order, String name) throws IOException {
            if (batches.containsKey(order)) {
                throw new ImageException(name + ": the archive holds this batch twice");
            }
            Path f = dir.resolve("cifar-batch-" + batches.size() + ".records");
            batches.put(order, f);
            names.put(order, name);
            return new java.io.BufferedOutputStream(Files.newOutputStream(f), 1 << 20);
        }

        boolean isEmpty() {
            return batches.isEmpty();
        }

        /** Streams the parked batches into {@code sink} in order; returns images per batch name. */
        Map<String, Long> emit(ImageInput.Sink sink) throws IOException {
            Map<String, Long> counts = new java.util.LinkedHashMap<>();
            for (var e : batches.entrySet()) {
                Path f = e.getValue();
                long size = Files.size(f);
                try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(f), 1 << 20)) {
                    counts.put(names.get(e.getKey()), read(in, size, names.get(e.getKey()), split(e.getKey()), sink));
                }
                Files.delete(f);
            }
            return counts;
        }
    }
}
