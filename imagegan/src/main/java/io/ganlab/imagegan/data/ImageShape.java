package io.ganlab.imagegan.data;

/**
 * The shape of every image of a dataset: channels x height x width, stored channel-major (C, H, W).
 *
 * @param channels 1 (gray) or 3 (R, G, B)
 * @param height   rows
 * @param width    columns
 */
public record ImageShape(int channels, int height, int width) {
    public ImageShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("bad image shape " + channels + "x" + height + "x" + width);
        }
    }

    /** Bytes of one image: C * H * W. */
    public int bytes() {
        return channels * height * width;
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
