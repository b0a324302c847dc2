package io.ganlab.imagegan.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Decoding keeps the stored sample values, in every format and colour layout the inputs bring. */
class ImageDecoderTest {
    private static void assertNear(int expected, int actual, int tolerance, String what) {
        assertTrue(Math.abs(expected - actual) <= tolerance, what + ": expected " + expected + " +- " + tolerance
                + ", got " + actual);
    }

    // 8-bit gray keeps its values (Java would brighten them if it took gray for linear and converted to sRGB)
    @Test
    void grayPngKeepsItsValues() {
        PlanarImage p = ImageDecoder.decode(Fixtures.png(Fixtures.gray(3, 2, (x, y) -> 40 * x + 100 * y + 5)), "g.png");
        assertEquals(1, p.channels());
        assertEquals(3, p.width());
        assertEquals(2, p.height());
        assertEquals(5, p.at(0, 0, 0));
        assertEquals(45, p.at(0, 0, 1));
        assertEquals(85, p.at(0, 0, 2));
        assertEquals(105, p.at(0, 1, 0));
        assertEquals(185, p.at(0, 1, 2));
    }

    // 16-bit samples become round(v * 255 / 65535): 257 k -> k exactly, 128 -> 0.498 -> 0, 129 -> 0.502 -> 1
    @Test
    void sixteenBitGrayIsScaledAndRounded() {
        int[] v16 = {0, 128, 129, 257 * 100, 65535, 257 * 200 + 128};
        int[] expected = {0, 0, 1, 100, 255, 200}; // 200 + 128/257 = 200.498 -> 200
        BufferedImage img = new BufferedImage(v16.length, 1, BufferedImage.TYPE_USHORT_GRAY);
        for (int x = 0; x < v16.length; x++) {
            img.getRaster().setSample(x, 0, 0, v16[x]);
        }
        PlanarImage p = ImageDecoder.decode(Fixtures.png(img), "g16.png");
        assertEquals(1, p.channels());
        for (int x = 0; x < v16.length; x++) {
            assertEquals(expected[x], p.at(0, 0, x), "sample " + v16[x]);
        }
    }

    // 16-bit RGB (written as a PNG with 16-bit samples) keeps R, G, B apart
    @Test
    void sixteenBitRgb() {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster r = cm.createCompatibleWritableRaster(2, 1);
        r.setPixel(0, 0, new int[] {257 * 10, 257 * 20, 257 * 30});
        r.setPixel(1, 0, new int[] {65535, 0, 257 * 128});
        PlanarImage p = ImageDecoder.decode(Fixtures.png(new BufferedImage(cm, r, false, null)), "rgb16.png");
        assertEquals(3, p.channels());
        assertEquals(Arrays.asList(10, 20, 30), Arrays.asList(p.at(0, 0, 0), p.at(1, 0, 0), p.at(2, 0, 0)));
        assertEquals(Arrays.asList(255, 0, 128), Arrays.asList(p.at(0, 0, 1), p.at(1, 0, 1), p.at(2, 0, 1)));
    }

