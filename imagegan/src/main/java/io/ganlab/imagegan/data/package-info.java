/**
 * Image datasets: {@link io.ganlab.imagegan.data.ImagePreparer} reads CIFAR-10 (binary and Python batches, archive
 * or directory), MNIST-style IDX files, LSUN LMDB databases and folders of PNG/JPEG images in place, in bounded
 * memory, and writes one layout for all of them ({@code train.u8}, {@code valid.u8}: N x C x H x W bytes, labels
 * beside, {@code manifest.json} last) atomically; {@link io.ganlab.imagegan.data.ImageDataset} memory-maps it for
 * training. {@link io.ganlab.imagegan.data.FashionMnist} fetches the one data set this machine can download.
 *
 * <p>It knows nothing of models or training: it only turns image files into arrays of bytes and back into the
 * [-1, 1] floats the reference code feeds its critic.
 */
package io.ganlab.imagegan.data;
