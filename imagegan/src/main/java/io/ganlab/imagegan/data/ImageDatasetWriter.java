package io.ganlab.imagegan.data;

import io.ganlab.common.Json;
import io.ganlab.common.Provenance;
import io.ganlab.common.Sha256;
import io.ganlab.common.StagedDirectory;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an image dataset directory so that it only ever appears complete: a {@link StagedDirectory} of
 * {@link ImageDataset#KIND}, whose manifest {@link #commit} writes last. An existing image dataset is replaced
 * only with {@code force}, and a directory that is not one never.
 */
final class ImageDatasetWriter implements AutoCloseable {
    private final StagedDirectory dir;
    private final Map<DataSplit, SplitWriter> splits = new EnumMap<>(DataSplit.class);
    private ImageShape shape;
    private DataSplit.LabelType labelType;

    private ImageDatasetWriter(StagedDirectory dir) {
        this.dir = dir;
    }

    /** Starts a dataset at {@code out}; fails at once if it exists and may not be replaced. */
    static ImageDatasetWriter create(Path out, boolean force) {
        return new ImageDatasetWriter(StagedDirectory.create(out, force, ImageDataset.KIND));
    }

    /** Whether {@code out} may be written: absent, empty, or an image dataset and {@code force}. */
    static void checkReplaceable(Path out, boolean force) {
        StagedDirectory.checkReplaceable(out, force, ImageDataset.KIND);
    }

    /** A scratch directory inside the staged dataset, deleted before the dataset moves into place. */
    Path scratch() {
        return dir.scratch();
    }

    /** Fixes the image shape and how labels are stored; before the first image. */
    void begin(ImageShape shape, DataSplit.LabelType labelType) {
        this.shape = shape;
        this.labelType = labelType;
        for (DataSplit s : DataSplit.values()) {
            splits.put(s, new SplitWriter(dir.staging(), s, labelType));
        }
    }

    ImageShape shape() {
        return shape;
    }

    DataSplit.LabelType labelType() {
        return labelType;
    }

    /** Appends one image of {@link #shape()} bytes (C, H, W) with its label (ignored without labels). */
    void add(DataSplit split, byte[] chw, int label) {
        if (chw.length != shape.bytes()) {
            throw new IllegalArgumentException(chw.length + " bytes for an image of " + shape);
        }
        splits.get(split).add(chw, label);
    }

    long images(DataSplit split) {
        return splits.get(split).count;
    }

    /** Writes the manifest, then moves the dataset into place; returns the manifest. */
    ImageManifest commit(List<ImageManifest.Source> sources, ImageManifest.Counts counts, List<String> labelNames,
                         Map<String, Object> options) {
        try {
            ImageManifest.Split train = splits.get(DataSplit.TRAIN).finish();
            ImageManifest.Split valid = splits.get(DataSplit.VALID).finish();
            ImageManifest.Labels labels = labelType == DataSplit.LabelType.NONE ? null
                    : new ImageManifest.Labels(labelNames, labelType.dtype());
            MessageDigest md = Sha256.newDigest();
            for (ImageManifest.Split s : List.of(train, valid)) {
                md.update((s.file() + " " + s.sha256() + "\n").getBytes(StandardCharsets.UTF_8));
                if (s.labelsFile() != null) {
                    md.update((s.labelsFile() + " " + s.labelsSha256() + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            md.update(("shape " + shape + "\n").getBytes(StandardCharsets.UTF_8));
            if (labels != null) {
                md.update(Json.LINE.writeValueAsBytes(labels.names()));
            }
            String checksum = Sha256.hex(md);
            ImageManifest m = new ImageManifest(ImageManifest.FORMAT, Provenance.version(), Instant.now().toString(),
                    ImageManifest.Shape.of(shape), checksum, train, valid, labels, sources, counts, options);
            dir.commit(m);
            return m;
        } catch (IOException e) {
            throw new ImageException(dir.out() + ": cannot write dataset (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() {
        for (SplitWriter s : splits.values()) {
            s.closeQuietly();
        }
        dir.close();
    }

    /** The images and labels files of one split, hashed as they are written. */
    private static final class SplitWriter {
        private final DataSplit split;
        private final DataSplit.LabelType labelType;
        private final MessageDigest imagesMd = Sha256.newDigest();
        private final MessageDigest labelsMd = Sha256.newDigest();
        private final OutputStream images;
        private final OutputStream labels;
        private long count;

        SplitWriter(Path dir, DataSplit split, DataSplit.LabelType labelType) {
            this.split = split;
            this.labelType = labelType;
            try {
                images = new BufferedOutputStream(new DigestOutputStream(
                        Files.newOutputStream(dir.resolve(split.imagesFile())), imagesMd), 1 << 20);
                labels = labelType == DataSplit.LabelType.NONE ? null : new BufferedOutputStream(
                        new DigestOutputStream(Files.newOutputStream(dir.resolve(split.labelsFile(labelType))),
                                labelsMd), 1 << 16);
            } catch (IOException e) {
                throw new ImageException(dir + ": cannot write (" + e.getMessage() + ")", e);
            }
        }

        void add(byte[] chw, int label) {
            try {
                images.write(chw);
                if (labelType == DataSplit.LabelType.UINT8) {
                    labels.write(label);
                } else if (labelType == DataSplit.LabelType.INT16) {
                    labels.write(label & 0xFF);
                    labels.write((label >>> 8) & 0xFF);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            count++;
        }

        ImageManifest.Split finish() throws IOException {
            images.close();
            String labelsFile = null;
            String labelsSha = null;
            if (labels != null) {
                labels.close();
                labelsFile = split.labelsFile(labelType);
                labelsSha = Sha256.hex(labelsMd);
            }
            return new ImageManifest.Split(split.imagesFile(), count, Sha256.hex(imagesMd),
                    labelsFile, labelsSha);
        }

        void closeQuietly() {
            try {
                images.close();
                if (labels != null) {
                    labels.close();
                }
            } catch (IOException e) {
                // the staged dataset is deleted
            }
        }
    }
}
