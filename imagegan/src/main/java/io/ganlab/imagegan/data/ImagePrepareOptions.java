package io.ganlab.imagegan.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Options of {@link ImagePreparer}.
 *
 * @param inputs     files and directories, detected automatically (see {@link ImageInputs})
 * @param output     dataset directory to create
 * @param size       side of the square output images; null keeps the size of fixed-size formats (required for
 *                   folders and LSUN)
 * @param channels   1 or 3; null takes them from the source
 * @param valid      images set aside at random (with {@code seed}) for the validation split; folders and LSUN
 *                   only (CIFAR-10 and IDX files bring their own test split)
 * @param seed       seed of that choice
 * @param skipBad    skip (and count) corrupt images instead of stopping at the first
 * @param labelNames class names by label value, overriding those of the source (null: the source's)
 * @param force      replace an existing image dataset
 */
public record ImagePrepareOptions(List<Path> inputs, Path output, Integer size, Integer channels, long valid,
                                  long seed, boolean skipBad, List<String> labelNames, boolean force) {
    /** Largest --size accepted: a 4096 x 4096 x 3 image is 48 MiB, more than any GAN here trains on. */
    public static final int MAX_SIZE = 4096;

    /** Options that make no sense together or out of range: a usage error. */
    public static final class Conflict extends ImageException {
        public Conflict(String message) {
            super(message);
        }
    }

    public ImagePrepareOptions {
        inputs = List.copyOf(inputs);
        labelNames = labelNames == null ? null : List.copyOf(labelNames);
    }

    /** Throws {@link Conflict} for options out of range or contradicting each other. */
    public void validate() {
        if (inputs.isEmpty()) {
            throw new Conflict("no --input given");
        }
        if (size != null && (size < 1 || size > MAX_SIZE)) {
            throw new Conflict("--size must be between 1 and " + MAX_SIZE + ", got " + size);
        }
        if (channels != null && channels != 1 && channels != 3) {
            throw new Conflict("--channels must be 1 or 3, got " + channels);
        }
        if (valid < 0) {
            throw new Conflict("--valid must be >= 0, got " + valid);
        }
        if (labelNames != null && (labelNames.isEmpty() || labelNames.size() > 32768)) {
            throw new Conflict("--label-names needs 1 to 32,768 names, got " + labelNames.size());
        }
        Path out = output.toAbsolutePath().normalize();
        for (Path in : inputs) {
            Path a = in.toAbsolutePath().normalize();
            if (out.startsWith(a) || a.startsWith(out)) {
                throw new Conflict("--output " + output + " and --input " + in + " overlap; write the dataset"
                        + " elsewhere");
            }
        }
    }
}
