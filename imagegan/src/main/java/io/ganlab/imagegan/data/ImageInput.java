package io.ganlab.imagegan.data;

import java.nio.file.Path;
import java.util.List;

/**
 * One detected input (possibly of several paths, e.g. the four IDX files): what it holds and how to stream its
 * images into a {@link Sink} in a fixed order.
 */
abstract class ImageInput {
    /** Where the images of an input go; implemented by {@link ImagePreparer}. */
    interface Sink {
        /** Converts an image to the dataset's shape and appends it to {@code split}. */
        void image(DataSplit split, PlanarImage image, int label);

        /** Records a corrupt image: an error naming it, or with --skip-bad a skip that is counted. */
        void corrupt(ImageException e);

        /** Files of a folder that are not images by name. */
        void otherFiles(long n);

        /** A source read, for the manifest. */
        void source(ImageManifest.Source source);

        /** Where a random --valid choice sends the {@code ordinal}-th image of the input (ordinals from 0). */
        DataSplit splitOf(long ordinal);

        /** A remark for the user (stderr). */
        void note(String line);

        /** Scratch space inside the staged dataset. */
        Path scratch();

        /** The dataset's image shape: decoding threads fit images to it before {@link #image}. */
        ImageShape shape();
    }

    /** The kind, as recorded in the manifest: cifar-10-binary, cifar-10-python, idx, lsun-lmdb, image-folder. */
    abstract String kind();

    /** Describes the input for messages. */
    abstract String describe();

    /** Prepares reading (e.g. extracts an LMDB from its zip into {@code scratch}); before anything else. */
    void open(Path scratch) {}

    /** The shape of every image of a fixed-size format, or null when images vary (folders, LSUN). */
    abstract ImageShape nativeShape();

    /** Channels of the source when the user does not choose: 1 for gray sources, else 3. */
    abstract int nativeChannels();

    /** Number of classes known before reading, 0 without labels (decides how labels are stored). */
    abstract int classes();

    /** Images the input holds (for progress and the --valid choice), -1 when unknown. */
    abstract long expectedImages();

    /** Whether --valid (a random validation split) applies; false when the source has its own test split. */
    abstract boolean randomValidSplit();

    /** Streams every image into {@code sink}, in the input's fixed order. */
    abstract void read(Sink sink);

    /** Class names by label value after reading, or null without labels. */
    abstract List<String> labelNames();
}
