package io.ganlab.imagegan.data;

import io.ganlab.common.HashingInputStream;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * MNIST and Fashion-MNIST IDX files, gzipped or not (told by the gzip magic, not the name): an images file (magic
 * 0x00000803: unsigned bytes, 3 dimensions; then N, rows, columns as big-endian 32-bit integers and N x rows x
 * columns pixels) and its labels file (magic 0x00000801, N, then N bytes) read side by side. {@code train-*} is
 * the training split, {@code t10k-*} (or {@code test-*}) the validation split. Labels are named 0..9 unless
 * --label-names says otherwise.
 */
final class IdxInput extends ImageInput {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    /** {@code train-images-idx3-ubyte.gz}, {@code t10k-labels.idx1-ubyte}, ... */
    static final Pattern NAME = Pattern.compile("(.*?)[-.](images|labels)[-.]idx([13])-ubyte(\\.gz)?");

    /** An images file and its labels file. */
    record Pair(String prefix, DataSplit split, Path images, Path labels) {}

    private final List<Pair> pairs;
    private ImageShape shape;
    private int maxLabel = -1;

    private IdxInput(List<Pair> pairs) {
        this.pairs = pairs;
    }

    static boolean isIdxName(Path p) {
        return NAME.matcher(p.getFileName().toString()).matches();
    }

