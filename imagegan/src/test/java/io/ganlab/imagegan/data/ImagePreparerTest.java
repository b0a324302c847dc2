package io.ganlab.imagegan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganlab.common.HashingInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every input format end to end, on fixtures in the real formats written here (or committed, see
 * make-fixtures.sh): each decoded pixel is checked against what the fixture holds, read back through
 * {@link ImageDataset}.
 */
class ImagePreparerTest {
    private static final List<String> CIFAR_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");

    @TempDir
    Path tmp;

    private Path out() {
        return tmp.resolve("out");
    }

    private ImageManifest prepare(List<Path> inputs, Integer size, Integer channels, boolean skipBad) {
        return ImagePreparer.prepare(new ImagePrepareOptions(inputs, out(), size, channels, 0, 1, skipBad, null, false),
                ImagePreparer.Progress.NONE);
    }

    private ImageManifest prepare(Path input) {
        return prepare(List.of(input), null, null, false);
    }

    private Path write(String name, byte[] data) throws IOException {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.write(p, data);
    }

    /** Pixel k of CIFAR record i of batch b: a pattern that differs between records, batches and channels. */
    private static int cifarPixel(int batch, int i, int k) {
        return (31 * batch + 17 * i + 5 * k + k / 1024) % 256;
    }

    private static int cifarLabel(int batch, int i) {
        return (batch + 3 * i) % 10;
    }

