package io.ganlab.imagegan.toy;

import io.ganlab.common.StagedOutput;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import io.ganlab.core.RunDirectory;

/**
 * A picture like the WGAN-GP paper's figure 1: the critic's value over the square [−e, e]² as shading with contour
 * lines, real points as orange crosses and generated points as green crosses. Plain Java2D, {@value #SIZE} ×
 * {@value #SIZE} pixels; the shading goes from light blue (lowest value on the square) to light yellow
 * (highest), so the generator is pushed toward yellow.
 */
public final class ValueSurfacePlot {
    /** Width and height of the image in pixels. */
    public static final int SIZE = 512;
    /** Contour levels between the lowest and highest value. */
    static final int LEVELS = 12;

    private static final Color LOW = new Color(190, 214, 238);
    private static final Color HIGH = new Color(255, 244, 170);
    private static final Color CONTOUR = new Color(70, 70, 90);
    private static final Color REAL = new Color(255, 127, 14);
    private static final Color GENERATED = new Color(30, 150, 40);

    private ValueSurfacePlot() {}

    /**
     * The points at which the critic is evaluated, {@code grid × grid} of them, interleaved x, y, row by row from
     * y = −e upward: point {@code (i, j)} is {@code x = −e + 2e·i/(grid−1), y = −e + 2e·j/(grid−1)} at index
     * {@code j·grid + i}.
     */
    public static float[] gridPoints(double extent, int grid) {
        float[] xy = new float[2 * grid * grid];
        for (int j = 0; j < grid; j++) {
            for (int i = 0; i < grid; i++) {
                int k = j * grid + i;
                xy[2 * k] = (float) (-extent + 2 * extent * i / (grid - 1));
                xy[2 * k + 1] = (float) (-extent + 2 * extent * j / (grid - 1));
            }
        }
        return xy;
    }

    /**
     * Draws the picture.
     *
     * @param values critic values at {@link #gridPoints(double, int)}, {@code grid × grid}
     * @param real   real points, interleaved x, y
     * @param fake   generated points, interleaved x, y
     * @param title  one line drawn at the top left
     */
    public static BufferedImage draw(double extent, int grid, float[] values, float[] real, float[] fake, String title) {
        if (grid < 2 || values.length != grid * grid) {
            throw new IllegalArgumentException("need grid >= 2 and grid² values, got grid " + grid + " and "
                    + values.length + " values");
        }
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            if (!Float.isFinite(v)) {
                continue;
            }
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double span = hi > lo ? hi - lo : 1;
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        // shading: bilinear interpolation of the grid at each pixel centre, remembered as a level for the contours
        int[] level = new int[SIZE * SIZE];
        for (int py = 0; py < SIZE; py++) {
            double gy = (1 - (py + 0.5) / SIZE) * (grid - 1);          // image rows run downward, y upward
            int j = Math.min((int) gy, grid - 2);
            double fy = gy - j;
            for (int px = 0; px < SIZE; px++) {
                double gx = (px + 0.5) / SIZE * (grid - 1);
                int i = Math.min((int) gx, grid - 2);
                double fx = gx - i;
                double v = (1 - fy) * ((1 - fx) * values[j * grid + i] + fx * values[j * grid + i + 1])
                        + fy * ((1 - fx) * values[(j + 1) * grid + i] + fx * values[(j + 1) * grid + i + 1]);
                double u = Math.max(0, Math.min(1, (v - lo) / span));
                level[py * SIZE + px] = Math.min(LEVELS - 1, (int) (u * LEVELS));
                img.setRGB(px, py, mix(LOW, HIGH, u));
            }
        }
        int line = CONTOUR.getRGB();
        for (int py = 0; py < SIZE - 1; py++) {
            for (int px = 0; px < SIZE - 1; px++) {
                int l = level[py * SIZE + px];
                if (l != level[py * SIZE + px + 1] || l != level[(py + 1) * SIZE + px]) {
                    img.setRGB(px, py, line);
                }
            }
        }
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setStroke(new BasicStroke(1.2f));
            // real points last: they sit in tight clusters that generated points would hide
            crosses(g, fake, extent, GENERATED);
            crosses(g, real, extent, REAL);
            caption(g, title);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** PNG bytes of an image, written to {@code file} through a temporary name. */
    public static void write(Path file, BufferedImage img) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(img, "png", bytes)) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        StagedOutput.writeFile(file, bytes.toByteArray());
    }

    private static void crosses(Graphics2D g, float[] xy, double extent, Color c) {
        g.setColor(c);
        for (int k = 0; k + 1 < xy.length; k += 2) {
            double px = (xy[k] + extent) / (2 * extent) * SIZE;
            double py = (1 - (xy[k + 1] + extent) / (2 * extent)) * SIZE;
            if (px < -4 || py < -4 || px > SIZE + 4 || py > SIZE + 4 || Double.isNaN(px) || Double.isNaN(py)) {
                continue;   // off the square: nothing to draw
            }
            int x = (int) Math.round(px);
            int y = (int) Math.round(py);
            g.drawLine(x - 3, y, x + 3, y);
            g.drawLine(x, y - 3, x, y + 3);
        }
    }

    private static void caption(Graphics2D g, String title) {
        try {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.setColor(new Color(255, 255, 255, 200));
            g.fillRect(0, 0, SIZE, 38);
            g.setColor(Color.DARK_GRAY);
            g.drawString(title, 6, 15);
            g.setColor(REAL);
            g.drawString("+ real", 6, 32);
            g.setColor(GENERATED);
            g.drawString("+ generated", 60, 32);
            g.setColor(Color.DARK_GRAY);
            g.drawString("shading: critic value, blue low, yellow high", 160, 32);
        } catch (RuntimeException | InternalError noFonts) {
            // a headless runtime without any font cannot draw text; the picture is still useful without it
        }
    }

    private static int mix(Color a, Color b, double u) {
        int r = (int) Math.round(a.getRed() + u * (b.getRed() - a.getRed()));
        int gr = (int) Math.round(a.getGreen() + u * (b.getGreen() - a.getGreen()));
        int bl = (int) Math.round(a.getBlue() + u * (b.getBlue() - a.getBlue()));
        return (r << 16) | (gr << 8) | bl;
    }
}
