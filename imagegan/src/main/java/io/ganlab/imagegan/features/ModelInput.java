package io.ganlab.imagegan.features;

import io.ganlab.eval.image.ImageBatch;
import io.ganlab.eval.image.ImageMetricException;
import java.util.Locale;

/**
 * How 8-bit images become a network's float input {@code (N, C, H, W)}, in three steps:
 * <ol>
 *   <li>channels: 3 to 1 by the BT.601 luma {@code (299 R + 587 G + 114 B + 500) / 1000} in integers (as
 *       {@code gan images prepare} makes grey datasets), 1 to 3 by replicating the grey plane; other counts are
 *       refused;</li>
 *   <li>size: an image of another size is resized to {@code height x width} with {@link #filter}; with
 *       {@link #centreCrop} it is first cropped to its centre square (offset rounded down), which needs a square
 *       input, otherwise it is stretched;</li>
 *   <li>values: pixel value {@code v} in 0..255 becomes {@code lo + v (hi - lo) / 255}.</li>
 * </ol>
 * Each image is prepared on its own, so its input does not depend on the other images of its batch.
 *
 * @param channels   C of the input, 1 or 3
 * @param height     H of the input
 * @param width      W of the input
 * @param filter     the resize filter for images of another size
 * @param centreCrop crop to the centre square before resizing (square inputs only)
 * @param lo         what pixel value 0 becomes
 * @param hi         what pixel value 255 becomes
 */
public record ModelInput(int channels, int height, int width, ResizeFilter filter, boolean centreCrop, double lo,
                         double hi) {
    public ModelInput {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("model input: " + channels + " channels; 1 or 3 are supported");
        }
        if (height < 1 || width < 1 || (long) height * width > 1 << 24) {
            throw new IllegalArgumentException("model input: size " + height + "x" + width + " out of range");
        }
        if (centreCrop && height != width) {
            throw new IllegalArgumentException("model input: a centre crop needs a square input, not "
                    + height + "x" + width);
        }
        if (!(Double.isFinite(lo) && Double.isFinite(hi)) || lo == hi) {
            throw new IllegalArgumentException("model input: range " + lo + ".." + hi + " is empty or not finite");
        }
    }

    /** Floats of one prepared image. */
    public int size() {
        return channels * height * width;
    }

    /** What the preparation is, for extractor ids: {@code 3x299x299 resize=bilinear range=-1,1 ...}. */
    public String describe() {
        return channels + "x" + height + "x" + width + " resize=" + (centreCrop ? "centre-crop+" : "") + filter.id()
                + " channels=bt601/replicate range=" + num(lo) + "," + num(hi);
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    /**
     * Images {@code first .. first + count - 1} of {@code images}, prepared: {@code count * size()} floats in
     * {@code (N, C, H, W)} order.
     *
     * @param who names the extractor in error messages
     */
    public float[] prepare(ImageBatch images, int first, int count, String who) {
        if (images.channels() != 1 && images.channels() != 3) {
            throw new ImageMetricException(who + ": images with " + images.channels()
                    + " channels; only 1 (grey) and 3 (RGB) are taken");
        }
        int h = images.height();
        int w = images.width();
        boolean sameSize = h == height && w == width;
        int s = Math.min(h, w);
        int sh = sameSize ? h : centreCrop ? s : h;
        int sw = sameSize ? w : centreCrop ? s : w;
        int y0 = (h - sh) / 2;
        int x0 = (w - sw) / 2;
        ResizeFilter.Taps rows = sameSize ? null : filter.taps(sh, height);
        ResizeFilter.Taps cols = sameSize ? null : filter.taps(sw, width);
        float[] out = new float[count * size()];
        double scale = (hi - lo) / 255;
        int hw = height * width;
        for (int k = 0; k < count; k++) {
            double[][] src = planes(images, first + k);
            for (int c = 0; c < channels; c++) {
                double[] plane = src[Math.min(c, src.length - 1)];     // 1 -> 3: replicate the grey plane
                double[] sized = sameSize ? plane : ResizeFilter.apply(plane, w, y0, x0, sh, rows, cols);
                int off = (k * channels + c) * hw;
                for (int i = 0; i < hw; i++) {
                    out[off + i] = (float) (lo + sized[i] * scale);
                }
            }
        }
        return out;
    }

    /** The image's planes as doubles: its own, or its BT.601 grey plane when the input is grey and it is RGB. */
    private double[][] planes(ImageBatch images, int n) {
        int h = images.height();
        int w = images.width();
        if (images.channels() == 3 && channels == 1) {
            double[] grey = new double[h * w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int r = images.pixel(n, 0, y, x);
                    int g = images.pixel(n, 1, y, x);
                    int b = images.pixel(n, 2, y, x);
                    grey[y * w + x] = (299 * r + 587 * g + 114 * b + 500) / 1000;   // integer, as the dataset
                }
            }
            return new double[][] {grey};
        }
        double[][] src = new double[images.channels()][h * w];
        for (int c = 0; c < src.length; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    src[c][y * w + x] = images.pixel(n, c, y, x);
                }
            }
        }
        return src;
    }
}
