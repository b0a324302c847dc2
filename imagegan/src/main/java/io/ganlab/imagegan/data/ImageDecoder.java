package io.ganlab.imagegan.data;

import static io.ganlab.common.UserException.firstLine;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes one encoded image (PNG, JPEG, WebP, and whatever else ImageIO reads) into 8-bit planes, as the file
 * means it to be seen:
 * <ul>
 *   <li>gray stays one channel, colour becomes R, G, B; alpha is dropped (as PIL's {@code convert('RGB')});</li>
 *   <li>samples are taken as stored, with no colour-space conversion of gray or RGB (Java would otherwise treat
 *       gray as linear and brighten it); 16-bit samples become {@code round(v * 255 / 65535)}, half up;</li>
 *   <li>palette images take their palette's colours (one channel if every entry is gray);</li>
 *   <li>other colour spaces (CMYK and YCCK JPEG, which TwelveMonkeys' reader converts with the file's ICC
 *       profile or a default CMYK profile) go through ImageIO's conversion to sRGB;</li>
 *   <li>a JPEG's EXIF orientation tag (APP1, tag 274) is applied, so a photo stored sideways comes out upright.</li>
 * </ul>
 */
public final class ImageDecoder {
    static {
        ImageIO.setUseCache(false); // decode in memory: no temp file per image
    }

    private ImageDecoder() {}

    /**
     * Reads and decodes one image file, as {@code images prepare} decodes the images of an archive or folder; a
     * missing, unreadable or corrupt file is an {@link ImageException} naming it.
     */
    public static PlanarImage read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ImageException(file + ": cannot read (" + firstLine(String.valueOf(e.getMessage())) + ")", e);
        }
        return decode(bytes, file.toString());
    }

    /** Decodes {@code bytes}; any failure is an {@link ImageException} naming {@code name}. */
    static PlanarImage decode(byte[] bytes, String name) {
        BufferedImage img;
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageException(name + ": not an image in a known format (PNG, JPEG, WebP, GIF, BMP)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                img = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageException ie) {
                throw ie;
            }
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new ImageException(name + ": corrupt or unreadable image (" + firstLine(m) + ")", e);
        }
        PlanarImage planes = planes(img);
        int orientation = isJpeg(bytes) ? exifOrientation(bytes) : 1;
        return Orientation.apply(planes, orientation);
    }

    /**
     * Whether the image is gray (1) or colour (3), from its header only (no pixels are decoded); 0 when the
     * header cannot be read (the error then comes when the image is decoded).
     */
    static int headerChannels(InputStream file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return 0;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                ImageTypeSpecifier type = reader.getRawImageType(0);
                if (type == null) {
                    Iterator<ImageTypeSpecifier> it = reader.getImageTypes(0);
                    type = it.hasNext() ? it.next() : null;
                }
                return type == null ? 3 : channelsOf(type.getColorModel());
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static int channelsOf(ColorModel cm) {
        if (cm instanceof IndexColorModel icm) {
            return grayPalette(icm) ? 1 : 3;
        }
        return cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY ? 1 : 3;
    }

    static PlanarImage planes(BufferedImage img) {
        ColorModel cm = img.getColorModel();
        Raster r = img.getRaster();
        int w = img.getWidth();
        int h = img.getHeight();
        int type = r.getDataBuffer().getDataType();
        boolean integral = type == DataBuffer.TYPE_BYTE || type == DataBuffer.TYPE_USHORT || type == DataBuffer.TYPE_INT;
        if (cm instanceof IndexColorModel icm) {
            return palette(icm, r, w, h);
        }
        int space = cm.getColorSpace().getType();
        int nc = cm.getNumColorComponents();
        if (integral && (space == ColorSpace.TYPE_GRAY && nc == 1 || space == ColorSpace.TYPE_RGB && nc == 3)) {
            byte[] out = new byte[nc * w * h];
            int[] row = new int[w];
            for (int c = 0; c < nc; c++) {
                int bits = cm.getComponentSize(c);
                long max = (1L << bits) - 1;
                for (int y = 0; y < h; y++) {
                    r.getSamples(0, y, w, 1, c, row);
                    int o = (c * h + y) * w;
                    if (bits == 8) {
                        for (int x = 0; x < w; x++) {
                            out[o + x] = (byte) row[x];
                        }
                    } else {
                        for (int x = 0; x < w; x++) {
                            out[o + x] = (byte) ((2L * 255 * (row[x] & 0xFFFFFFFFL) + max) / (2 * max));
                        }
                    }
                }
            }
            return new PlanarImage(nc, h, w, out);
        }
        // CMYK, YCbCr, floating-point samples...: let Java convert to sRGB
        byte[] out = new byte[3 * w * h];
        int[] argb = new int[w];
        int px = w * h;
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, argb, 0, w);
            for (int x = 0; x < w; x++) {
                int v = argb[x];
                out[y * w + x] = (byte) (v >> 16);
                out[px + y * w + x] = (byte) (v >> 8);
                out[2 * px + y * w + x] = (byte) v;
            }
        }
        return new PlanarImage(3, h, w, out);
    }

    private static PlanarImage palette(IndexColorModel icm, Raster r, int w, int h) {
        boolean gray = grayPalette(icm);
        int nc = gray ? 1 : 3;
        byte[] out = new byte[nc * w * h];
        int[] row = new int[w];
        int px = w * h;
        for (int y = 0; y < h; y++) {
            r.getSamples(0, y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                int i = row[x];
                out[y * w + x] = (byte) icm.getRed(i);
                if (!gray) {
                    out[px + y * w + x] = (byte) icm.getGreen(i);
                    out[2 * px + y * w + x] = (byte) icm.getBlue(i);
                }
            }
        }
        return new PlanarImage(nc, h, w, out);
    }

    private static boolean grayPalette(IndexColorModel icm) {
        for (int i = 0; i < icm.getMapSize(); i++) {
            if (icm.getRed(i) != icm.getGreen(i) || icm.getRed(i) != icm.getBlue(i)) {
                return false;
            }
        }
        return true;
    }

    static boolean isJpeg(byte[] b) {
        return b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8;
    }

    /** The EXIF orientation (1..8) of a JPEG, 1 when it has none or it cannot be read. */
    static int exifOrientation(byte[] jpeg) {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg))) {
            List<JPEGSegment> segments = JPEGSegmentUtil.readSegments(in, 0xFFE1, "Exif");
            if (segments.isEmpty()) {
                return 1;
            }
            byte[] data = segments.get(0).data().readAllBytes();
            int start = 0;
            while (start < data.length && data[start] == 0) {
                start++; // the identifier "Exif" is followed by two NULs; skip whichever are left
            }
            try (ImageInputStream tiff = new MemoryCacheImageInputStream(
                    new ByteArrayInputStream(data, start, data.length - start))) {
                Directory ifd = new TIFFReader().read(tiff);
                Entry e = ifd.getEntryById(274);
                if (e == null || !(e.getValue() instanceof Number n)) {
                    return 1;
                }
                int v = n.intValue();
                return v >= 1 && v <= 8 ? v : 1;
            }
        } catch (IOException | RuntimeException e) {
            return 1; // unreadable metadata: the pixels are still good, shown as stored
        }
    }
}
