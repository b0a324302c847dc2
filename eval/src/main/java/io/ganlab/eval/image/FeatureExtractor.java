package io.ganlab.eval.image;

/**
 * A network that turns images into what the metrics consume: class logits (for the {@link InceptionScore}) and/or
 * pool features (for {@link FrechetDistance} and {@link KernelDistance}). The metrics never see images, and an
 * extractor computes no metric: the same extractor serves every metric, and the reference statistics of a dataset
 * can be cached under {@link #id()}.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #extract} takes a batch of 8-bit images of any size and channel count ({@code N x C x H x W}) and
 *       returns one row per image, in order; it does its own resizing, channel conversion (grey to RGB) and
 *       scaling, deterministically, so that the same images always give the same features (up to the floating
 *       point of the engine);</li>
 *   <li>the result has logits exactly when {@link #classes()} is positive and pool features exactly when
 *       {@link #featureDimension()} is positive, with those row lengths;</li>
 *   <li>a batch the extractor cannot take (say, 2 channels) is refused with an {@link ImageMetricException}
 *       saying why;</li>
 *   <li>an extractor holds native resources (a loaded network): close it.</li>
 * </ul>
 *
 * <p>Implementations (in imagegan, beside the engine) are the TorchScript Inception v3 (the community's network,
 * whose file the user supplies), any TorchScript model with a declared input and output, and the toolkit's own
 * domain classifier; scores of different extractors are different measures and must never be compared.
 */
public interface FeatureExtractor extends AutoCloseable {
    /**
     * Names everything the features depend on: network, a checksum of its weights, input resolution and resizing
     * method, scaling; part of the key of cached reference statistics, and printed beside every score.
     */
    String id();

    /** Number of classes of the logits, or 0 when this extractor has no classification head. */
    int classes();

    /** Length of a pool feature row, or 0 when this extractor gives no pool features. */
    int featureDimension();

    /** The logits and/or pool features of each image of the batch. */
    ExtractedFeatures extract(ImageBatch images);

    /** Releases the network; no checked exception. */
    @Override
    void close();
}
