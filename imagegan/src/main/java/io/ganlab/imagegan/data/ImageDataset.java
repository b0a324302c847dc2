package io.ganlab.imagegan.data;

import io.ganlab.common.DatasetKind;
import io.ganlab.common.Json;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An image dataset directory written by {@code gan images prepare}, memory-mapped: nothing is read until a batch
 * asks for it. Batches come as floats scaled to [-1, 1] by {@code x / 127.5 - 1}, as the reference code feeds its
 * critic ({@code 2 * (x / 255 - 0.5)}), laid out (B, C, H, W).
 */
public final class ImageDataset {
    static final String MANIFEST = "manifest.json";
    /**
     * An image dataset: replaced with --force only when its manifest is of a {@code ganlab-images/} format;
     * errors are {@link ImageException}s.
     */
    public static final DatasetKind KIND = new DatasetKind("image dataset", MANIFEST, ImageManifest.FORMAT,
            "gan images prepare", ImageDataset::isImageDataset, ImageException::new);

    /** {@code x / 127.5 - 1} for every byte value, computed in double and rounded to float once. */
    private static final float[] SCALE = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            SCALE[i] = (float) (i / 127.5 - 1.0);
        }
    }

    private final Path dir;
    private final ImageManifest manifest;
    private final ImageShape shape;
    private final Map<DataSplit, Mapped> splits = new EnumMap<>(DataSplit.class);

    /** One split's files, mapped in chunks of whole images (a mapping holds at most 2 GiB). */
    private static final class Mapped {
        final long images;
        final int perChunk;
        final MappedByteBuffer[] chunks;
        final MappedByteBuffer labels;
        final boolean int16;

        Mapped(long images, int perChunk, MappedByteBuffer[] chunks, MappedByteBuffer labels, boolean int16) {
            this.images = images;
            this.perChunk = perChunk;
            this.chunks = chunks;
            this.labels = labels;
            this.int16 = int16;
        }
    }

    private ImageDataset(Path dir, ImageManifest manifest) {
        this.dir = dir;
        this.manifest = manifest;
        this.shape = manifest.shape().imageShape();
    }

    private static boolean isImageDataset(Path dir) {
        Path mf = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(mf)) {
            return false;
        }
        try {
            var node = Json.LINE.readTree(mf.toFile());
            return node != null && node.path("format").asText("").startsWith("ganlab-images/");
        } catch (IOException e) {
            return false;
        }
    }

    /** Opens a dataset; checks that every file is there and of the size the manifest says. */
    public static ImageDataset open(Path dir) {
        ImageManifest m = KIND.readManifest(dir, ImageManifest.class, ImageManifest::format);
        ImageDataset d = new ImageDataset(dir, m);
        d.splits.put(DataSplit.TRAIN, d.map(m.train()));
        d.splits.put(DataSplit.VALID, d.map(m.valid()));
        return d;
    }

    private Mapped map(ImageManifest.Split s) {
        int bytes = shape.bytes();
        Path f = dir.resolve(s.file());
        long expected = s.images() * bytes;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            if (ch.size() != expected) {
                throw new ImageException(f + ": " + ch.size() + " bytes, the manifest says " + s.images()
                        + " images of " + bytes + " bytes; the dataset is damaged, prepare it again");
            }
            int perChunk = (int) Math.max(1, Math.min(s.images(), Integer.MAX_VALUE / bytes));
            int n = (int) ((s.images() + perChunk - 1) / perChunk);
            MappedByteBuffer[] chunks = new MappedByteBuffer[n];
            for (int i = 0; i < n; i++) {
                long first = (long) i * perChunk;
                long count = Math.min(perChunk, s.images() - first);
                chunks[i] = ch.map(FileChannel.MapMode.READ_ONLY, first * bytes, count * bytes);
            }
            MappedByteBuffer labels = null;
            boolean int16 = false;
            if (s.labelsFile() != null) {
                int16 = s.labelsFile().endsWith(".i16");
                Path lf = dir.resolve(s.labelsFile());
                try (FileChannel lc = FileChannel.open(lf, StandardOpenOption.READ)) {
                    long want = s.images() * (int16 ? 2 : 1);
                    if (lc.size() != want) {
                        throw new ImageException(lf + ": " + lc.size() + " bytes, expected " + want
                                + "; the dataset is damaged, prepare it again");
                    }
                    labels = lc.map(FileChannel.MapMode.READ_ONLY, 0, want);
                    labels.order(ByteOrder.LITTLE_ENDIAN);
                }
            }
            return new Mapped(s.images(), perChunk, chunks, labels, int16);
        } catch (IOException e) {
            throw new ImageException(f + ": cannot open (" + e.getMessage() + ")", e);
        }
    }

    public Path dir() {
        return dir;
    }

    public ImageManifest manifest() {
        return manifest;
    }

    /** The shape of every image (C, H, W). */
    public ImageShape shape() {
        return shape;
    }

    /** Images in a split. */
    public long size(DataSplit split) {
        return splits.get(split).images;
    }

    public boolean hasLabels() {
        return manifest.labels() != null;
    }

    /** Class names by label value; empty without labels. */
    public List<String> labelNames() {
        return manifest.labels() == null ? List.of() : manifest.labels().names();
    }

    /** The label of one image; -1 without labels. */
    public int label(DataSplit split, long index) {
        Mapped m = mapped(split, index);
        if (m.labels == null) {
            return -1;
        }
        return m.int16 ? m.labels.getShort((int) (index * 2)) : m.labels.get((int) index) & 0xFF;
    }

    /** Labels of the images {@code indices}, in that order; all -1 without labels. */
    public int[] labels(DataSplit split, long[] indices) {
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = label(split, indices[i]);
        }
        return out;
    }

    /** The raw bytes (C, H, W) of one image into {@code dst} at {@code off}. */
    public void image(DataSplit split, long index, byte[] dst, int off) {
        Mapped m = mapped(split, index);
        int bytes = shape.bytes();
        MappedByteBuffer chunk = m.chunks[(int) (index / m.perChunk)];
        chunk.get((int) (index % m.perChunk) * bytes, dst, off, bytes);
    }

    /** The images {@code indices} as floats in [-1, 1], laid out (B, C, H, W). */
    public float[] batch(DataSplit split, long[] indices) {
        float[] out = new float[indices.length * shape.bytes()];
        batch(split, indices, out);
        return out;
    }

    /** {@link #batch(DataSplit, long[])} into {@code out} (of at least B * C * H * W floats). */
    public void batch(DataSplit split, long[] indices, float[] out) {
        int bytes = shape.bytes();
        byte[] buf = new byte[bytes];
        for (int b = 0; b < indices.length; b++) {
            image(split, indices[b], buf, 0);
            int o = b * bytes;
            for (int k = 0; k < bytes; k++) {
                out[o + k] = SCALE[buf[k] & 0xFF];
            }
        }
    }

    private Mapped mapped(DataSplit split, long index) {
        Mapped m = splits.get(split);
        if (index < 0 || index >= m.images) {
            throw new IndexOutOfBoundsException("image " + index + " of the " + split.id() + " split, which holds "
                    + m.images);
        }
        return m;
    }

    @Override
    public String toString() {
        return "ImageDataset(" + dir + ", " + size(DataSplit.TRAIN) + " train + " + size(DataSplit.VALID)
                + " valid images of " + shape + ")";
    }
}