    // a palette image takes its palette's colours; an all-gray palette gives one channel
    @Test
    void paletteImages() {
        byte[] r = {0, (byte) 200, 10};
        byte[] g = {0, 100, 20};
        byte[] b = {0, 50, 30};
        BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(2, 3, r, g, b));
        img.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {1, 2, 0});
        PlanarImage p = ImageDecoder.decode(Fixtures.png(img), "pal.png");
        assertEquals(3, p.channels());
        assertEquals(200, p.at(0, 0, 0));
        assertEquals(100, p.at(1, 0, 0));
        assertEquals(50, p.at(2, 0, 0));
        assertEquals(30, p.at(2, 0, 1));
        byte[] gray = {0, 77, (byte) 250};
        BufferedImage gi = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(2, 3, gray, gray, gray));
        gi.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {2, 1});
        PlanarImage pg = ImageDecoder.decode(Fixtures.png(gi), "palgray.png");
        assertEquals(1, pg.channels());
        assertEquals(250, pg.at(0, 0, 0));
        assertEquals(77, pg.at(0, 0, 1));
    }

    // lossless WebP (made with cwebp -lossless -exact) decodes to exactly the values written
    @Test
    void losslessWebp() {
        PlanarImage p = ImageDecoder.decode(Fixtures.resource("lossless-4x3.webp"), "lossless-4x3.webp");
        assertEquals(3, p.channels());
        assertEquals(4, p.width());
        assertEquals(3, p.height());
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(Fixtures.WEBP_4X3[y][x][c], p.at(c, y, x), "(" + x + ", " + y + ") channel " + c);
                }
            }
        }
    }

    // lossy WebP (VP8, as in LSUN): flat halves come back within a few levels away from the edge
    @Test
    void lossyWebp() {
        PlanarImage p = ImageDecoder.decode(Fixtures.resource("lossy-16x16.webp"), "lossy-16x16.webp");
        assertEquals(3, p.channels());
        for (int y = 0; y < 16; y++) {
            for (int x : new int[] {0, 3, 12, 15}) {
                int[] want = x < 8 ? new int[] {200, 30, 30} : new int[] {30, 30, 200};
                for (int c = 0; c < 3; c++) {
                    assertNear(want[c], p.at(c, y, x), 12, "(" + x + ", " + y + ") channel " + c);
                }
            }
        }
    }

    // CMYK JPEG (ImageMagick -colorspace CMYK): read by TwelveMonkeys and converted to RGB; the quadrants keep
    // their colours (a CMYK profile does not reproduce pure sRGB primaries exactly, hence the loose bounds)
    @Test
    void cmykJpeg() {
        PlanarImage p = ImageDecoder.decode(Fixtures.resource("cmyk-16x16.jpg"), "cmyk-16x16.jpg");
        assertEquals(3, p.channels());
        int[] white = {p.at(0, 3, 3), p.at(1, 3, 3), p.at(2, 3, 3)};
        int[] red = {p.at(0, 3, 12), p.at(1, 3, 12), p.at(2, 3, 12)};
        int[] blue = {p.at(0, 12, 3), p.at(1, 12, 3), p.at(2, 12, 3)};
        int[] black = {p.at(0, 12, 12), p.at(1, 12, 12), p.at(2, 12, 12)};
        String all = Arrays.toString(white) + Arrays.toString(red) + Arrays.toString(blue) + Arrays.toString(black);
        for (int c = 0; c < 3; c++) {
            assertTrue(white[c] >= 235, "white " + all);
            assertTrue(black[c] <= 70, "black " + all);
        }
        assertTrue(red[0] >= 180 && red[1] <= 90 && red[2] <= 90, "red " + all);
        assertTrue(blue[2] >= 120 && blue[0] <= 90 && blue[2] > blue[1] + 60, "blue " + all);
    }

    // EXIF orientation 6 (rotate 90 degrees clockwise to view): a 16x8 image with a red left half and a blue right
    // half is shown 8 wide and 16 tall with red on top
    @Test
    void exifOrientationIsApplied() {
        byte[] jpeg = Fixtures.jpeg(Fixtures.rgb(16, 8, (x, y) -> x < 8 ? new int[] {220, 20, 20}
                : new int[] {20, 20, 220}));
        PlanarImage plain = ImageDecoder.decode(jpeg, "plain.jpg");
        assertEquals(16, plain.width());
        byte[] rotated = Fixtures.withExifOrientation(jpeg, 6);
        assertEquals(6, ImageDecoder.exifOrientation(rotated));
        PlanarImage p = ImageDecoder.decode(rotated, "rotated.jpg");
        assertEquals(8, p.width());
        assertEquals(16, p.height());
        for (int x = 0; x < 8; x++) {
            for (int y : new int[] {0, 5, 10, 15}) {
                int[] want = y < 8 ? new int[] {220, 20, 20} : new int[] {20, 20, 220};
                for (int c = 0; c < 3; c++) {
                    assertNear(want[c], p.at(c, y, x), 10, "(" + x + ", " + y + ") channel " + c);
                }
            }
        }
    }

    // read(file), the entry point of `eval images` on a folder, decodes a file as decode() its bytes (the EXIF
    // orientation applied), and a missing file is one error naming it
    @Test
    void readDecodesAFileAsItsBytes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        byte[] rotated = Fixtures.withExifOrientation(Fixtures.jpeg(Fixtures.rgb(16, 8,
                (x, y) -> x < 8 ? new int[] {220, 20, 20} : new int[] {20, 20, 220})), 6);
        java.nio.file.Path f = java.nio.file.Files.write(dir.resolve("rotated.jpg"), rotated);
        PlanarImage fromFile = ImageDecoder.read(f);
        PlanarImage fromBytes = ImageDecoder.decode(rotated, "rotated.jpg");
        assertEquals(16, fromFile.height());
        assertEquals(8, fromFile.width());
        assertTrue(Arrays.equals(fromBytes.data(), fromFile.data()));
        ImageException e = assertThrows(ImageException.class, () -> ImageDecoder.read(dir.resolve("none.png")));
        assertTrue(e.getMessage().startsWith(dir.resolve("none.png") + ": cannot read"), e.getMessage());
    }

    // a corrupt file is one error naming it
    @Test
    void corruptImageNamesTheFile() {
        byte[] png = Fixtures.png(Fixtures.gray(8, 8, (x, y) -> x));
        byte[] broken = Arrays.copyOf(png, png.length);
        for (int i = 40; i < broken.length - 12; i++) {
            broken[i] = (byte) (i * 37);
        }
        ImageException e = assertThrows(ImageException.class, () -> ImageDecoder.decode(broken, "dir/broken.png"));
        assertTrue(e.getMessage().startsWith("dir/broken.png: corrupt or unreadable image ("), e.getMessage());
        ImageException e2 = assertThrows(ImageException.class,
                () -> ImageDecoder.decode("not an image".getBytes(), "notes.png"));
        assertEquals("notes.png: not an image in a known format (PNG, JPEG, WebP, GIF, BMP)", e2.getMessage());
    }
}
