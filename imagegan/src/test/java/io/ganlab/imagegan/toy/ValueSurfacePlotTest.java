package io.ganlab.imagegan.toy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValueSurfacePlotTest {
    @TempDir
    Path tmp;

    // grid point (i, j) sits at (-e + 2e·i/(G-1), -e + 2e·j/(G-1)) at index j·G + i
    @Test
    void gridLayout() {
        float[] g = ValueSurfacePlot.gridPoints(2, 5);
        assertEquals(50, g.length);
        assertArrayEquals(new float[] {-2, -2}, new float[] {g[0], g[1]});
        assertArrayEquals(new float[] {1, -2}, new float[] {g[6], g[7]});       // i = 3, j = 0
        assertArrayEquals(new float[] {-2, -1}, new float[] {g[10], g[11]});    // i = 0, j = 1
        assertArrayEquals(new float[] {2, 2}, new float[] {g[48], g[49]});
    }

    // the file is a PNG of SIZE × SIZE; a critic rising with x is blue on the left and yellow on the right;
    // a real point is drawn orange where it belongs, and nothing was left under a temporary name
    @Test
    void writesAValidPicture() throws Exception {
        int grid = 16;
        float[] pts = ValueSurfacePlot.gridPoints(2, grid);
        float[] values = new float[grid * grid];
        for (int k = 0; k < values.length; k++) {
            values[k] = pts[2 * k];                                   // D(x, y) = x
        }
        float[] real = {1f, -1f};                                     // pixel (384, 384)
        float[] fake = {-1f, -1f};                                    // pixel (128, 384)
        Path file = tmp.resolve("plots/iter-00000010.png");
        ValueSurfacePlot.write(file, ValueSurfacePlot.draw(2, grid, values, real, fake, "test"));

        BufferedImage img = ImageIO.read(file.toFile());
        assertNotNull(img, "not a readable image");
        assertEquals(ValueSurfacePlot.SIZE, img.getWidth());
        assertEquals(ValueSurfacePlot.SIZE, img.getHeight());
        byte[] head = Files.readAllBytes(file);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(head, 4));
        try (var s = Files.list(file.getParent())) {
            assertEquals(1, s.count(), "only the picture, no partial file");
        }

        Color left = new Color(img.getRGB(3, 300));
        Color right = new Color(img.getRGB(508, 300));
        assertTrue(left.getBlue() > left.getRed() && right.getRed() > right.getBlue(),
                "left " + left + ", right " + right);
        Color realPx = new Color(img.getRGB(384, 384));
        assertTrue(realPx.getRed() > 200 && realPx.getBlue() < 80, "real point colour " + realPx);
        Color fakePx = new Color(img.getRGB(128, 384));
        assertTrue(fakePx.getGreen() > fakePx.getRed() && fakePx.getGreen() > fakePx.getBlue(), "generated point colour " + fakePx);
    }
}
