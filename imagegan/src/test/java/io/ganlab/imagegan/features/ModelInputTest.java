package io.ganlab.imagegan.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ganlab.eval.image.ImageBatch;
import io.ganlab.eval.image.ImageMetricException;
import org.junit.jupiter.api.Test;

/** The preparation of network inputs: filters against hand-worked cases and PyTorch's own numbers. */
class ModelInputTest {
    /** One grey row of pixels resized to {@code n} columns, values kept raw (range 0..255). */
    static float[] row(ResizeFilter f, int[] pixels, int n) {
        byte[] px = new byte[pixels.length];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) pixels[i];
        }
        return new ModelInput(1, 1, n, f, false, 0, 255).prepare(new ImageBatch(1, 1, 1, px.length, px), 0, 1, "t");
    }

    // bilinear as PyTorch 1.13 computes F.interpolate(x, size, mode='bilinear', align_corners=False) (values
    // printed by PyTorch, not by this code): upscaling 2 -> 4 and 5 -> 7, downscaling 5 -> 3, and a 4x5 -> 3x2 plane
    @Test
    void bilinearMatchesPyTorch() {
        assertArrayEquals(new float[] {10, 12.5f, 17.5f, 20}, row(ResizeFilter.BILINEAR, new int[] {10, 20}, 4), 1e-4f);
        int[] five = {0, 10, 20, 30, 50};
        assertArrayEquals(new float[] {3.333333f, 20, 43.333332f}, row(ResizeFilter.BILINEAR, five, 3), 1e-4f);
        assertArrayEquals(new float[] {0, 5.7142859f, 12.857143f, 20, 27.142859f, 38.57143f, 50},
                row(ResizeFilter.BILINEAR, five, 7), 1e-4f);
        byte[] plane = new byte[20];
        for (int i = 0; i < 20; i++) {
            plane[i] = (byte) (3 * i);                          // torch.arange(20.).reshape(1, 1, 4, 5) * 3
        }
        float[] got = new ModelInput(1, 3, 2, ResizeFilter.BILINEAR, false, 0, 255)
                .prepare(new ImageBatch(1, 1, 4, 5, plane), 0, 1, "t");
        assertArrayEquals(new float[] {4.75f, 12.25f, 24.75f, 32.25f, 44.75f, 52.25f}, got, 1e-4f);
    }

    // the area filter averages what each output pixel covers: 4 -> 2 takes pair means, 3 -> 2 weighs the middle
    // pixel half to each side
    @Test
    void areaAveragesCoveredPixels() {
        assertArrayEquals(new float[] {15, 35}, row(ResizeFilter.AREA, new int[] {10, 20, 30, 40}, 2), 1e-5f);
        // output 0 covers [0, 1.5): (1 * 30 + 0.5 * 60) / 1.5 = 40; output 1 covers [1.5, 3): (0.5 * 60 + 90) / 1.5
        assertArrayEquals(new float[] {40, 80}, row(ResizeFilter.AREA, new int[] {30, 60, 90}, 2), 1e-5f);
    }

    // channels and range: RGB to grey by the integer BT.601 luma, grey to RGB by replication, 0 -> lo, 255 -> hi
    @Test
    void channelsAndRange() {
        byte[] rgb = {(byte) 200, 100, 50};                     // one 1x1 RGB pixel
        float[] grey = new ModelInput(1, 1, 1, ResizeFilter.AREA, false, 0, 255)
                .prepare(new ImageBatch(1, 3, 1, 1, rgb), 0, 1, "t");
        assertArrayEquals(new float[] {(299 * 200 + 587 * 100 + 114 * 50 + 500) / 1000}, grey);
        float[] three = new ModelInput(3, 1, 2, ResizeFilter.AREA, false, -1, 1)
                .prepare(new ImageBatch(1, 1, 1, 2, new byte[] {0, (byte) 255}), 0, 1, "t");
        assertArrayEquals(new float[] {-1, 1, -1, 1, -1, 1}, three);
        assertEquals(0.5f, new ModelInput(1, 1, 1, ResizeFilter.AREA, false, 0, 1)
                .prepare(new ImageBatch(1, 1, 1, 1, new byte[] {(byte) 127.5}), 0, 1, "t")[0], 0.003f);
        assertThrows(ImageMetricException.class, () -> new ModelInput(1, 1, 1, ResizeFilter.AREA, false, 0, 1)
                .prepare(new ImageBatch(1, 2, 1, 1, new byte[2]), 0, 1, "t"));
        assertThrows(IllegalArgumentException.class, () -> new ModelInput(2, 1, 1, ResizeFilter.AREA, false, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ModelInput(1, 4, 5, ResizeFilter.AREA, true, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ModelInput(1, 4, 4, ResizeFilter.AREA, false, 1, 1));
    }
}
