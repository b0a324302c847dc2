package io.ganlab.imagegan.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What an image dataset is and where it came from: written last by {@link ImageDatasetWriter} as
 * {@code manifest.json}.
 *
 * @param format      {@link #FORMAT}; datasets of another format are refused
 * @param toolVersion version of the tool that wrote it
 * @param createdAt   ISO-8601 instant
 * @param shape       of every image (C, H, W); pixels are {@code uint8}, stored channel-major
 * @param checksum    SHA-256 over the splits' and label files' checksums, the shape and the label names
 * @param train       the training split
 * @param valid       the validation split (possibly empty)
 * @param labels      the classes, or null for a dataset without labels
 * @param sources     every input read, with its size, checksum and the images taken from it
 * @param counts      what was read and skipped, and why
 * @param options     the effective options of the run
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageManifest(
        String format,
        String toolVersion,
        String createdAt,
        Shape shape,
        String checksum,
        Split train,
        Split valid,
        Labels labels,
        List<Source> sources,
        Counts counts,
        Map<String, Object> options) {

    public static final String FORMAT = "ganlab-images/1";

    /**
     * @param channels 1 or 3
     * @param height   rows
     * @param width    columns
     * @param dtype    {@code uint8}
     * @param layout   {@code NCHW}, row-major, no header
     */
    public record Shape(int channels, int height, int width, String dtype, String layout) {
        static Shape of(ImageShape s) {
            return new Shape(s.channels(), s.height(), s.width(), "uint8", "NCHW");
        }

        public ImageShape imageShape() {
            return new ImageShape(channels, height, width);
        }
    }

    /**
     * One split.
     *
     * @param file         images file inside the dataset directory
     * @param images       number of images
     * @param sha256       checksum of the images file
     * @param labelsFile   labels file, or null without labels
     * @param labelsSha256 its checksum
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Split(String file, long images, String sha256, String labelsFile, String labelsSha256) {}

    /**
     * The classes.
     *
     * @param names by label value
     * @param dtype {@code uint8} (up to 256 classes) or {@code int16} (little-endian, up to 32,768)
     */
    public record Labels(List<String> names, String dtype) {}

    /**
     * One input: a file, a directory of images, an archive or an LMDB database.
     *
     * @param path   as given (an archive member as {@code archive!member})
     * @param kind   cifar-10-binary, cifar-10-python, idx, lsun-lmdb, image-folder, ...
     * @param split  train or valid (null when a source feeds both)
     * @param bytes  size on disk (total for a directory)
     * @param sha256 of the file; of a folder: over the sorted list of "relative-path SHA-256" lines of its files
     * @param images images taken from it
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String path, String kind, String split, long bytes, String sha256, long images) {}

    /**
     * @param imagesRead        images (or records) read from the inputs
     * @param trainImages       images in the training split
     * @param validImages       images in the validation split
     * @param corruptSkipped    unreadable images skipped (only with --skip-bad; otherwise the first is an error)
     * @param otherFilesSkipped files in image folders that are not images by name (hidden files included)
     * @param skippedFiles      the first skipped images with the reason, for people
     */
    public record Counts(long imagesRead, long trainImages, long validImages, long corruptSkipped,
                         long otherFilesSkipped, List<String> skippedFiles) {}
}
