package io.ganlab.cli;

import io.ganlab.common.RunLayout;
import io.ganlab.core.RunDirectory;
import io.ganlab.eval.image.ExtractedFeatures;
import io.ganlab.eval.image.FeatureExtractor;
import io.ganlab.eval.image.ImageBatch;
import io.ganlab.imagegan.classifier.ClassifierException;
import io.ganlab.imagegan.classifier.ReferenceFeatures;
import io.ganlab.imagegan.data.DataSplit;
import io.ganlab.imagegan.data.ImageDataset;
import io.ganlab.imagegan.data.ImageDecoder;
import io.ganlab.imagegan.data.ImageShape;
import io.ganlab.imagegan.data.PlanarImage;
import io.ganlab.imagegan.train.ImageGanConfig;
import io.ganlab.imagegan.train.ImageSampling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * What {@code gan eval images} scores: the samples' features and a line saying what the samples were.
 *
 * @param features the samples' features, in the order of the samples
 * @param description where they came from, for the log and the report
 */
record SampleFeatures(ReferenceFeatures.Features features, String description) {
    /** Images per batch handed to the extractor. */
    private static final int BATCH = 500;

    /**
     * The features of the first {@code count} images of {@code samples}: a prepared dataset's {@code split}, a
     * run's newest checkpoint (drawn with {@code seed}), or a folder of PNG/JPEG images.
     */
    static SampleFeatures of(Path samples, DataSplit split, int count, long seed, FeatureExtractor ex,
                             Consumer<String> log) throws IOException {
        Path p = samples;
        if (Files.isRegularFile(p) && p.getFileName().toString().equals("manifest.json")) {
            p = p.getParent() == null ? Path.of(".") : p.getParent();
        }
        if (!Files.exists(p)) {
            throw new ClassifierException(samples + ": no such run, folder or dataset");
        }
        if (Files.isDirectory(p) && Files.isRegularFile(p.resolve("manifest.json"))) {
            ImageDataset d = ImageDataset.open(p);
            if (d.size(split) < count) {
                log.accept("note: the " + split.id() + " split of " + p + " has " + d.size(split)
                        + " images, fewer than --count " + count);
            }
            if (d.size(split) < 2) {
                throw new ClassifierException(p + ": the " + split.id() + " split has " + d.size(split)
                        + " images; at least 2 are needed");
            }
            ReferenceFeatures.Features f = ReferenceFeatures.extract(d, split, count, ex);
            return new SampleFeatures(f, "dataset " + p + ", " + split.id() + " split, first " + f.count() + " images");
        }
        if (Files.isDirectory(p) && Files.isRegularFile(p.resolve(RunLayout.CONFIG))) {
            RunDirectory run = new RunDirectory(p);
            ImageGanConfig cfg = ImageGanConfig.of(run.readConfig());
            long t0 = System.nanoTime();
            byte[] pixels = ImageSampling.sample(run, cfg, count, seed, 0, -1, m -> log.accept("warning: " + m));
            log.accept(String.format(Locale.ROOT, "drew %d samples from %s in %.1f s", count, p,
                    (System.nanoTime() - t0) / 1e9));
            ImageShape shape = ImageSampling.shape(cfg);
            List<ImageBatch> batches = new ArrayList<>();
            for (int first = 0; first < count; first += BATCH) {
                int b = Math.min(BATCH, count - first);
                byte[] part = java.util.Arrays.copyOfRange(pixels, first * shape.bytes(), (first + b) * shape.bytes());
                batches.add(new ImageBatch(b, shape.channels(), shape.height(), shape.width(), part));
            }
            return new SampleFeatures(extract(batches, ex), "run " + p + ", newest checkpoint, " + count
                    + " samples, seed " + seed);
        }
        if (Files.isDirectory(p)) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(p)) {
                files = s.filter(Files::isRegularFile).filter(SampleFeatures::isImageName).sorted()
                        .limit(count).toList();
            }
            if (files.size() < 2) {
                throw new ClassifierException(p + ": " + files.size() + " PNG/JPEG images; at least 2 are needed");
            }
            return new SampleFeatures(extract(folderBatches(files), ex), "folder " + p + ", " + files.size() + " images");
        }
        throw new ClassifierException(samples + ": neither a run (" + RunLayout.CONFIG + "), a prepared dataset"
                + " (manifest.json) nor a folder of images");
    }

    private static boolean isImageName(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return !n.startsWith(".") && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg"));
    }

    /**
     * Decodes images as {@code images prepare} does ({@link ImageDecoder}: EXIF orientation, palettes, 16-bit
     * samples) into batches of consecutive images of one shape (the extractor resizes each batch).
     */
    private static List<ImageBatch> folderBatches(List<Path> files) {
        List<ImageBatch> out = new ArrayList<>();
        List<byte[]> pending = new ArrayList<>();
        int[] shape = null;
        for (Path f : files) {
            PlanarImage img = ImageDecoder.read(f);
            int[] s = {img.channels(), img.height(), img.width()};
            if (shape != null && (!java.util.Arrays.equals(s, shape) || pending.size() == BATCH)) {
                out.add(batch(pending, shape));
                pending.clear();
            }
            shape = s;
            pending.add(img.data());
        }
        out.add(batch(pending, shape));
        return out;
    }

    private static ImageBatch batch(List<byte[]> images, int[] shape) {
        int bytes = shape[0] * shape[1] * shape[2];
        byte[] all = new byte[images.size() * bytes];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, all, i * bytes, bytes);
        }
        return new ImageBatch(images.size(), shape[0], shape[1], shape[2], all);
    }

    private static ReferenceFeatures.Features extract(List<ImageBatch> batches, FeatureExtractor ex) {
        int n = batches.stream().mapToInt(ImageBatch::count).sum();
        float[][] logits = ex.classes() > 0 ? new float[n][] : null;
        float[][] pool = ex.featureDimension() > 0 ? new float[n][] : null;
        long t0 = System.nanoTime();
        int at = 0;
        for (ImageBatch b : batches) {
            ExtractedFeatures f = ex.extract(b);
            if (logits != null) {
                System.arraycopy(f.logits(), 0, logits, at, b.count());
            }
            if (pool != null) {
                System.arraycopy(f.pool(), 0, pool, at, b.count());
            }
            at += b.count();
        }
        return new ReferenceFeatures.Features(logits, pool, (System.nanoTime() - t0) / 1e9);
    }
}
