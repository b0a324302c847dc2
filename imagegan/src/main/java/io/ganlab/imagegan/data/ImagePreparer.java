package io.ganlab.imagegan.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Turns image inputs into an image dataset in bounded memory: images stream from the input (read in place: an
 * archive is never extracted, except an LMDB out of its zip, into the staged dataset) through
 * {@link ImageTransform} straight into the split files; only the file lists of folders, one CIFAR batch or one
 * image are ever held.
 *
 * <p>Order: the input's own (CIFAR batches 1..5 then the test batch, IDX records in file order, LMDB keys in key
 * order, folder files sorted by path). With {@code --valid N} (folders and LSUN) the validation images are the
 * first N of a Fisher-Yates shuffle of the image ordinals with {@code java.util.Random(seed)}
 * ({@code for i = n-1 .. 1: swap(i, nextInt(i + 1))}); they leave the training split, order kept.
 */
public final class ImagePreparer {
    /** Progress callbacks; the CLI prints them on stderr. */
    public interface Progress {
        Progress NONE = new Progress() {};

        /** Images to read, -1 when unknown. */
        default void start(long images) {}

        default void advance(long images) {}

        /** A remark for the user, one line. */
        default void note(String line) {}

        default void done() {}
    }

    private static final int SKIPPED_LISTED = 100;

    private ImagePreparer() {}

    /** Prepares a dataset; returns its manifest. Throws {@link ImageException} for bad input. */
    public static ImageManifest prepare(ImagePrepareOptions o, Progress progress) {
        o.validate();
        ImageDatasetWriter.checkReplaceable(o.output(), o.force()); // before any work
        ImageInput input = ImageInputs.detect(o.inputs());
        if (o.valid() > 0 && !input.randomValidSplit()) {
            throw new ImagePrepareOptions.Conflict("--valid applies to image folders and LSUN; " + input.describe()
                    + " brings its own validation split");
        }
        try (ImageDatasetWriter writer = ImageDatasetWriter.create(o.output(), o.force())) {
            input.open(writer.scratch());
            if (o.labelNames() != null && input.classes() == 0) {
                throw new ImagePrepareOptions.Conflict("--label-names given, but " + input.describe()
                        + " has no labels (no class folders)");
            }
            ImageShape shape = targetShape(o, input);
            int classes = o.labelNames() != null && input.classes() > 0 ? o.labelNames().size() : input.classes();
            writer.begin(shape, DataSplit.LabelType.forClasses(classes));
            Run run = new Run(o, input, writer, progress);
            progress.start(input.expectedImages());
            input.read(run);
            progress.done();
            return run.finish();
        }
    }

    private static ImageShape targetShape(ImagePrepareOptions o, ImageInput input) {
        ImageShape nat = input.nativeShape();
        int channels = o.channels() != null ? o.channels() : input.nativeChannels();
        if (o.size() != null) {
            return new ImageShape(channels, o.size(), o.size());
        }
        if (nat == null) {
            throw new ImagePrepareOptions.Conflict("--size is required for " + input.describe()
                    + " (its images differ in size)");
        }
        return new ImageShape(channels, nat.height(), nat.width());
    }

    /** One preparation: the sink the input streams into, and the counts. */
    private static final class Run implements ImageInput.Sink {
        private final ImagePrepareOptions o;
        private final ImageInput input;
        private final ImageDatasetWriter writer;
        private final Progress progress;
        private final ImageShape shape;
        private final BitSet validChoice;
        private final List<ImageManifest.Source> sources = new ArrayList<>();
        private final List<String> skippedFiles = new ArrayList<>();
        private long read;
        private long corrupt;
        private long other;
        private int maxLabel = -1;

        Run(ImagePrepareOptions o, ImageInput input, ImageDatasetWriter writer, Progress progress) {
            this.o = o;
            this.input = input;
            this.writer = writer;
            this.progress = progress;
            this.shape = writer.shape();
            this.validChoice = o.valid() > 0 ? validChoice(input.expectedImages(), o.valid(), o.seed()) : null;
        }

