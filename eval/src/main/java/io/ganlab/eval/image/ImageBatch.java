package io.ganlab.eval.image;

/**
 * A batch of 8-bit images in {@code N x C x H x W} order (channel-major, as PyTorch lays them out), the input of a
 * {@link FeatureExtractor}. Pixel values are unsigned 0..255 stored in Java's signed bytes: read them with
 * {@link #pixel}. Images of any size and channel count are allowed; an extractor resizes and converts them as its
 * network needs and says so in its {@link FeatureExtractor#id()}. The array is not copied: treat it as read-only.
 *
 * @param count    N, images in the batch (at least 1)
 * @param channels C, e.g. 1 (grey) or 3 (RGB)
 * @param height   H in pixels
 * @param width    W in pixels
 * @param pixels   {@code N*C*H*W} bytes; pixel (n, c, y, x) at {@code ((n*C + c)*H + y)*W + x}
 */
public record ImageBatch(int count, int channels, int height, int width, byte[] pixels) {
    public ImageBatch {
        if (count < 1 || channels < 1 || height < 1 || width < 1) {
            throw new ImageMetricException("image batch: shape " + count + " x " + channels + " x " + height + " x "
                    + width + " has an empty axis");
        }
        long expected = (long) count * channels * height * width;
        if (pixels.length != expected) {
            throw new ImageMetricException("image batch: " + pixels.length + " bytes for shape " + count + " x "
                    + channels + " x " + height + " x " + width + " (" + expected + " expected)");
        }
    }

    /** The value 0..255 of channel {@code c} at row {@code y}, column {@code x} of image {@code n}. */
    public int pixel(int n, int c, int y, int x) {
        return pixels[((n * channels + c) * height + y) * width + x] & 0xff;
    }
}
