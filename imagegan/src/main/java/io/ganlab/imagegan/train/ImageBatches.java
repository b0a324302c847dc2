package io.ganlab.imagegan.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.ganlab.core.EpochOrder;
import io.ganlab.core.RandomStream;
import io.ganlab.core.TrainingData;
import io.ganlab.imagegan.data.DataSplit;
import io.ganlab.imagegan.data.ImageDataset;
import io.ganlab.imagegan.data.ImageShape;

/**
 * Real images as {@code (B, C, H, W)} floats in the networks' {@link PixelRange}, read from a memory-mapped
 * {@link ImageDataset}. Each epoch visits the training images (or the first {@code trainLimit} of them, for the
 * WGAN-GP paper's §5.6 overfitting experiment) in a fresh order drawn from the run's seed, so batch {@code i} is a
 * pure function of {@code i} and a resumed run sees the same batches.
 */
public final class ImageBatches implements TrainingData {
    private final ImageDataset dataset;
    private final PixelRange range;
    private final EpochOrder train;
    private final EpochOrder heldout;
    private final ImageShape shape;

    public ImageBatches(ImageDataset dataset, PixelRange range, long trainLimit, long seed, int batch) {
        long trainImages = trainLimit > 0 ? Math.min(trainLimit, dataset.size(DataSplit.TRAIN))
                : dataset.size(DataSplit.TRAIN);
        long validImages = dataset.size(DataSplit.VALID);
        if (trainImages < batch) {
            throw new IllegalArgumentException("the dataset has " + trainImages + " training images, fewer than one"
                    + " batch of " + batch);
        }
        if (validImages < batch) {
            throw new IllegalArgumentException("the dataset has " + validImages + " validation images, fewer than one"
                    + " batch of " + batch + " (the held-out critic loss needs them); prepare it with a larger --valid");
        }
        this.dataset = dataset;
        this.range = range;
        this.shape = dataset.shape();
        this.train = new EpochOrder(trainImages, seed, RandomStream.TRAINING_ORDER);
        this.heldout = new EpochOrder(validImages, seed, RandomStream.HELDOUT_ORDER);
    }

    @Override
    public NDArray batch(NDManager manager, long index, int size) {
        return load(manager, DataSplit.TRAIN, train.batch(index, size));
    }

    @Override
    public NDArray heldout(NDManager manager, long index, int size) {
        return load(manager, DataSplit.VALID, heldout.batch(index, size));
    }

    /** The labels of training batch {@code index}: the images {@link #batch} returns, in that order. */
    @Override
    public NDArray labels(NDManager manager, long index, int size) {
        long[] images = train.batch(index, size);
        return manager.create(dataset.labels(DataSplit.TRAIN, images), new Shape(images.length));
    }

    /** Image indices of training batch {@code index}, for tests. */
    long[] images(long index, int size) {
        return train.batch(index, size);
    }

    private NDArray load(NDManager manager, DataSplit split, long[] indices) {
        float[] x = dataset.batch(split, indices);
        if (range != PixelRange.SIGNED) {
            for (int i = 0; i < x.length; i++) {
                x[i] = range.fromSigned(x[i]);
            }
        }
        return manager.create(x, new Shape(indices.length, shape.channels(), shape.height(), shape.width()));
    }
}