        private static BitSet validChoice(long n, long valid, long seed) {
            if (n < 0 || n > Integer.MAX_VALUE - 8) {
                throw new ImagePrepareOptions.Conflict("--valid needs the number of images, which is not known");
            }
            if (valid * 2 > n) {
                throw new ImagePrepareOptions.Conflict("--valid " + valid + " would take half or more of the " + n
                        + " images; lower --valid");
            }
            int[] a = new int[(int) n];
            for (int i = 0; i < a.length; i++) {
                a[i] = i;
            }
            Random rnd = new Random(seed);
            for (int i = a.length - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = a[i];
                a[i] = a[j];
                a[j] = t;
            }
            BitSet chosen = new BitSet(a.length);
            for (int k = 0; k < valid; k++) {
                chosen.set(a[k]);
            }
            return chosen;
        }

        @Override
        public void image(DataSplit split, PlanarImage image, int label) {
            read++;
            PlanarImage fitted = ImageTransform.fit(image, shape);
            if (writer.labelType() != DataSplit.LabelType.NONE) {
                int limit = writer.labelType() == DataSplit.LabelType.UINT8 ? 255 : 32767;
                if (label < 0 || label > limit) {
                    throw new ImageException(input.describe() + ": label " + label + " does not fit "
                            + writer.labelType().dtype());
                }
                maxLabel = Math.max(maxLabel, label);
            }
            writer.add(split, fitted.data(), label);
            progress.advance(1);
        }

        @Override
        public void corrupt(ImageException e) {
            if (!o.skipBad()) {
                throw e;
            }
            read++;
            corrupt++;
            if (skippedFiles.size() < SKIPPED_LISTED) {
                skippedFiles.add(e.getMessage());
            }
            progress.note("skipped: " + e.getMessage());
            progress.advance(1);
        }

        @Override
        public void otherFiles(long n) {
            other += n;
        }

        @Override
        public void source(ImageManifest.Source source) {
            sources.add(source);
        }

        @Override
        public DataSplit splitOf(long ordinal) {
            return validChoice != null && ordinal < Integer.MAX_VALUE && validChoice.get((int) ordinal)
                    ? DataSplit.VALID : DataSplit.TRAIN;
        }

        @Override
        public void note(String line) {
            progress.note(line);
        }

        @Override
        public Path scratch() {
            return writer.scratch();
        }

        @Override
        public ImageShape shape() {
            return shape;
        }

        ImageManifest finish() {
            long train = writer.images(DataSplit.TRAIN);
            long valid = writer.images(DataSplit.VALID);
            if (train + valid == 0) {
                throw new ImageException(input.describe() + ": no images" + (corrupt > 0 ? " (" + corrupt
                        + " corrupt images skipped)" : ""));
            }
            List<String> names = null;
            if (writer.labelType() != DataSplit.LabelType.NONE) {
                names = o.labelNames() != null ? o.labelNames() : input.labelNames();
                if (maxLabel >= names.size()) {
                    throw new ImageException(input.describe() + ": label " + maxLabel + " but only " + names.size()
                            + " label names" + (o.labelNames() != null ? " in --label-names" : ""));
                }
            }
            ImageManifest.Counts counts = new ImageManifest.Counts(read, train, valid, corrupt, other,
                    List.copyOf(skippedFiles));
            Map<String, Object> options = new LinkedHashMap<>();
            options.put("inputs", o.inputs().stream().map(Path::toString).toList());
            options.put("size", shape.height());
            options.put("channels", shape.channels());
            options.put("resize", "centre crop to a square, area filter, rounded half up");
            options.put("toGray", "ITU-R BT.601 luma (299 R + 587 G + 114 B + 500) / 1000");
            options.put("valid", o.valid());
            options.put("seed", o.seed());
            options.put("skipBad", o.skipBad());
            if (o.labelNames() != null) {
                options.put("labelNames", o.labelNames());
            }
            return writer.commit(sources, counts, names, options);
        }
    }
}
