package io.ganlab.imagegan.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Image bytes for the tests: committed fixtures (see make-fixtures.sh beside them) and images made here. */
final class Fixtures {
    /** The pixels of lossless-4x3.webp, [y][x] = {R, G, B}, as written by make-fixtures.sh. */
    static final int[][][] WEBP_4X3 = {
        {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {10, 20, 30}},
        {{200, 100, 50}, {0, 0, 0}, {255, 255, 255}, {1, 2, 3}},
        {{90, 80, 70}, {60, 50, 40}, {33, 66, 99}, {128, 127, 126}},
    };

    private Fixtures() {}

    static byte[] resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] png(BufferedImage img) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "png", b)) {
                throw new IllegalStateException("no PNG writer for " + img);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    /** A JPEG at quality 1.0 (the smallest loss ImageIO's writer allows). */
    static byte[] jpeg(BufferedImage img) {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(b)) {
            w.setOutput(out);
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(1.0f);
            w.write(null, new IIOImage(img, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            w.dispose();
        }
        return b.toByteArray();
    }

    /**
     * {@code jpeg} with an EXIF APP1 segment inserted after SOI holding only the orientation tag: "Exif\0\0", a
     * big-endian TIFF header, IFD0 with one entry (tag 0x0112, type SHORT, count 1, value), no next IFD.
     */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {
            'M', 'M', 0, 42, 0, 0, 0, 8,             // header: big-endian, IFD0 at offset 8
            0, 1,                                     // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1,             // tag 274, SHORT, count 1
            0, (byte) orientation, 0, 0,              // value, padded to 4 bytes
            0, 0, 0, 0,                               // no next IFD
        };
        byte[] id = {'E', 'x', 'i', 'f', 0, 0};
        int len = 2 + id.length + tiff.length;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(jpeg, 0, 2);                          // SOI
        b.write(0xFF);
        b.write(0xE1);
        b.write(len >> 8);
        b.write(len & 0xFF);
        b.write(id, 0, id.length);
        b.write(tiff, 0, tiff.length);
        b.write(jpeg, 2, jpeg.length - 2);
        return b.toByteArray();
    }

    /** An RGB image of {@code w x h} filled by {@code rgb(x, y)}. */
    static BufferedImage rgb(int w, int h, java.util.function.BiFunction<Integer, Integer, int[]> rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] c = rgb.apply(x, y);
                img.setRGB(x, y, c[0] << 16 | c[1] << 8 | c[2]);
            }
        }
        return img;
    }

    /** An 8-bit gray image with {@code v(x, y)} written to its raster (no colour conversion). */
    static BufferedImage gray(int w, int h, java.util.function.BiFunction<Integer, Integer, Integer> v) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, v.apply(x, y));
            }
        }
        return img;
    }
}