    /** {@code n} records of batch {@code b}: label byte then 3072 pixels. */
    private static byte[] cifarBinary(int batch, int n) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            b.write(cifarLabel(batch, i));
            for (int k = 0; k < 3072; k++) {
                b.write(cifarPixel(batch, i, k));
            }
        }
        return b.toByteArray();
    }

    private static byte[] cifarData(int batch, int n) {
        byte[] d = new byte[n * 3072];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3072; k++) {
                d[i * 3072 + k] = (byte) cifarPixel(batch, i, k);
            }
        }
        return d;
    }

    private static int[] cifarLabels(int batch, int n) {
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = cifarLabel(batch, i);
        }
        return l;
    }

    /** The dataset holds batches 1, 2 (train) and 9 (standing for test_batch) of {@code n} records each, in order. */
    private void assertCifar(ImageDataset ds, int n) {
        assertEquals(new ImageShape(3, 32, 32), ds.shape());
        assertEquals(2L * n, ds.size(DataSplit.TRAIN));
        assertEquals(n, ds.size(DataSplit.VALID));
        assertEquals(CIFAR_NAMES, ds.labelNames());
        byte[] img = new byte[3072];
        for (int j = 0; j < 2 * n; j++) {
            int batch = 1 + j / n;
            int i = j % n;
            ds.image(DataSplit.TRAIN, j, img, 0);
            for (int k = 0; k < 3072; k++) {
                assertEquals(cifarPixel(batch, i, k), img[k] & 0xFF, "train image " + j + " byte " + k);
            }
            assertEquals(cifarLabel(batch, i), ds.label(DataSplit.TRAIN, j));
        }
        for (int i = 0; i < n; i++) {
            ds.image(DataSplit.VALID, i, img, 0);
            for (int k = 0; k < 3072; k++) {
                assertEquals(cifarPixel(9, i, k), img[k] & 0xFF, "valid image " + i + " byte " + k);
            }
            assertEquals(cifarLabel(9, i), ds.label(DataSplit.VALID, i));
        }
    }

    private static byte[] metaTxt() {
        return (String.join("\n", CIFAR_NAMES) + "\n\n").getBytes(StandardCharsets.US_ASCII);
    }

    // CIFAR-10 binary read inside its .tar.gz, whose members come out of order: train = batch 1 then 2
    @Test
    void cifarBinaryArchive() throws IOException {
        Path archive = write("cifar-10-binary.tar.gz", Writers.tarGz(Writers.members(
                "cifar-10-batches-bin/", new byte[0],
                "cifar-10-batches-bin/data_batch_2.bin", cifarBinary(2, 3),
                "cifar-10-batches-bin/batches.meta.txt", metaTxt(),
                "cifar-10-batches-bin/test_batch.bin", cifarBinary(9, 3),
                "cifar-10-batches-bin/readme.html", "<html>".getBytes(StandardCharsets.US_ASCII),
                "cifar-10-batches-bin/data_batch_1.bin", cifarBinary(1, 3))));
        ImageManifest m = prepare(archive);
        assertEquals("cifar-10-binary", m.sources().get(0).kind());
        assertEquals(9, m.sources().get(0).images());
        assertEquals(HashingInputStream.sha256(archive), m.sources().get(0).sha256());
        assertCifar(ImageDataset.open(out()), 3);
        assertNoStaging();
    }

    // the extracted directory gives the same dataset, byte for byte (same checksum of the splits)
    @Test
    void cifarBinaryDirectory() throws IOException {
        Path dir = tmp.resolve("cifar-10-batches-bin");
        write("cifar-10-batches-bin/data_batch_1.bin", cifarBinary(1, 3));
        write("cifar-10-batches-bin/data_batch_2.bin", cifarBinary(2, 3));
        write("cifar-10-batches-bin/test_batch.bin", cifarBinary(9, 3));
        write("cifar-10-batches-bin/batches.meta.txt", metaTxt());
        ImageManifest m = prepare(dir);
        assertCifar(ImageDataset.open(out()), 3);
        assertEquals(4, m.sources().size()); // meta and three batches, each with its own checksum
    }

    // a record cut short (3073 * 2 + 100 bytes) is an error naming the file; nothing is written
    @Test
    void truncatedCifarRecord() throws IOException {
        byte[] two = cifarBinary(1, 2);
        write("cifar-10-batches-bin/data_batch_1.bin", Arrays.copyOf(two, two.length - 3000));
        ImageException e = assertThrows(ImageException.class, () -> prepare(tmp.resolve("cifar-10-batches-bin")));
        assertEquals(tmp.resolve("cifar-10-batches-bin/data_batch_1.bin") + ": truncated CIFAR-10 record (3146 bytes"
                + " is not a whole number of 3073-byte records)", e.getMessage());
        assertFalse(Files.exists(out()));
        assertNoStaging();
    }

    // an archive cut in the middle is an error naming it
    @Test
    void truncatedCifarArchive() throws IOException {
        byte[] whole = Writers.tarGz(Writers.members("b/data_batch_1.bin", cifarBinary(1, 40),
                "b/test_batch.bin", cifarBinary(9, 40)));
        Path archive = write("cifar-10-binary.tar.gz", Arrays.copyOf(whole, whole.length * 2 / 3));
        ImageException e = assertThrows(ImageException.class, () -> prepare(archive));
        assertTrue(e.getMessage().startsWith(archive + ": truncated"), e.getMessage());
        assertFalse(Files.exists(out()));
        assertNoStaging();
    }

    // CIFAR-10 Python: pickles written as Python 2's cPickle writes them, in a .tar.gz listing them out of order
    @Test
    void cifarPythonArchive() throws IOException {
        Path archive = write("cifar-10-python.tar.gz", Writers.tarGz(Writers.members(
                "cifar-10-batches-py/data_batch_2", Writers.Pickle2.batch(cifarData(2, 3), cifarLabels(2, 3)),
                "cifar-10-batches-py/readme.html", new byte[10],
                "cifar-10-batches-py/test_batch", Writers.Pickle2.batch(cifarData(9, 3), cifarLabels(9, 3)),
                "cifar-10-batches-py/batches.meta", Writers.Pickle2.meta(CIFAR_NAMES),
                "cifar-10-batches-py/data_batch_1", Writers.Pickle2.batch(cifarData(1, 3), cifarLabels(1, 3)))));
        ImageManifest m = prepare(archive);
        assertEquals("cifar-10-python", m.sources().get(0).kind());
        assertCifar(ImageDataset.open(out()), 3);
    }

    // the directory form with a batch and meta re-pickled by Python 3 and numpy 2 (committed fixture: bytes keys,
    // _codecs.encode raw data, numpy._core): pixel k of image i is (7 i + 3 k) % 256, labels 3 and 7
    @Test
    void cifarPythonDirectoryPickledByPython3() throws IOException {
        write("cifar-10-batches-py/data_batch_1", Fixtures.resource("cifar-py3-batch.pickle"));
        write("cifar-10-batches-py/batches.meta", Fixtures.resource("cifar-py3-meta.pickle"));
        prepare(tmp.resolve("cifar-10-batches-py"));
        ImageDataset ds = ImageDataset.open(out());
        assertEquals(2, ds.size(DataSplit.TRAIN));
        assertEquals(0, ds.size(DataSplit.VALID));
        assertEquals(CIFAR_NAMES, ds.labelNames());
        byte[] img = new byte[3072];
        for (int i = 0; i < 2; i++) {
            ds.image(DataSplit.TRAIN, i, img, 0);
            for (int k = 0; k < 3072; k++) {
                assertEquals((7 * i + 3 * k) % 256, img[k] & 0xFF, "image " + i + " byte " + k);
            }
        }
        assertArrayEquals(new int[] {3, 7}, ds.labels(DataSplit.TRAIN, new long[] {0, 1}));
    }

    // a pickle whose labels do not match its images is an error naming the member
    @Test
    void cifarPythonLabelCountMismatch() throws IOException {
        write("cifar-10-batches-py/data_batch_1", Writers.Pickle2.batch(cifarData(1, 3), new int[] {1, 2}));
        write("cifar-10-batches-py/batches.meta", Writers.Pickle2.meta(CIFAR_NAMES));
        ImageException e = assertThrows(ImageException.class, () -> prepare(tmp.resolve("cifar-10-batches-py")));
        assertEquals(tmp.resolve("cifar-10-batches-py/data_batch_1") + ": 2 labels for 3 images", e.getMessage());
    }

    /** Pixel (y, x) of IDX image i. */
    private static int idxPixel(int i, int y, int x) {
        return (11 * i + 7 * y + 3 * x) % 256;
    }

    private static byte[] idxImages(int n, int offset) {
        byte[] d = new byte[n * 28 * 28];
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    d[(i * 28 + y) * 28 + x] = (byte) idxPixel(offset + i, y, x);
                }
            }
        }
        return Writers.idx(IdxInput.IMAGES_MAGIC, new int[] {n, 28, 28}, d);
    }

    private static byte[] idxLabels(int n, int offset) {
        byte[] l = new byte[n];
        for (int i = 0; i < n; i++) {
            l[i] = (byte) ((offset + i) % 10);
        }
        return Writers.idx(IdxInput.LABELS_MAGIC, new int[] {n}, l);
    }

    // gzipped IDX pairs: train -> train split, t10k -> valid; labels 0..9
    @Test
    void idxGzipPairs() throws IOException {
        Path a = write("mnist/train-images-idx3-ubyte.gz", Writers.gzip(idxImages(5, 0)));
        Path b = write("mnist/train-labels-idx1-ubyte.gz", Writers.gzip(idxLabels(5, 0)));
        Path c = write("mnist/t10k-images-idx3-ubyte.gz", Writers.gzip(idxImages(2, 100)));
        Path d = write("mnist/t10k-labels-idx1-ubyte", idxLabels(2, 100)); // not gzipped: told by magic
        prepare(List.of(c, d, a, b), null, null, false);
        ImageDataset ds = ImageDataset.open(out());
        assertEquals(new ImageShape(1, 28, 28), ds.shape());
        assertEquals(5, ds.size(DataSplit.TRAIN));
        assertEquals(2, ds.size(DataSplit.VALID));
        byte[] img = new byte[784];
        for (int i = 0; i < 5; i++) {
            ds.image(DataSplit.TRAIN, i, img, 0);
            for (int k = 0; k < 784; k++) {
                assertEquals(idxPixel(i, k / 28, k % 28), img[k] & 0xFF);
            }
            assertEquals(i % 10, ds.label(DataSplit.TRAIN, i));
        }
        ds.image(DataSplit.VALID, 1, img, 0);
        assertEquals(idxPixel(101, 27, 27), img[783] & 0xFF);
        assertEquals(1, ds.label(DataSplit.VALID, 1));
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), ds.labelNames());
        // the directory gives the same dataset
        Path first = tmp.resolve("first");
        Files.move(out(), first);
        prepare(tmp.resolve("mnist"));
        assertEquals(ImageDataset.open(first).manifest().checksum(), ImageDataset.open(out()).manifest().checksum());
    }

    // IDX at --size 14 --channels 3: each output pixel is the mean of a 2x2 block, replicated to R, G, B
    @Test
    void idxResizedToRgb() throws IOException {
        Path a = write("train-images-idx3-ubyte", idxImages(1, 0));
        Path b = write("train-labels-idx1-ubyte", idxLabels(1, 0));
        prepare(List.of(a, b), 14, 3, false);
        ImageDataset ds = ImageDataset.open(out());
        assertEquals(new ImageShape(3, 14, 14), ds.shape());
        byte[] img = new byte[3 * 196];
        ds.image(DataSplit.TRAIN, 0, img, 0);
        for (int y = 0; y < 14; y++) {
            for (int x = 0; x < 14; x++) {
                int sum = idxPixel(0, 2 * y, 2 * x) + idxPixel(0, 2 * y, 2 * x + 1) + idxPixel(0, 2 * y + 1, 2 * x)
                        + idxPixel(0, 2 * y + 1, 2 * x + 1);
                int mean = (2 * sum + 4) / 8; // sum / 4 rounded half up
                for (int c = 0; c < 3; c++) {
                    assertEquals(mean, img[c * 196 + y * 14 + x] & 0xFF, "(" + x + ", " + y + ") channel " + c);
                }
            }
        }
    }

    // wrong magic, and a label count that differs from the image count, are one error each
    @Test
    void badIdxFiles() throws IOException {
        Path a = write("train-images-idx3-ubyte", idxImages(3, 0));
        Path b = write("train-labels-idx1-ubyte", idxImages(3, 0)); // an images file where labels belong
        ImageException e = assertThrows(ImageException.class, () -> prepare(List.of(a, b), null, null, false));
        assertEquals(b + ": not an IDX labels file (magic 0x00000803, expected 0x00000801)", e.getMessage());
        Files.write(b, idxLabels(4, 0));
        e = assertThrows(ImageException.class, () -> prepare(List.of(a, b), null, null, false));
        assertEquals(b + ": 4 labels for 3 images in train-images-idx3-ubyte", e.getMessage());
        byte[] cut = idxImages(3, 0);
        Files.write(a, Arrays.copyOf(cut, cut.length - 10));
        Files.write(b, idxLabels(3, 0));
        e = assertThrows(ImageException.class, () -> prepare(List.of(a, b), null, null, false));
        assertEquals(a + ": truncated IDX file (unexpected end of data)", e.getMessage());
        assertFalse(Files.exists(out()));
        assertNoStaging();
    }

    /** A 16x16 JPEG of one colour. */
    private static byte[] flatJpeg(int r, int g, int b) {
        return Fixtures.jpeg(Fixtures.rgb(16, 16, (x, y) -> new int[] {r, g, b}));
    }

    private Map<String, byte[]> lsunValues() {
        Map<String, byte[]> v = new LinkedHashMap<>();
        // keys in LMDB order (sorted bytes): 0a.. < 1b.. < 2c..
        v.put("2c9f", flatJpeg(40, 160, 90));
        v.put("0a11", Fixtures.resource("lossless-4x3.webp"));
        v.put("1b22", Fixtures.resource("lossy-16x16.webp"));
        return v;
    }

    /** The LSUN dataset at --size 3: the 4x3 WebP cropped to columns 0..2, the lossy halves, the flat JPEG. */
    private void assertLsun(ImageDataset ds, String category) {
        assertEquals(new ImageShape(3, 3, 3), ds.shape());
        assertEquals(3, ds.size(DataSplit.TRAIN));
        assertEquals(List.of(category), ds.labelNames());
        byte[] img = new byte[27];
        ds.image(DataSplit.TRAIN, 0, img, 0); // key 0a11: exact
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 3; x++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(Fixtures.WEBP_4X3[y][x][c], img[c * 9 + y * 3 + x] & 0xFF);
                }
            }
        }
        ds.image(DataSplit.TRAIN, 1, img, 0); // key 1b22: 16 -> 3, left column red, right column blue
        for (int y = 0; y < 3; y++) {
            assertTrue((img[y * 3] & 0xFF) > 180 && (img[18 + y * 3] & 0xFF) < 50, Arrays.toString(img));
            assertTrue((img[y * 3 + 2] & 0xFF) < 50 && (img[18 + y * 3 + 2] & 0xFF) > 180, Arrays.toString(img));
        }
        ds.image(DataSplit.TRAIN, 2, img, 0); // key 2c9f: the flat JPEG
        for (int k = 0; k < 9; k++) {
            assertTrue(Math.abs((img[k] & 0xFF) - 40) <= 3 && Math.abs((img[9 + k] & 0xFF) - 160) <= 3
                    && Math.abs((img[18 + k] & 0xFF) - 90) <= 3, Arrays.toString(img));
        }
        assertArrayEquals(new int[] {0, 0, 0}, ds.labels(DataSplit.TRAIN, new long[] {0, 1, 2}));
    }

    // LSUN: an LMDB (written with lmdbjava) of WebP and JPEG values, read in key order
    @Test
    void lsunLmdbDirectory() throws IOException {
        Path db = tmp.resolve("bedroom_train_lmdb");
        Writers.lmdb(db, lsunValues());
        ImageManifest m = prepare(List.of(db), 3, null, false);
        assertEquals("lsun-lmdb", m.sources().get(0).kind());
        assertEquals(HashingInputStream.sha256(db.resolve("data.mdb")), m.sources().get(0).sha256());
        assertLsun(ImageDataset.open(out()), "bedroom");
    }

    // ... and the zip that holds it, extracted into the staged dataset (and gone with it)
    @Test
    void lsunZip() throws IOException {
        Path db = tmp.resolve("src/church_outdoor_train_lmdb");
        Writers.lmdb(db, lsunValues());
        Path zip = tmp.resolve("church_outdoor_train_lmdb.zip");
        try (var z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            for (String f : List.of("data.mdb", "lock.mdb")) {
                z.putNextEntry(new java.util.zip.ZipEntry("church_outdoor_train_lmdb/" + f));
                z.write(Files.readAllBytes(db.resolve(f)));
                z.closeEntry();
            }
        }
        prepare(List.of(zip), 3, null, false);
        assertLsun(ImageDataset.open(out()), "church_outdoor");
        try (Stream<Path> s = Files.walk(out())) {
            assertEquals(List.of(), s.filter(p -> p.toString().endsWith(".mdb")).toList());
        }
    }

    // an LMDB without images, and a value that is no image, are errors naming them
    @Test
    void badLmdb() throws IOException {
        Path empty = tmp.resolve("empty_train_lmdb");
        Writers.lmdb(empty, Map.of());
        ImageException e = assertThrows(ImageException.class, () -> prepare(List.of(empty), 8, null, false));
        assertEquals(empty + ": the LMDB database holds no images", e.getMessage());
        Path bad = tmp.resolve("bad_train_lmdb");
        Map<String, byte[]> v = new LinkedHashMap<>(lsunValues());
        v.put("1c00", "this is not an image".getBytes(StandardCharsets.US_ASCII));
        Writers.lmdb(bad, v);
        e = assertThrows(ImageException.class, () -> prepare(List.of(bad), 3, null, false));
        assertEquals(bad + "!1c00: not an image in a known format (PNG, JPEG, WebP, GIF, BMP)", e.getMessage());
        ImageManifest m = prepare(List.of(bad), 3, null, true);
        assertEquals(3, m.train().images());
        assertEquals(1, m.counts().corruptSkipped());
        assertEquals(4, m.counts().imagesRead());
    }

    /** The 5x3 gray image whose centre 3x3 resizes to [[40, 80], [160, 200]] (see AreaResizeTest). */
    private static byte[] oddPng() {
        int[][] v = {{255, 0, 30, 60, 255}, {255, 90, 120, 150, 255}, {255, 180, 210, 240, 255}};
        return Fixtures.png(Fixtures.gray(5, 3, (x, y) -> v[y][x]));
    }

    // a folder with class sub-folders and odd sizes, gray, 16-bit, CMYK and EXIF-rotated files, at --size 2
    @Test
    void folderOfImages() throws IOException {
        write("photos/cats/a-odd.png", oddPng());
        java.awt.image.BufferedImage g16 = new java.awt.image.BufferedImage(2, 2,
                java.awt.image.BufferedImage.TYPE_USHORT_GRAY);
        g16.getRaster().setSamples(0, 0, 2, 2, 0, new int[] {257 * 10, 257 * 20, 257 * 30, 257 * 40});
        write("photos/cats/b-16bit.png", Fixtures.png(g16));
        write("photos/dogs/c-cmyk.jpg", Fixtures.resource("cmyk-16x16.jpg"));
        // stored 4 wide, 2 tall, left half dark, right half light; orientation 8 (90 degrees counter-clockwise)
        // shows it 2 wide, 4 tall with the light half on top
        byte[] jpeg = Fixtures.jpeg(Fixtures.rgb(16, 8, (x, y) -> x < 8 ? new int[] {30, 30, 30}
                : new int[] {220, 220, 220}));
        write("photos/dogs/nested/d-exif.jpg", Fixtures.withExifOrientation(jpeg, 8));
        write("photos/dogs/notes.txt", "not an image".getBytes(StandardCharsets.US_ASCII));
        write("photos/dogs/.hidden.png", oddPng());
        ImageManifest m = prepare(List.of(tmp.resolve("photos")), 2, 1, false);
        assertEquals(List.of("cats", "dogs"), m.labels().names());
        assertEquals(2, m.counts().otherFilesSkipped());
        ImageDataset ds = ImageDataset.open(out());
        assertEquals(4, ds.size(DataSplit.TRAIN));
        byte[] img = new byte[4];
        ds.image(DataSplit.TRAIN, 0, img, 0);
        assertArrayEquals(new byte[] {40, 80, (byte) 160, (byte) 200}, img);
        ds.image(DataSplit.TRAIN, 1, img, 0);
        assertArrayEquals(new byte[] {10, 20, 30, 40}, img);
        ds.image(DataSplit.TRAIN, 2, img, 0); // CMYK quadrants -> luma of white, red / blue, black
        assertTrue((img[0] & 0xFF) > 230 && (img[3] & 0xFF) < 70, Arrays.toString(img));
        ds.image(DataSplit.TRAIN, 3, img, 0); // EXIF: 8x16 shown, centre 8x8 (rows 4..11) -> light top, dark bottom
        assertTrue(Math.abs((img[0] & 0xFF) - 220) <= 4 && Math.abs((img[1] & 0xFF) - 220) <= 4, Arrays.toString(img));
        assertTrue(Math.abs((img[2] & 0xFF) - 30) <= 4 && Math.abs((img[3] & 0xFF) - 30) <= 4, Arrays.toString(img));
        assertArrayEquals(new int[] {0, 0, 1, 1}, ds.labels(DataSplit.TRAIN, new long[] {0, 1, 2, 3}));
        assertEquals("image-folder", m.sources().get(0).kind());
    }

    // channels default to the source: a folder of gray images gives one channel, one colour image makes three
    @Test
    void folderChannelsFromTheSource() throws IOException {
        write("gray/a.png", oddPng());
        write("gray/b.png", oddPng());
        assertEquals(1, prepare(List.of(tmp.resolve("gray")), 2, null, false).shape().channels());
        Files.delete(tmp.resolve("gray/a.png"));
        write("gray/a.png", Fixtures.png(Fixtures.rgb(3, 3, (x, y) -> new int[] {x, y, 0})));
        ImageManifest m = ImagePreparer.prepare(new ImagePrepareOptions(List.of(tmp.resolve("gray")), out(), 2, null,
                0, 1, false, null, true), ImagePreparer.Progress.NONE);
        assertEquals(3, m.shape().channels());
        assertNull(m.labels()); // no class folders: no labels
        assertFalse(Files.exists(out().resolve("train-labels.u8")));
    }

    // a corrupt image is an error naming it, or with --skip-bad a counted skip
    @Test
    void corruptImageInFolder() throws IOException {
        write("imgs/a.png", oddPng());
        byte[] png = oddPng();
        Path broken = write("imgs/b.png", Arrays.copyOf(png, png.length / 2));
        write("imgs/c.png", oddPng());
        ImageException e = assertThrows(ImageException.class, () -> prepare(List.of(tmp.resolve("imgs")), 2, null,
                false));
        assertTrue(e.getMessage().startsWith(broken + ": corrupt or unreadable image ("), e.getMessage());
        assertFalse(Files.exists(out()));
        assertNoStaging();
        ImageManifest m = prepare(List.of(tmp.resolve("imgs")), 2, null, true);
        assertEquals(2, m.train().images());
        assertEquals(1, m.counts().corruptSkipped());
        assertTrue(m.counts().skippedFiles().get(0).startsWith(broken.toString()));
    }

    // an empty folder, a missing input and a folder without --size are errors
    @Test
    void folderErrors() throws IOException {
        Files.createDirectories(tmp.resolve("empty"));
        ImageException e = assertThrows(ImageException.class, () -> prepare(List.of(tmp.resolve("empty")), 8, null,
                false));
        assertEquals(tmp.resolve("empty") + ": no images (PNG, JPEG, WebP, GIF, BMP) in the folder", e.getMessage());
        e = assertThrows(ImageException.class, () -> prepare(tmp.resolve("nowhere")));
        assertEquals(tmp.resolve("nowhere") + ": no such file or directory", e.getMessage());
        write("imgs/a.png", oddPng());
        e = assertThrows(ImagePrepareOptions.Conflict.class, () -> prepare(tmp.resolve("imgs")));
        assertEquals("--size is required for " + tmp.resolve("imgs") + " (its images differ in size)", e.getMessage());
    }

    // --valid N sets aside the first N of a seeded Fisher-Yates shuffle of the ordinals, order kept
    @Test
    void randomValidSplit() throws IOException {
        for (int i = 0; i < 10; i++) {
            int v = i * 20;
            write("imgs/" + i + ".png", Fixtures.png(Fixtures.gray(2, 2, (x, y) -> v)));
        }
        ImagePreparer.prepare(new ImagePrepareOptions(List.of(tmp.resolve("imgs")), out(), 2, null, 3, 7, false,
                null, false), ImagePreparer.Progress.NONE);
        // the same shuffle, done here: for i = 9 .. 1 swap(i, nextInt(i + 1)) with Random(7); valid = first 3
        int[] a = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 9; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        int[] valid = Arrays.stream(a, 0, 3).sorted().toArray();
        ImageDataset ds = ImageDataset.open(out());
        assertEquals(3, ds.size(DataSplit.VALID));
        assertEquals(7, ds.size(DataSplit.TRAIN));
        byte[] img = new byte[4];
        for (int k = 0; k < 3; k++) {
            ds.image(DataSplit.VALID, k, img, 0);
            assertEquals(valid[k] * 20, img[0] & 0xFF);
        }
    }

    // an existing output needs --force; a directory that is not an image dataset is never replaced
    @Test
    void existingOutput() throws IOException {
        Path a = write("train-images-idx3-ubyte", idxImages(2, 0));
        Path b = write("train-labels-idx1-ubyte", idxLabels(2, 0));
        prepare(List.of(a, b), null, null, false);
        String before = ImageDataset.open(out()).manifest().createdAt();
        ImageException e = assertThrows(ImageException.class, () -> prepare(List.of(a, b), null, null, false));
        assertEquals(out() + ": already exists; use --force to replace it", e.getMessage());
        assertEquals(before, ImageDataset.open(out()).manifest().createdAt());
        ImagePreparer.prepare(new ImagePrepareOptions(List.of(a, b), out(), 14, null, 0, 1, false, null, true),
                ImagePreparer.Progress.NONE);
        assertEquals(14, ImageDataset.open(out()).shape().height());
        Path mine = tmp.resolve("mine");
        write("mine/notes.txt", "keep me".getBytes(StandardCharsets.US_ASCII));
        e = assertThrows(ImageException.class, () -> ImagePreparer.prepare(new ImagePrepareOptions(List.of(a, b),
                mine, null, null, 0, 1, false, null, true), ImagePreparer.Progress.NONE));
        assertEquals(mine + ": exists and is not an image dataset; refusing to replace it even with --force",
                e.getMessage());
        assertTrue(Files.exists(mine.resolve("notes.txt")));
    }

    // batches are x / 127.5 - 1: 0 -> -1, 51 -> -0.6, 255 -> 1, in (B, C, H, W) order
    @Test
    void batchesAreScaledToPlusMinusOne() throws IOException {
        write("imgs/a.png", Fixtures.png(Fixtures.gray(2, 1, (x, y) -> x == 0 ? 0 : 51)));
        write("imgs/b.png", Fixtures.png(Fixtures.gray(2, 1, (x, y) -> 255)));
        ImagePreparer.prepare(new ImagePrepareOptions(List.of(tmp.resolve("imgs")), out(), 1, 3, 0, 1, false, null,
                false), ImagePreparer.Progress.NONE);
        ImageDataset ds = ImageDataset.open(out());
        // a.png is 2x1: centre crop 1x1 at x = 0 (offset (2-1)/2 = 0) -> 0; b.png -> 255
        float[] batch = ds.batch(DataSplit.TRAIN, new long[] {1, 0});
        assertArrayEquals(new float[] {1f, 1f, 1f, -1f, -1f, -1f}, batch);
        write("imgs2/c.png", Fixtures.png(Fixtures.gray(1, 1, (x, y) -> 51)));
        Path out2 = tmp.resolve("out2");
        ImagePreparer.prepare(new ImagePrepareOptions(List.of(tmp.resolve("imgs2")), out2, 1, null, 0, 1, false,
                null, false), ImagePreparer.Progress.NONE);
        assertEquals(-0.6f, ImageDataset.open(out2).batch(DataSplit.TRAIN, new long[] {0})[0], 1e-7f);
    }

    private void assertNoStaging() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.contains(".partial-")).toList());
        }
    }
}
