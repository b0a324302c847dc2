package io.ganlab.imagegan.data;

import io.ganlab.common.StagedOutput;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Images side by side in a near-square grid, one black pixel between them: how people look at a dataset
 * ({@code gan images sample}) and at a generator's samples ({@code samples/iter-N.png}, {@code gan imagegan sample}).
 */
public final class ImageGrid {
    private ImageGrid() {}

    /**
     * The grid of {@code count} images stored one after another in {@code pixels} as uint8 (C, H, W) each.
     *
     * @param scale each pixel drawn as a {@code scale × scale} block (nearest neighbour), for small images
     */
    public static BufferedImage draw(byte[] pixels, int count, ImageShape s, int scale) {
        if (count < 1 || scale < 1 || pixels.length < (long) count * s.bytes()) {
            throw new IllegalArgumentException("a grid of " + count + " images of " + s + " at scale " + scale
                    + " needs " + (long) count * s.bytes() + " bytes, got " + pixels.length);
        }
        int cols = (int) Math.ceil(Math.sqrt(count));
        int rows = (count + cols - 1) / cols;
        int cw = s.width() * scale + 1;
        int ch = s.height() * scale + 1;
        BufferedImage img = new BufferedImage(cols * cw + 1, rows * ch + 1, BufferedImage.TYPE_INT_RGB);
        int plane = s.height() * s.width();
        for (int k = 0; k < count; k++) {
            int base = k * s.bytes();
            int ox = 1 + (k % cols) * cw;
            int oy = 1 + (k / cols) * ch;
            for (int y = 0; y < s.height() * scale; y++) {
                for (int x = 0; x < s.width() * scale; x++) {
                    int i = base + (y / scale) * s.width() + x / scale;
                    int r = pixels[i] & 0xFF;
                    int g = s.channels() == 3 ? pixels[plane + i] & 0xFF : r;
                    int b = s.channels() == 3 ? pixels[2 * plane + i] & 0xFF : r;
                    img.setRGB(ox + x, oy + y, r << 16 | g << 8 | b);
                }
            }
        }
        return img;
    }

    /**
     * Generator output in [-1, 1] back to uint8, the inverse of {@link ImageDataset}'s {@code x / 127.5 - 1}:
     * {@code round((v + 1) · 127.5)}, clamped to 0..255.
     */
    public static byte[] toBytes(float[] values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            long v = Math.round((values[i] + 1.0) * 127.5);
            out[i] = (byte) Math.max(0, Math.min(255, v));
        }
        return out;
    }

    /** Writes a PNG atomically. */
    public static void writePng(Path file, BufferedImage img) throws IOException {
        StagedOutput.writeFile(file, false, channel -> {
            if (!ImageIO.write(img, "png", Channels.newOutputStream(channel))) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        });
    }
}