    /** Pairs the IDX files given (or found in directories) by their name prefix. */
    static IdxInput of(List<Path> files) {
        Map<String, Path[]> byPrefix = new TreeMap<>(Comparator.comparing((String s) -> split(s)).thenComparing(s -> s));
        for (Path f : files) {
            Matcher m = NAME.matcher(f.getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            String key = f.toAbsolutePath().getParent() + "/" + m.group(1);
            Path[] pair = byPrefix.computeIfAbsent(key, k -> new Path[2]);
            int slot = m.group(2).equals("images") ? 0 : 1;
            if (pair[slot] != null) {
                throw new ImageException(f + ": a second " + m.group(2) + " file for '" + m.group(1) + "' (also "
                        + pair[slot] + ")");
            }
            if ((slot == 0) != m.group(3).equals("3")) {
                throw new ImageException(f + ": " + m.group(2) + " files are idx" + (slot == 0 ? 3 : 1));
            }
            pair[slot] = f;
        }
        List<Pair> pairs = new ArrayList<>();
        for (var e : byPrefix.entrySet()) {
            Path[] p = e.getValue();
            if (p[0] == null) {
                throw new ImageException(p[1] + ": labels without an images file beside them");
            }
            if (p[1] == null) {
                throw new ImageException(p[0] + ": no labels file beside it (e.g. "
                        + p[0].getFileName().toString().replace("images", "labels").replace("idx3", "idx1") + ")");
            }
            String prefix = e.getKey().substring(e.getKey().lastIndexOf('/') + 1);
            pairs.add(new Pair(prefix, split(prefix), p[0], p[1]));
        }
        return new IdxInput(pairs);
    }

    private static DataSplit split(String prefix) {
        String base = prefix.substring(prefix.lastIndexOf('/') + 1);
        return base.startsWith("t10k") || base.startsWith("test") ? DataSplit.VALID : DataSplit.TRAIN;
    }

    @Override
    String kind() {
        return "idx";
    }

    @Override
    String describe() {
        return pairs.size() == 1 ? pairs.get(0).images().toString() : "IDX files " + pairs.stream()
                .map(p -> p.images().getFileName().toString()).toList();
    }

    @Override
    void open(Path scratch) {
        for (Pair p : pairs) {
            try (DataInputStream in = stream(p.images(), null)) {
                int[] h = header(in, p.images(), IMAGES_MAGIC, 3);
                ImageShape s = new ImageShape(1, h[1], h[2]);
                if (shape != null && !shape.equals(s)) {
                    throw new ImageException(p.images() + ": images of " + s.height() + "x" + s.width() + ", but "
                            + pairs.get(0).images() + " has " + shape.height() + "x" + shape.width());
                }
                shape = s;
            } catch (IOException e) {
                throw unreadable(p.images(), e);
            }
        }
    }

    @Override
    ImageShape nativeShape() {
        return shape;
    }

    @Override
    int nativeChannels() {
        return 1;
    }

    @Override
    int classes() {
        return 10;
    }

    @Override
    long expectedImages() {
        return -1;
    }

    @Override
    boolean randomValidSplit() {
        return false;
    }

    @Override
    List<String> labelNames() {
        return CifarRecords.numericNames(Math.max(10, maxLabel + 1));
    }

    @Override
    void read(Sink sink) {
        for (Pair p : pairs) {
            HashingInputStream rawImages = null;
            HashingInputStream rawLabels = null;
            Path at = p.images();
            try {
                rawImages = new HashingInputStream(Files.newInputStream(p.images()));
                rawLabels = new HashingInputStream(Files.newInputStream(p.labels()));
                DataInputStream images = stream(p.images(), rawImages);
                DataInputStream labels = stream(p.labels(), rawLabels);
                int[] hi = header(images, p.images(), IMAGES_MAGIC, 3);
                at = p.labels();
                int[] hl = header(labels, p.labels(), LABELS_MAGIC, 1);
                if (hi[0] != hl[0]) {
                    throw new ImageException(p.labels() + ": " + hl[0] + " labels for " + hi[0] + " images in "
                            + p.images().getFileName());
                }
                int n = hi[0];
                for (int i = 0; i < n; i++) {
                    byte[] px = new byte[hi[1] * hi[2]];
                    at = p.images();
                    images.readFully(px);
                    at = p.labels();
                    int label = labels.readUnsignedByte();
                    maxLabel = Math.max(maxLabel, label);
                    sink.image(p.split(), new PlanarImage(1, hi[1], hi[2], px), label);
                }
                at = p.images();
                if (images.read() >= 0) {
                    throw new ImageException(p.images() + ": data after the " + n + " images its header announces");
                }
                at = p.labels();
                if (labels.read() >= 0) {
                    throw new ImageException(p.labels() + ": data after the " + n + " labels its header announces");
                }
                sink.source(new ImageManifest.Source(p.images().toString(), "idx", p.split().id(),
                        Files.size(p.images()), rawImages.finishSha256(), n));
                sink.source(new ImageManifest.Source(p.labels().toString(), "idx-labels", p.split().id(),
                        Files.size(p.labels()), rawLabels.finishSha256(), n));
            } catch (IOException e) {
                throw unreadable(at, e);
            } finally {
                closeQuietly(rawImages);
                closeQuietly(rawLabels);
            }
        }
    }

    private static ImageException unreadable(Path f, IOException e) {
        if (e instanceof EOFException) {
            return new ImageException(f + ": truncated IDX file (unexpected end of data)", e);
        }
        if (e instanceof ZipException) {
            return new ImageException(f + ": corrupt gzip data (" + e.getMessage() + ")", e);
        }
        return new ImageException(f + ": cannot read (" + e.getMessage() + ")", e);
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // read-only
            }
        }
    }

    /** The file's bytes, gunzipped when they start with the gzip magic. */
    private static DataInputStream stream(Path f, InputStream raw) throws IOException {
        InputStream in = new BufferedInputStream(raw != null ? raw : Files.newInputStream(f), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        return new DataInputStream(in);
    }

    /** Checks the magic and returns the dimensions. */
    private static int[] header(DataInputStream in, Path f, int magic, int dims) throws IOException {
        int m = in.readInt();
        if (m != magic) {
            throw new ImageException(String.format("%s: not an IDX %s file (magic 0x%08x, expected 0x%08x)", f,
                    magic == IMAGES_MAGIC ? "images" : "labels", m, magic));
        }
        int[] d = new int[dims];
        for (int i = 0; i < dims; i++) {
            d[i] = in.readInt();
            if (d[i] < 0 || (i > 0 && d[i] == 0)) {
                throw new ImageException(f + ": IDX dimension " + (i + 1) + " is " + d[i]);
            }
        }
        return d;
    }
}
